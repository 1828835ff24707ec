package dev.obrol.client;

import dev.obrol.protocol.ClientMessage;

/** Where a session's messages to the server go. {@link ServerConnection} in real use, a recorder in tests. */
public interface Outbound {
    /** Sends one message, in order after the ones before it. */
    void send(ClientMessage message);

    /** Waits (for a bounded time) until everything sent so far is written, then closes. */
    void finish();
}
