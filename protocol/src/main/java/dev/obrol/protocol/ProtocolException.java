package dev.obrol.protocol;

/**
 * A peer broke the protocol. The message is written for a person and never holds stack traces or
 * class names, but it is English and may quote the JSON parser: a detail for a log, not a text
 * for the peer (the server answers the peer in the peer's own language).
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
