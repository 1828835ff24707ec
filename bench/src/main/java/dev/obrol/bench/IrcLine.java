package dev.obrol.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The IRC {@link ReceivedLine} (RFC 1459 / 2812 message format, as modern servers send it):
 * {@code [@tags] [:prefix] COMMAND [params] [:trailing]}. The type is the command (or the
 * three-digit numeric); the message is the last parameter, trailing or not, which for
 * {@code PRIVMSG <me> :<text>} is the text and for {@code PING :<token>} the token. A trailing CR
 * (lines end in CR LF; {@link LineFrames} cuts at the LF) is not part of the line.
 *
 * <p>As {@link FrameFields} does, the line is copied once into an array of this object's and
 * scanned there. Reusable, not thread-safe: one instance per connection.
 */
final class IrcLine implements ReceivedLine {
    private byte[] bytes = new byte[256];
    private int length;
    private int commandStart;
    private int commandEnd;
    private int messageStart = -1;
    private int messageEnd = -1;

    @Override
    public boolean scan(ByteBuf line) {
        length = line.readableBytes();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        line.getBytes(line.readerIndex(), bytes, 0, length);
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return scan();
    }

    private boolean scan() {
        messageStart = messageEnd = -1;
        int i = skipSpaces(0);
        if (i < length && bytes[i] == '@') { // IRCv3 message tags
            i = skipSpaces(wordEnd(i));
        }
        if (i < length && bytes[i] == ':') { // the source: server name or nick!user@host
            i = skipSpaces(wordEnd(i));
        }
        commandStart = i;
        commandEnd = wordEnd(i);
        if (commandEnd == commandStart) {
            return false;
        }
        i = skipSpaces(commandEnd);
        while (i < length) {
            if (bytes[i] == ':') { // the trailing parameter: the rest of the line, spaces and all
                messageStart = i + 1;
                messageEnd = length;
                return true;
            }
            messageStart = i;
            messageEnd = wordEnd(i);
            i = skipSpaces(messageEnd);
        }
        return true;
    }

    @Override
    public boolean typeIs(byte[] expected) {
        return Arrays.equals(bytes, commandStart, commandEnd, expected, 0, expected.length);
    }

    @Override
    public String type() {
        return commandEnd > commandStart ? new String(bytes, commandStart, commandEnd - commandStart, StandardCharsets.UTF_8) : "?";
    }

    /** The three-digit numeric of a server reply (e.g. 1 for 001, 433), or -1 for a command. */
    int numeric() {
        if (commandEnd - commandStart != 3) {
            return -1;
        }
        int n = 0;
        for (int i = commandStart; i < commandEnd; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            n = n * 10 + (b - '0');
        }
        return n;
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public int messageStart() {
        return messageStart;
    }

    @Override
    public int messageEnd() {
        return messageEnd;
    }

    /** The whole line as text (for error reports). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private int wordEnd(int i) {
        while (i < length && bytes[i] != ' ') {
            i++;
        }
        return i;
    }

    private int skipSpaces(int i) {
        while (i < length && bytes[i] == ' ') {
            i++;
        }
        return i;
    }
}
