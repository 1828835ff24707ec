package dev.obrol.bench;

import io.netty.buffer.ByteBuf;

/**
 * One received line, scanned for the two things the scenarios look at: its type (obrol: the
 * {@code type} field; IRC: the command or numeric) and its message (obrol: the {@code message}
 * field; IRC: the last parameter, which is a PRIVMSG's text). Ranges index into {@link #bytes()},
 * a copy of the line that stays valid until the next scan. Reusable, not thread-safe: one
 * instance per connection, on its event loop.
 */
interface ReceivedLine {
    /** Scans {@code line} (not consumed, not released); false if it is not a line of this protocol. */
    boolean scan(ByteBuf line);

    boolean typeIs(byte[] expected);

    /** The type as text, "?" when the line has none (for error reports, not for the hot path). */
    String type();

    boolean hasMessage();

    /** The scanned line's bytes; the message range indexes into it. */
    byte[] bytes();

    int messageStart();

    int messageEnd();

    /** The message as text, "" when there is none (for error reports, not for the hot path). */
    String message();
}
