package dev.obrol.server;

import dev.obrol.protocol.ServerMessage;

/**
 * Sends messages to users wherever they are connected: the one way the server's features reach a
 * user's connections. One node delivers to its own connections ({@link LocalDelivery}); a cluster
 * puts here a delivery that forwards to the node a user is on.
 */
public interface Delivery {

    /** Queues {@code message} to every connection of {@code user}. */
    void send(User user, ServerMessage message);

    /**
     * The operator's broadcast: {@code message} to every user online, encoded once and framed once
     * per wire format. Returns how many users it was sent to.
     */
    int broadcast(ServerMessage message);
}
