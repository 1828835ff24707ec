package dev.obrol.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

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

    /** The scanned line's bytes; the message range indexes into it. */
    byte[] bytes();

    /** Where the message starts in {@link #bytes()}, or -1 when the line has none. */
    int messageStart();

    int messageEnd();

    default boolean hasMessage() {
        return messageStart() >= 0;
    }

    /** The message as text, "" when there is none (for error reports, not for the hot path). */
    default String message() {
        return hasMessage() ? new String(bytes(), messageStart(), messageEnd() - messageStart(), StandardCharsets.UTF_8) : "";
    }
}
