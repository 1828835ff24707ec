package dev.obrol.protocol;

import io.netty.handler.codec.DecoderException;

/**
 * A JSON object grew past the limit that applies to it before it closed, or past what the server
 * could hold at the moment ({@link #busy()}). The connection must be closed.
 */
public final class FrameTooLongException extends DecoderException {
    private final int limit;
    private final boolean busy;

    public FrameTooLongException(int limit) {
        this(limit, false);
    }

    public FrameTooLongException(int limit, boolean busy) {
        super(busy ? "no room for a frame longer than " + limit + " bytes" : "frame longer than " + limit + " bytes");
        this.limit = limit;
        this.busy = busy;
    }

    /** The limit the frame crossed, in bytes. */
    public int limit() {
        return limit;
    }

    /** True if the frame was refused for lack of server-wide room, not for breaking a limit. */
    public boolean busy() {
        return busy;
    }
}
