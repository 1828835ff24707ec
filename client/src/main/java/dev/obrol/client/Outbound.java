package dev.obrol.client;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.FileChunk;
import java.util.concurrent.CompletableFuture;

/** Where a session's messages to the server go. {@link ServerConnection} in real use, a recorder in tests. */
public interface Outbound {
    /** Sends one message, in order after the ones before it. */
    void send(ClientMessage message);

    /**
     * Sends one message like {@link #send} and completes when the server has answered it (see
     * {@link Confirmations}): by then every reply it caused (an ERROR, a FILE_STREAM_CANCEL) has
     * been handed to the session.
     */
    CompletableFuture<Delivery> sendConfirmed(ClientMessage message);

    /**
     * Sends one file chunk (protocol 2), in order after everything this thread sent before; takes
     * over the chunk's reference. Chat sent meanwhile from other threads goes between chunks.
     */
    void sendChunk(FileChunk chunk);

    /** Waits (for a bounded time) until everything sent so far is written, then closes. */
    void finish();
}
