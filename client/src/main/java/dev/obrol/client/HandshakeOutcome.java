package dev.obrol.client;

/** How a login attempt ended. */
public sealed interface HandshakeOutcome {

    /** The server took the name. */
    record Accepted(ServerInfo server, String welcome) implements HandshakeOutcome {}

    /** The server refused the name (taken, invalid); the user may try another. */
    record NameRefused(String reason) implements HandshakeOutcome {}

    /** The server wants a password, or another one (BAD_PASSWORD); the connection is closed. */
    record PasswordRefused(String reason) implements HandshakeOutcome {}

    /** Logging in failed for a reason another name would not fix. */
    record Failed(String reason, String code) implements HandshakeOutcome {
        /** Failed without an error code (a v1 server, or the connection closed). */
        public Failed(String reason) {
            this(reason, null);
        }
    }
}
