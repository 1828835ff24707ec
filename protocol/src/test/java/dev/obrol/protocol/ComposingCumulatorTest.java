package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Large, well-filled reads are composed into the unfinished frame; others are copied; the parts stay bounded. */
class ComposingCumulatorTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private final ComposingCumulator sut = ComposingCumulator.INSTANCE;

    @Test
    void aLargeFullReadIsComposedNotCopied() {
        byte[] read = bytes(ComposingCumulator.MIN_COMPOSED_BYTES, 1);
        ByteBuf in = Unpooled.wrappedBuffer(read);
        ByteBuf frame = Unpooled.wrappedBuffer(bytes(10, 2)); // full: the default would copy both into a new buffer
        ByteBuf cumulated = sut.cumulate(ALLOC, frame, in);
        read[0] ^= (byte) 0xFF; // changed after it was cumulated: seen only if the read was not copied
        assertThat(cumulated.getByte(10)).isEqualTo(read[0]);
        assertThat(cumulated.readableBytes()).isEqualTo(10 + read.length);
        cumulated.release();
        assertThat(in.refCnt()).as("released with the frame").isZero();
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void aReadThatFitsIsAppendedInPlaceAsByTheDefault() {
        ByteBuf frame = Unpooled.buffer(64 * 1024).writeBytes(bytes(10, 3));
        ByteBuf in = Unpooled.wrappedBuffer(bytes(ComposingCumulator.MIN_COMPOSED_BYTES, 4));
        ByteBuf cumulated = sut.cumulate(ALLOC, frame, in);
        assertThat(cumulated).isSameAs(frame);
        assertThat(cumulated.readableBytes()).isEqualTo(10 + ComposingCumulator.MIN_COMPOSED_BYTES);
        assertThat(in.refCnt()).isZero();
        cumulated.release();
    }

    @Test
    void aSmallReadIsCopied() {
        byte[] read = bytes(ComposingCumulator.MIN_COMPOSED_BYTES - 1, 3);
        ByteBuf in = Unpooled.wrappedBuffer(read);
        ByteBuf cumulated = sut.cumulate(ALLOC, Unpooled.wrappedBuffer(bytes(10, 4)), in);
        byte original = read[0];
        read[0] ^= (byte) 0xFF;
        assertThat(cumulated.getByte(10)).isEqualTo(original);
        assertThat(in.refCnt()).isZero();
        cumulated.release();
    }

    @Test
    void aReadUnderHalfItsBufferIsCopiedSoAFewBytesCannotHoldAWholeBuffer() {
        int bytes = ComposingCumulator.MIN_COMPOSED_BYTES * 2;
        ByteBuf sparse = Unpooled.buffer(2 * bytes + 2).writeBytes(bytes(bytes, 5)); // just under half full
        ByteBuf cumulated = sut.cumulate(ALLOC, Unpooled.wrappedBuffer(bytes(10, 6)), sparse);
        assertThat(cumulated).isNotInstanceOf(CompositeByteBuf.class);
        assertThat(sparse.refCnt()).as("the read's buffer was given back").isZero();
        cumulated.release();
    }

    @Test
    void partsPastTheLimitAreJoinedIntoOneBuffer() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteBuf cumulated = Unpooled.wrappedBuffer(bytes(10, 7));
        expected.writeBytes(bytes(10, 7));
        List<ByteBuf> seen = new ArrayList<>(List.of(cumulated));
        int mostParts = 0;
        for (int i = 0; i < ComposingCumulator.MAX_COMPONENTS * 2; i++) {
            byte[] read = bytes(ComposingCumulator.MIN_COMPOSED_BYTES, 100 + i);
            expected.writeBytes(read);
            cumulated = feed(cumulated, Unpooled.wrappedBuffer(read), seen);
            if (cumulated instanceof CompositeByteBuf composite) {
                mostParts = Math.max(mostParts, composite.numComponents());
            }
        }
        assertThat(mostParts).isEqualTo(ComposingCumulator.MAX_COMPONENTS);
        assertThat(ByteBufUtil.getBytes(cumulated)).isEqualTo(expected.toByteArray());
        cumulated.release();
        assertThat(seen).as("every read and every frame buffer given back").allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void aReadThatFitsIsAppendedEvenWhileASliceSharesTheBuffer() {
        ByteBuf frame = Unpooled.buffer(64 * 1024).writeBytes(bytes(100, 11));
        ByteBuf earlier = frame.readRetainedSlice(60); // an earlier frame, still being relayed
        ByteBuf in = Unpooled.wrappedBuffer(bytes(ComposingCumulator.MIN_COMPOSED_BYTES, 12));
        ByteBuf cumulated = sut.cumulate(ALLOC, frame, in);
        assertThat(cumulated).as("as the default: appending past the slice does not disturb it").isSameAs(frame);
        assertThat(ByteBufUtil.getBytes(earlier)).isEqualTo(Arrays.copyOf(bytes(100, 11), 60));
        earlier.release();
        cumulated.release();
        assertThat(frame.refCnt()).isZero();
    }

    /** A peer alternating large and tiny reads: each join makes room for as much again, so joins are few. */
    @Test
    void largeAndTinyReadsInTurnCopyTheFrameOnlyAFewTimes() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteBuf cumulated = Unpooled.wrappedBuffer(bytes(10, 8));
        expected.writeBytes(bytes(10, 8));
        List<ByteBuf> seen = new ArrayList<>(List.of(cumulated));
        int joins = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] large = bytes(ComposingCumulator.MIN_COMPOSED_BYTES, 200 + i);
            expected.writeBytes(large);
            cumulated = feed(cumulated, Unpooled.wrappedBuffer(large), seen);
            boolean composed = cumulated instanceof CompositeByteBuf;
            expected.write(i);
            cumulated = feed(cumulated, Unpooled.wrappedBuffer(new byte[] {(byte) i}), seen);
            if (composed) {
                joins++; // a tiny read after composed parts joins them
            }
        }
        assertThat(ByteBufUtil.getBytes(cumulated)).isEqualTo(expected.toByteArray());
        assertThat(joins).as("joins for 4 MiB in 2000 reads").isBetween(1, 12);
        cumulated.release();
        assertThat(seen).as("every read and every frame buffer given back").allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void aJoinThatCannotAllocateLeavesTheFrameToTheDecoder() {
        ByteBufAllocator failing = new AbstractByteBufAllocator() {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                throw new OutOfMemoryError("no memory for the test");
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                throw new OutOfMemoryError("no memory for the test");
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };
        ByteBuf composed = sut.cumulate(ALLOC, Unpooled.wrappedBuffer(bytes(10, 9)),
                Unpooled.wrappedBuffer(bytes(ComposingCumulator.MIN_COMPOSED_BYTES, 10)));
        ByteBuf tiny = Unpooled.wrappedBuffer(new byte[] {1});
        assertThatThrownBy(() -> sut.cumulate(failing, composed, tiny)).isInstanceOf(OutOfMemoryError.class);
        assertThat(composed.refCnt()).as("still the decoder's, which releases it").isEqualTo(1);
        assertThat(tiny.refCnt()).as("the read is released, as by Netty's cumulators").isZero();
        composed.release();
    }

    @Test
    void aReadAfterTheFrameWasUsedUpReplacesIt() {
        ByteBuf empty = Unpooled.buffer(16);
        ByteBuf read = Unpooled.wrappedBuffer(bytes(5, 8));
        assertThat(sut.cumulate(ALLOC, empty, read)).isSameAs(read);
        assertThat(empty.refCnt()).isZero();
        read.release();
    }

    /** Frames of every kind, cut into reads of random sizes: the same frames come out as from one read. */
    @Test
    void framesCutIntoReadsOfAnySizeAreCutTheSame() {
        Random random = new Random(42);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (random.nextBoolean()) {
                byte[] payload = bytes(1 + random.nextInt(StreamLimits.MAX_BINARY_CHUNK_BYTES), i);
                payloads.add(payload);
                wire.writeBytes(BinaryChunkFrameTest.frame("t" + i, i, payload));
            } else {
                wire.writeBytes(("{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"" + "x".repeat(random.nextInt(3000)) + "\"}\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] all = wire.toByteArray();
        EmbeddedChannel channel = new EmbeddedChannel(new JsonFrameDecoder(1 << 20));
        channel.pipeline().get(JsonFrameDecoder.class).acceptBinaryChunks();
        for (int at = 0; at < all.length; ) {
            int size = Math.min(all.length - at, random.nextInt(4) == 0 ? 1 + random.nextInt(64) : 1 + random.nextInt(96 * 1024));
            // Reads as Netty makes them: a buffer as large as what was read into it, or up to four times larger.
            ByteBuf read = Unpooled.buffer(size + random.nextInt(3 * size + 1)).writeBytes(all, at, size);
            channel.writeInbound(read);
            at += size;
        }
        int binaries = 0;
        int objects = 0;
        for (Object out; (out = channel.readInbound()) != null; ) {
            ByteBuf frame = (ByteBuf) out;
            if (frame.getByte(frame.readerIndex()) == BinaryChunkFrame.MARKER) {
                int header = BinaryChunkFrame.headerLength(frameId(frame).length());
                assertThat(Arrays.copyOfRange(ByteBufUtil.getBytes(frame), header, frame.readableBytes()))
                        .as("binary frame " + binaries).isEqualTo(payloads.get(binaries));
                binaries++;
            } else {
                assertThat(frame.toString(StandardCharsets.US_ASCII)).startsWith("{\"type\":\"MSG\"").endsWith("\"}");
                objects++;
            }
            frame.release();
        }
        assertThat(binaries).isEqualTo(payloads.size());
        assertThat(binaries + objects).isEqualTo(60);
        assertThat(channel.finish()).isFalse();
    }

    /** Cumulates {@code in}, noting it and the result so the test can check every one is released in the end. */
    private ByteBuf feed(ByteBuf cumulated, ByteBuf in, List<ByteBuf> seen) {
        ByteBuf result = sut.cumulate(ALLOC, cumulated, in);
        seen.add(in);
        seen.add(result);
        return result;
    }

    private static String frameId(ByteBuf frame) {
        int length = frame.getUnsignedByte(frame.readerIndex() + 1);
        return frame.toString(frame.readerIndex() + 2, length, StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
