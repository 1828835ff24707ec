package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * How one connection's messages become bytes: the single place that knows the framing. The
 * server's outbox, its broadcast and its file-chunk relay write through it, so a transport with
 * other framing (newline JSON over TCP today, one WebSocket frame per message next) is one more
 * implementation, not a change to each of them.
 *
 * <p>Implementations are stateless and thread-safe; one instance serves every connection of its kind.
 */
public interface WireFormat {

    /** Appends {@code message} as one frame to {@code out}; several frames may share a buffer. */
    void appendMessage(Message message, ByteBuf out) throws IOException;

    /**
     * The frame around a message already encoded as JSON (without a delimiter), in direct memory so
     * that the socket writes it without a copy: made once for a broadcast and shared, read-only, by
     * every recipient of this format. The caller releases it.
     */
    ByteBuf frameEncoded(ByteBufAllocator alloc, byte[] json);

    /**
     * Writes {@code chunk} as the buffers of its frames, in order, to {@code out}. {@code
     * binaryFrames}: the peer negotiated binary chunk frames. A chunk's payload is passed on
     * retained, never copied, unless the peer needs it in another encoding than it has (binary
     * bytes for a peer without binary frames). The caller still owns (and releases) the chunk.
     */
    void writeChunk(ByteBufAllocator alloc, FileChunk chunk, boolean binaryFrames, Consumer<ByteBuf> out);
}
