package dev.obrol.protocol;

/**
 * A peer broke the protocol. The message is written for a person and is safe to send back to the
 * peer: it never holds stack traces or class names.
 */
public final class ProtocolException extends Exception {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
