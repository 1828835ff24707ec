package dev.obrol.server;

import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.ServerMessage;
import io.netty.buffer.PooledByteBufAllocator;

/** The {@link Delivery} of one node: every user it knows is connected here. Thread-safe. */
public final class LocalDelivery implements Delivery {
    private final Directory directory;
    private final MessageCodec codec;

    public LocalDelivery(Directory directory, MessageCodec codec) {
        this.directory = directory;
        this.codec = codec;
    }

    @Override
    public void send(User user, ServerMessage message) {
        user.send(message);
    }

    @Override
    public int broadcast(ServerMessage message) {
        int count = 0;
        // Direct memory (see WireFormat#frameEncoded): the socket writes it as it is, where a heap
        // buffer is copied once per recipient.
        try (SharedFrames frames = new SharedFrames(PooledByteBufAllocator.DEFAULT, codec.encode(message))) {
            for (User user : directory.users()) {
                for (Session session : user.sessions()) {
                    session.sendFrame(frames.frameFor(session.wireFormat()));
                }
                count++;
            }
        }
        return count;
    }
}
