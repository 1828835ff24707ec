package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ByteToMessageDecoder.Cumulator;

/**
 * How {@link JsonFrameDecoder} keeps the bytes of a frame that arrived in several reads, once a
 * connection negotiated binary frames: a large, well-filled read is added to the frame as it is
 * (composed, not copied); anything else is copied, as Netty's default cumulator does.
 *
 * <p>Why: Netty's default copies every read onto the unfinished frame before it, and into a new
 * buffer whenever a slice of an earlier frame still shares the old one. A 256 KiB file chunk
 * arrives in several reads, and a busy chat connection ends nearly every read in the middle of a
 * frame, so the default copied most bytes read (docs/BENCHMARKS.md, "Reads composed").
 *
 * <p>Memory stays bounded by the bytes held, as with the default: a read is composed only if at
 * least {@value #MIN_COMPOSED_BYTES} bytes and at least half its buffer are filled, so a peer
 * sending a frame a few bytes per read cannot make each byte hold a whole read buffer; and once a
 * frame has {@value #MAX_COMPONENTS} parts, the next read joins them into one buffer. Stateless:
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
        if (!cumulation.isReadable()) {
            cumulation.release();
            return in;
        }
        boolean composite = cumulation instanceof CompositeByteBuf;
        if (worthComposing(in) && (!composite || ((CompositeByteBuf) cumulation).numComponents() < MAX_COMPONENTS)) {
            return ByteToMessageDecoder.COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
        if (!composite) {
            return ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
        // A small or sparse read after composed parts: join everything into one buffer, copied once.
        try {
            ByteBuf joined = alloc.buffer(cumulation.readableBytes() + in.readableBytes());
            joined.writeBytes(cumulation, cumulation.readerIndex(), cumulation.readableBytes());
            joined.writeBytes(in, in.readerIndex(), in.readableBytes());
            return joined;
        } finally {
            cumulation.release();
            in.release();
        }
    }

    private static boolean worthComposing(ByteBuf in) {
        int bytes = in.readableBytes();
        return bytes >= MIN_COMPOSED_BYTES && bytes >= in.capacity() / 2;
    }
}
