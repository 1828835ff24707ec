package dev.obrol.bench;

import java.nio.charset.StandardCharsets;

/**
 * IRC as a client speaks it (RFC 2812): {@code NICK}/{@code USER} to register, the server's
 * {@code 001} as the welcome, {@code PRIVMSG <nick> :<text>} for a direct message both ways, and
 * {@code PONG} for every {@code PING} (servers drop clients that stay silent). This is all the
 * {@code messages} scenario needs to load an IRC server exactly as it loads obrol.
 */
final class IrcWire implements ChatWire {
    /** Port of an IRC server when none is given. */
    static final int DEFAULT_PORT = 6667;
    /**
     * Longest message text the bench sends. An IRC line is at most 512 bytes with its CR LF, and
     * the line the receiver gets carries the sender's {@code :nick!user@host} (host up to 64
     * bytes) and the command before the text: 400 leaves room for all of it.
     */
    static final int MAX_TEXT = 400;

    private static final byte[] PRIVMSG = FrameFields.bytes("PRIVMSG");
    private static final byte[] PING = FrameFields.bytes("PING");
    private static final byte[] ERROR = FrameFields.bytes("ERROR");
    private static final byte[] NOTICE = FrameFields.bytes("NOTICE");
    private static final byte[] MODE = FrameFields.bytes("MODE");
    private static final byte[] PONG = FrameFields.bytes("PONG");
    private static final byte[] LINE_END = FrameFields.bytes("\r\n");
    private static final int RPL_WELCOME = 1;
    /** ERR_NOMOTD: "MOTD file is missing", in the error range but only a server without a MOTD. */
    private static final int ERR_NOMOTD = 422;

    @Override
    public String name() {
        return "irc";
    }

    @Override
    public byte[] login(String name) {
        // USER's first parameter becomes the user part of nick!user@host; the realname is free text.
        return ("NICK " + name + "\r\nUSER bench 0 * :obrol bench\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public ReceivedLine newLine() {
        return new IrcLine();
    }

    @Override
    public Meaning meaning(ReceivedLine line) {
        if (line.typeIs(PRIVMSG)) {
            return Meaning.DIRECT_MESSAGE; // the bench joins no channel: every PRIVMSG is to this client
        }
        int numeric = ((IrcLine) line).numeric();
        if (numeric == RPL_WELCOME) {
            return Meaning.WELCOME;
        }
        if (numeric >= 400 && numeric < 600 && numeric != ERR_NOMOTD) {
            return Meaning.ERROR; // ERR_* replies, e.g. 401 no such nick, 433 nickname in use
        }
        if (numeric >= 0 || line.typeIs(NOTICE) || line.typeIs(MODE) || line.typeIs(PING) || line.typeIs(PONG)) {
            // The welcome burst (002-005, LUSERS, MOTD), server notices, the user modes set at
            // registration; a PING is answered by reply() before it reaches a scenario.
            return Meaning.NOISE;
        }
        return line.typeIs(ERROR) ? Meaning.ERROR : Meaning.OTHER;
    }

    @Override
    public byte[] reply(ReceivedLine line) {
        if (!line.typeIs(PING)) {
            return null;
        }
        return ("PONG :" + line.message() + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] messagePrefix(String to) {
        return ("PRIVMSG " + to + " :").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] messageSuffix() {
        return LINE_END.clone();
    }
}
