package dev.obrol.server;

import dev.obrol.protocol.MessageCodec;
import dev.obrol.server.presence.ScopedPresence;

/**
 * The three seams through which the server's features reach users: where they are ({@link
 * Directory}), how a message gets to them ({@link Delivery}) and who is told when they come and go
 * ({@link Presence}). One node uses {@link #local}; a cluster passes its own to {@link ObrolServer}.
 */
public record Topology(Directory directory, Delivery delivery, Presence presence) {

    /** One node on its own: every user is connected here. */
    public static Topology local(MessageCodec codec) {
        LocalDirectory directory = new LocalDirectory();
        return new Topology(directory, new LocalDelivery(directory, codec), new ScopedPresence(directory));
    }
}
