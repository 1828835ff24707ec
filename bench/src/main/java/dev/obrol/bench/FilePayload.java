package dev.obrol.bench;

import dev.obrol.protocol.StreamLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

/**
 * The bytes of every file in a {@code files} run, ready to write: one full chunk of random bytes,
 * sent at every offset, and the shorter last chunk, as Base64 text ({@code FILE_CHUNK} JSON) or as
 * raw bytes (binary chunk frames, larger chunks). Senders write these buffers as they are (no
 * encoding per chunk); receivers compare what arrives with them, so a chunk damaged, reordered or
 * cut on its way through the server is counted. Immutable, shared by all loops.
 */
final class FilePayload {
    private final long size;
    private final boolean binary;
    private final int chunkSize;
    private final ByteBuf full;
    private final ByteBuf last;
    private final int lastBytes;

    /** {@code binary}: chunks for binary frames (raw, {@link StreamLimits#MAX_BINARY_CHUNK_BYTES}), else Base64. */
    FilePayload(long size, long seed, boolean binary) {
        this.binary = binary;
        this.chunkSize = binary ? StreamLimits.MAX_BINARY_CHUNK_BYTES : StreamLimits.MAX_CHUNK_BYTES;
        byte[] bytes = new byte[chunkSize];
        new Random(seed).nextBytes(bytes);
        this.size = size;
        this.full = direct(bytes, bytes.length, binary);
        int tail = (int) (size % bytes.length);
        this.lastBytes = tail == 0 ? bytes.length : tail;
        this.last = direct(bytes, lastBytes, binary);
    }

    long size() {
        return size;
    }

    /** True if the chunks are raw bytes for binary frames. */
    boolean binary() {
        return binary;
    }

    /** File bytes in the chunk that starts at {@code offset}. */
    int chunkBytes(long offset) {
        return offset + chunkSize >= size ? lastBytes : chunkSize;
    }

    /** The content of the chunk at {@code offset}, a duplicate the caller may write (never released: shared). */
    ByteBuf chunk(long offset) {
        return (offset + chunkSize >= size ? last : full).duplicate();
    }

    /** True if {@code content} is exactly what the chunk at {@code offset} must hold, in this payload's encoding. */
    boolean matches(long offset, ByteBuf content) {
        return content.equals(offset + chunkSize >= size ? last : full);
    }

    private static ByteBuf direct(byte[] bytes, int length, boolean binary) {
        byte[] content = binary ? Arrays.copyOf(bytes, length) : Base64.getEncoder().encode(Arrays.copyOf(bytes, length));
        // Direct memory the garbage collector frees, wrapped unreleasable: written by many channels at once.
        ByteBuffer direct = ByteBuffer.allocateDirect(content.length).put(content).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)).asReadOnly();
    }
}
