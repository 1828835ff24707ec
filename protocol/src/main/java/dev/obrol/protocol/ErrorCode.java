package dev.obrol.protocol;

/** Stable machine-readable reasons carried in {@code ERROR.code} (an obrol extension). */
public enum ErrorCode {
    /** The bytes are not a JSON object. */
    MALFORMED,
    /** A JSON object whose type is unknown or not accepted from this side. */
    UNKNOWN_TYPE,
    /** A required field is missing or has the wrong JSON type. */
    BAD_FIELD,
    /** A frame longer than the server accepts; the connection is closed. */
    FRAME_TOO_LONG,
    /** Text longer than the documented limit. */
    TOO_LONG,
    /** The username breaks the naming rules. */
    INVALID_USERNAME,
    /** The username is already in use (case ignored). */
    USERNAME_TAKEN,
    /** A request before the handshake, or a second handshake. */
    NOT_LOGGED_IN,
    ALREADY_LOGGED_IN,
    /** The target user is not online. */
    NO_SUCH_USER,
    /** A file answer with no matching offer. */
    NO_SUCH_OFFER,
    /** (protocol 2) a streamed-transfer message for a transfer that is not this client's, or is over. */
    NO_SUCH_TRANSFER,
    /** The file is larger than allowed or its data is not valid Base64. */
    BAD_FILE,
    /** The operator disconnected this user; the message says why. The connection is closed. */
    KICKED,
    /** The server is shutting down. */
    SHUTDOWN,
    /** Too many messages too fast; this one was dropped. Repeated floods close the connection. */
    RATE_LIMITED,
    /** The server, or this address, has as many connections as allowed; the connection is closed. */
    TOO_MANY_CONNECTIONS,
    /** The server password is missing or wrong; the connection is closed. */
    BAD_PASSWORD,
    /** Nothing received for longer than the idle timeout; the connection is closed. */
    IDLE_TIMEOUT,
    /** The server is temporarily out of room for large messages; try again later. */
    SERVER_BUSY;

    public String wireName() {
        return name();
    }
}
