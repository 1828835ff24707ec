package dev.obrol.protocol;

import io.netty.handler.codec.DecoderException;

/** A JSON object grew past the frame limit before it closed. The connection must be closed. */
public final class FrameTooLongException extends DecoderException {
    private final int limit;

    public FrameTooLongException(int limit) {
        super("frame longer than " + limit + " bytes");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
