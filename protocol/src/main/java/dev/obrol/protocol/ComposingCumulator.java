package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ByteToMessageDecoder.Cumulator;

/**
 * How {@link JsonFrameDecoder} keeps the bytes of a frame that arrived in several reads, once a
 * connection negotiated binary frames: where Netty's default would copy the unfinished frame into
 * a new buffer to append a large, well-filled read, the read is added to it as a part instead
 * (composed, not copied). Everything else is done as the default does.
 *
 * <p>Why: the default copies the unfinished frame into a bigger buffer whenever the read does not
 * fit in the room its buffer has. A 256 KiB file chunk arrives in several reads, so most bytes of
 * a file were copied once more in the server (docs/BENCHMARKS.md, "Reads composed").
 *
 * <p>Bounded, as the default is: a read is composed only if it holds at least {@value
 * #MIN_COMPOSED_BYTES} bytes and fills at least half its buffer, so a peer sending a frame a few
 * bytes per read cannot make each byte hold a whole read buffer; what a frame holds is then at most
 * about twice its bytes, plus the buffer it began in. A smaller read after composed parts, or a
 * read past {@value #MAX_COMPONENTS} parts, joins them into one buffer with room to grow, as the
 * default grows its buffer (doubling up to 4 MiB, then 4 MiB at a time): whatever the order of
 * large and small reads, a frame is copied no more often than the default copies it. Stateless:
 * one instance serves every channel.
 */
public final class ComposingCumulator implements Cumulator {
    public static final ComposingCumulator INSTANCE = new ComposingCumulator();

    /** Smaller reads are copied: composing them saves little and costs a part each. */
    static final int MIN_COMPOSED_BYTES = 4096;

    /** Parts of one frame before they are joined into one buffer. */
    static final int MAX_COMPONENTS = 32;

    private ComposingCumulator() {}

    @Override
    public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (cumulation == in) { // as Netty's cumulators: never cumulate a buffer onto itself
            in.release();
            return cumulation;
        }
        if (!cumulation.isReadable()) {
            cumulation.release();
            return in;
        }
        if (cumulation instanceof CompositeByteBuf composite) {
            return worthComposing(in) && composite.numComponents() < MAX_COMPONENTS
                    ? ByteToMessageDecoder.COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, in)
                    : join(alloc, cumulation, in);
        }
        // As the default decides: a read that fits in the room the buffer has is appended there
        // (even while a slice of an earlier frame shares the buffer: appending does not touch it).
        boolean appendsInPlace = !cumulation.isReadOnly() && in.readableBytes() <= cumulation.maxFastWritableBytes();
        return !appendsInPlace && worthComposing(in)
                ? ByteToMessageDecoder.COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, in)
                : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
    }

    private static boolean worthComposing(ByteBuf in) {
        int bytes = in.readableBytes();
        return bytes >= MIN_COMPOSED_BYTES && bytes >= in.capacity() / 2;
    }

    /**
     * The parts and the read, copied into one buffer with room to grow. As Netty's cumulators do,
     * {@code in} is released whatever happens and {@code cumulation} only on success: on failure
     * the decoder still holds it.
     */
    private static ByteBuf join(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        try {
            int bytes = cumulation.readableBytes() + in.readableBytes();
            ByteBuf joined = alloc.buffer(alloc.calculateNewCapacity(bytes, Integer.MAX_VALUE));
            try {
                joined.writeBytes(cumulation, cumulation.readerIndex(), cumulation.readableBytes());
                joined.writeBytes(in, in.readerIndex(), in.readableBytes());
            } catch (Throwable e) {
                joined.release();
                throw e;
            }
            cumulation.release();
            return joined;
        } finally {
            in.release();
        }
    }
}
