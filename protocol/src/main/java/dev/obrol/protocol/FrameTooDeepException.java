package dev.obrol.protocol;

import io.netty.handler.codec.DecoderException;

/**
 * A JSON object nested deeper than the limit, refused as soon as the opening bracket past the
 * limit arrives rather than when (if ever) the object closes. Where the object would end is then
 * unknown, so the connection must be closed.
 */
public final class FrameTooDeepException extends DecoderException {
    private final int limit;

    public FrameTooDeepException(int limit) {
        super("object nested deeper than " + limit + " levels");
        this.limit = limit;
    }

    /** The deepest nesting allowed. */
    public int limit() {
        return limit;
    }
}
