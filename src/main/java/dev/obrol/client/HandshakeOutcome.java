package dev.obrol.client;

/** How a login attempt ended. */
public sealed interface HandshakeOutcome {

    /** The server took the name. */
    record Accepted(ServerInfo server, String welcome) implements HandshakeOutcome {}

    /** The server refused the name (taken, invalid); the user may try another. */
    record NameRefused(String reason) implements HandshakeOutcome {}

    /** Logging in failed for a reason another name would not fix. */
    record Failed(String reason) implements HandshakeOutcome {}
}
