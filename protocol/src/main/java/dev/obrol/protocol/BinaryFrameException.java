package dev.obrol.protocol;

import io.netty.handler.codec.DecoderException;

/**
 * A binary chunk frame ({@link BinaryChunkFrame}) the connection may not send, or whose header
 * cannot be read: where it would end is then unknown (or it should not be there at all), so the
 * connection must be closed, as for any framing violation.
 */
public final class BinaryFrameException extends DecoderException {
    /** What was wrong. */
    public enum Problem {
        /** The connection did not negotiate feature {@value StreamLimits#BINARY_FEATURE} (or has not logged in yet). */
        NOT_NEGOTIATED,
        /** A transfer id length outside 1 to 40, or an empty payload. */
        BAD_HEADER
    }

    private final Problem problem;

    public BinaryFrameException(Problem problem) {
        super(problem == Problem.NOT_NEGOTIATED ? "binary frame without negotiating " + StreamLimits.BINARY_FEATURE
                : "binary frame with an unreadable header");
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
