package dev.obrol.bench;

import dev.obrol.protocol.StreamLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

/**
 * The bytes of every file in a {@code files} run, already in Base64: one full chunk of random
 * bytes, sent at every offset, and the shorter last chunk. Senders write these buffers as they
 * are (no encoding per chunk); receivers compare what arrives with them, so a chunk damaged,
 * reordered or cut on its way through the server is counted. Immutable, shared by all loops.
 */
final class FilePayload {
    private final long size;
    private final ByteBuf full;
    private final ByteBuf last;
    private final int lastBytes;

    FilePayload(long size, long seed) {
        byte[] bytes = new byte[StreamLimits.MAX_CHUNK_BYTES];
        new Random(seed).nextBytes(bytes);
        this.size = size;
        this.full = base64(bytes, bytes.length);
        int tail = (int) (size % bytes.length);
        this.lastBytes = tail == 0 ? bytes.length : tail;
        this.last = base64(bytes, lastBytes);
    }

    long size() {
        return size;
    }

    /** File bytes in the chunk that starts at {@code offset}. */
    int chunkBytes(long offset) {
        return offset + StreamLimits.MAX_CHUNK_BYTES >= size ? lastBytes : StreamLimits.MAX_CHUNK_BYTES;
    }

    /** The Base64 of the chunk at {@code offset}, a duplicate the caller may write (never released: shared). */
    ByteBuf chunk(long offset) {
        return (offset + StreamLimits.MAX_CHUNK_BYTES >= size ? last : full).duplicate();
    }

    /** True if {@code base64} is exactly what the chunk at {@code offset} must hold. */
    boolean matches(long offset, ByteBuf base64) {
        return base64.equals(offset + StreamLimits.MAX_CHUNK_BYTES >= size ? last : full);
    }

    private static ByteBuf base64(byte[] bytes, int length) {
        byte[] text = Base64.getEncoder().encode(Arrays.copyOf(bytes, length));
        // Direct memory the garbage collector frees, wrapped unreleasable: written by many channels at once.
        ByteBuffer direct = ByteBuffer.allocateDirect(text.length).put(text).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)).asReadOnly();
    }
}
