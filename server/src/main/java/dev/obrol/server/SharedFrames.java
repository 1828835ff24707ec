package dev.obrol.server;

import dev.obrol.protocol.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One message encoded once and framed once per {@link WireFormat}, for a broadcast: with
 * thousands online, encoding per recipient would dominate. Each recipient gets a read-only
 * duplicate of its format's frame. Used by one thread; {@link #close} releases the frames (the
 * duplicates handed out keep them alive until written).
 */
final class SharedFrames implements AutoCloseable {
    private final ByteBufAllocator alloc;
    private final byte[] json;
    private final Map<WireFormat, ByteBuf> frames = new IdentityHashMap<>(4);

    SharedFrames(ByteBufAllocator alloc, byte[] json) {
        this.alloc = alloc;
        this.json = json;
    }

    /** A frame for a connection of {@code format}; the caller hands it over to the connection's outbox. */
    ByteBuf frameFor(WireFormat format) {
        return frames.computeIfAbsent(format, f -> f.frameEncoded(alloc, json)).retainedDuplicate();
    }

    @Override
    public void close() {
        frames.values().forEach(ByteBuf::release);
        frames.clear();
    }
}
