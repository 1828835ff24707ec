package dev.obrol.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code PEER_MSG}, the message a server sends most, without setting up a Jackson
 * generator per message (a large share of the server's time under load; figures in
 * docs/BENCHMARKS.md). Text that needs no escaping (ASCII without control characters, quotes or
 * backslashes: most chat) is copied straight into the buffer; anything else is escaped by
 * Jackson's own {@link JsonStringEncoder}. Either way the bytes are exactly what the generic encoder writes for valid
 * Unicode; a test compares the two.
 */
final class PeerMsgWriter {
    private static final byte[] START = "{\"type\":\"PEER_MSG\",\"from_username\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = "\",\"message\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);

    private PeerMsgWriter() {}

    /** Appends {@code message} as one JSON object (no newline) to {@code out}. */
    static void write(ServerMessage.PeerMsg message, ByteBuf out) {
        String from = message.fromUsername();
        String text = message.message();
        out.ensureWritable(START.length + from.length() + MIDDLE.length + text.length() + END.length + 1);
        out.writeBytes(START);
        writeString(from, out);
        out.writeBytes(MIDDLE);
        writeString(text, out);
        out.writeBytes(END);
    }

    /** The JSON string body of {@code s} (without quotes). */
    private static void writeString(String s, ByteBuf out) {
        // getBytes is a vectorized copy for ASCII text, and ASCII with no control character, quote
        // or backslash is its own JSON form. Every non-ASCII character takes two or more bytes, so
        // equal lengths mean ASCII (a lone surrogate would become one '?', as getBytes writes it,
        // where Jackson would fail: the decoder refuses such text, so none reaches this).
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == s.length() && JsonBytes.stringStop(bytes, 0, bytes.length) == bytes.length) {
            out.writeBytes(bytes);
        } else {
            out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(s));
        }
    }
}
