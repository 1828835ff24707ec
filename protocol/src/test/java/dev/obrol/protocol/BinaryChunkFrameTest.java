package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The binary chunk frame: cut by the framer only once negotiated, bounded, parsed into a slice, written without a copy. */
class BinaryChunkFrameTest {
    private static final byte[] LIST = "{\"type\":\"LIST\"}\n".getBytes(StandardCharsets.US_ASCII);

    private final EmbeddedChannel sut = new EmbeddedChannel(new JsonFrameDecoder(1 << 20), new FileChunkDecoder());

    @AfterEach
    void finish() {
        sut.finishAndReleaseAll();
    }

    @Test
    void theHeaderIsAsDocumented() {
        ByteBuf header = BinaryChunkFrame.header(ByteBufAllocator.DEFAULT, "k3j9x2", 65536, 5);
        assertThat(ByteBufUtil.hexDump(header)).as("docs/PROTOCOL.md, Binary chunk frames")
                .isEqualTo("00" + "06" + "6b336a397832" + "0000000000010000" + "00000005");
        header.release();
    }

    @Test
    void aBinaryFrameBetweenJsonFramesIsCutAtEverySplit() {
        byte[] payload = bytes(300, 1);
        byte[] wire = concat(LIST, frame("k3j9x2", 65536, payload), LIST);
        for (int cut = 0; cut <= wire.length; cut++) {
            EmbeddedChannel channel = negotiated();
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, 0, cut)));
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, cut, wire.length)));
            List<Object> out = readAll(channel);
            assertThat(out).as("split at " + cut).hasSize(3);
            assertThat(text(out.get(0))).isEqualTo("{\"type\":\"LIST\"}");
            FileChunk chunk = (FileChunk) out.get(1);
            assertThat(chunk.transferId()).isEqualTo("k3j9x2");
            assertThat(chunk.offset()).isEqualTo(65536);
            assertThat(chunk.isBinary()).isTrue();
            assertThat(ByteBufUtil.getBytes(chunk.content())).as("split at " + cut).isEqualTo(payload);
            assertThat(text(out.get(2))).isEqualTo("{\"type\":\"LIST\"}");
            out.forEach(io.netty.util.ReferenceCountUtil::release);
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void aBinaryFrameOneByteAtATimeIsCut() {
        byte[] payload = bytes(40, 2);
        EmbeddedChannel channel = negotiated();
        for (byte b : frame("t", 0, payload)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        FileChunk chunk = channel.readInbound();
        assertThat(ByteBufUtil.getBytes(chunk.content())).isEqualTo(payload);
        chunk.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void thePayloadIsASliceOfWhatArrivedNotACopy() {
        byte[] wire = frame("t1", 7, bytes(1000, 3));
        EmbeddedChannel channel = negotiated();
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        FileChunk chunk = channel.readInbound();
        assertThat(chunk.content().hasArray()).isTrue();
        assertThat(chunk.content().array()).as("the chunk's bytes are the read's own bytes").isSameAs(wire);
        assertThat(chunk.content().arrayOffset() + chunk.content().readerIndex()).isEqualTo(BinaryChunkFrame.headerLength(2));
        chunk.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aPayloadSplitAcrossReadsIsComposedFromThemNotCopied() {
        byte[] wire = frame("t1", 1000, bytes(3 * ComposingCumulator.MIN_COMPOSED_BYTES, 6));
        int cut = ComposingCumulator.MIN_COMPOSED_BYTES + 100;
        // The first read ends with a whole frame and the start of the next: the whole frame's slice
        // shares that read's buffer while it is held, so the default cumulator would copy.
        byte[] head = concat(frame("t1", 0, bytes(1000, 5)), Arrays.copyOfRange(wire, 0, cut));
        byte[] tail = Arrays.copyOfRange(wire, cut, wire.length);
        EmbeddedChannel channel = negotiated();
        channel.writeInbound(Unpooled.wrappedBuffer(head));
        FileChunk held = channel.readInbound();
        channel.writeInbound(Unpooled.wrappedBuffer(tail));
        FileChunk chunk = channel.readInbound();
        int lastByte = chunk.content().readableBytes() - 1;
        head[head.length - 1] ^= (byte) 0xFF; // a payload byte of each read, changed after the frame was cut
        tail[tail.length - 1] ^= (byte) 0xFF;
        assertThat(chunk.content().getByte(cut - 1 - BinaryChunkFrame.headerLength(2))).as("the first read's own bytes")
                .isEqualTo(head[head.length - 1]);
        assertThat(chunk.content().getByte(lastByte)).as("the second read's own bytes").isEqualTo(tail[tail.length - 1]);
        assertThat(chunk.fileBytes()).as("the file bytes, as views of the two reads").hasSize(2)
                .allSatisfy(bytes -> assertThat(bytes.hasArray()).isTrue());
        held.release();
        chunk.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aBinaryFrameWithoutNegotiationIsRefusedAndTheRestDiscarded() {
        byte[] wire = concat(LIST, frame("t1", 0, bytes(10, 4)), LIST);
        assertThatThrownBy(() -> sut.writeInbound(Unpooled.wrappedBuffer(wire)))
                .isInstanceOfSatisfying(BinaryFrameException.class,
                        e -> assertThat(e.problem()).isEqualTo(BinaryFrameException.Problem.NOT_NEGOTIATED));
        List<Object> out = readAll(sut);
        assertThat(out).as("the frame before it stands; nothing after it is read").hasSize(1);
        out.forEach(io.netty.util.ReferenceCountUtil::release);
        sut.writeInbound(Unpooled.wrappedBuffer(LIST));
        assertThat(readAll(sut)).as("still discarding after the violation").isEmpty();
    }

    @Test
    void aPayloadOverTheLimitIsRefusedFromItsHeaderAlone() {
        EmbeddedChannel channel = negotiated();
        ByteBuf header = BinaryChunkFrame.header(ByteBufAllocator.DEFAULT, "t1", 0, StreamLimits.MAX_BINARY_CHUNK_BYTES + 1);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .as("refused before any payload is buffered")
                .isInstanceOfSatisfying(FrameTooLongException.class,
                        e -> assertThat(e.limit()).isEqualTo(StreamLimits.MAX_BINARY_CHUNK_BYTES));
        channel.finishAndReleaseAll();
    }

    @Test
    void aPayloadAtTheLimitIsCut() {
        EmbeddedChannel channel = negotiated();
        channel.writeInbound(Unpooled.wrappedBuffer(frame("t1", 0, new byte[StreamLimits.MAX_BINARY_CHUNK_BYTES])));
        FileChunk chunk = channel.readInbound();
        assertThat(chunk.decodedLength()).isEqualTo(StreamLimits.MAX_BINARY_CHUNK_BYTES);
        chunk.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void impossibleLengthsInTheHeaderCloseTheConnection() {
        byte[] emptyId = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 42};
        byte[] longId = concat(new byte[] {0, 41}, "a".repeat(41).getBytes(StandardCharsets.US_ASCII), new byte[12]);
        byte[] emptyPayload = frame("t1", 0, new byte[0]);
        for (byte[] bad : List.of(emptyId, longId, emptyPayload)) {
            EmbeddedChannel channel = negotiated();
            assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bad)))
                    .isInstanceOfSatisfying(BinaryFrameException.class,
                            e -> assertThat(e.problem()).isEqualTo(BinaryFrameException.Problem.BAD_HEADER));
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aBadIdOrOffsetIsABadRequestAndTheStreamGoesOn() {
        EmbeddedChannel channel = negotiated();
        byte[] badId = frame("a b", 0, bytes(3, 5));
        byte[] negative = frame("t1", -1, bytes(3, 6));
        channel.writeInbound(Unpooled.wrappedBuffer(concat(badId, negative, LIST)));
        List<Object> out = readAll(channel);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isInstanceOfSatisfying(MessageDecoder.DecodeFailure.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.BAD_FIELD));
        assertThat(out.get(1)).isInstanceOfSatisfying(MessageDecoder.DecodeFailure.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.BAD_FIELD));
        assertThat(text(out.get(2))).isEqualTo("{\"type\":\"LIST\"}");
        out.forEach(io.netty.util.ReferenceCountUtil::release);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aZeroByteInsideTextIsStillText() {
        sut.writeInbound(Unpooled.wrappedBuffer("halo\0dunia\n".getBytes(StandardCharsets.UTF_8)));
        List<Object> out = readAll(sut);
        assertThat(out).as("only where a frame begins does 0x00 mean a binary frame")
                .containsExactly(new RawText("halo\0dunia"));
    }

    @Test
    void binaryBytesGoToANegotiatedPeerAsHeaderAndTheSameBuffer() {
        ByteBuf payload = Unpooled.wrappedBuffer(bytes(100, 7));
        FileChunk chunk = FileChunk.binary("tq7m2xa-1f", 262144, payload);
        List<ByteBuf> parts = new ArrayList<>();
        new JsonLines(new MessageCodec()).writeChunk(ByteBufAllocator.DEFAULT, chunk, true, parts::add);

        assertThat(parts).hasSize(2);
        assertThat(parts.get(1)).as("the payload itself, retained, not copied").isSameAs(payload);
        EmbeddedChannel channel = negotiated();
        channel.writeInbound(Unpooled.wrappedBuffer(parts.get(0), parts.get(1)));
        FileChunk read = channel.readInbound();
        assertThat(read.transferId()).isEqualTo("tq7m2xa-1f");
        assertThat(read.offset()).isEqualTo(262144);
        assertThat(ByteBufUtil.getBytes(read.content())).isEqualTo(bytes(100, 7));
        read.release();
        chunk.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void binaryBytesGoToAPeerWithoutBinaryFramesAsBase64ChunksOfAtMost64KiB() {
        int size = StreamLimits.MAX_CHUNK_BYTES * 2 + 10;
        byte[] raw = bytes(size, 8);
        FileChunk chunk = FileChunk.binary("t1", 1000, Unpooled.wrappedBuffer(raw));
        List<ByteBuf> parts = new ArrayList<>();
        new JsonLines(new MessageCodec()).writeChunk(ByteBufAllocator.DEFAULT, chunk, false, parts::add);
        chunk.release();

        EmbeddedChannel receiver = new EmbeddedChannel(new JsonFrameDecoder(1 << 20), new FileChunkDecoder());
        parts.forEach(receiver::writeInbound);
        List<Object> out = readAll(receiver);
        assertThat(out).as("pieces a client without binary frames accepts").hasSize(3);
        ByteBuffer joined = ByteBuffer.allocate(size);
        long expectedOffset = 1000;
        for (Object o : out) {
            FileChunk piece = (FileChunk) o;
            assertThat(piece.isBinary()).isFalse();
            assertThat(piece.offset()).isEqualTo(expectedOffset);
            assertThat(piece.decodedLength()).isLessThanOrEqualTo(StreamLimits.MAX_CHUNK_BYTES);
            expectedOffset += piece.decodedLength();
            for (ByteBuffer bytes : piece.fileBytes()) {
                joined.put(bytes);
            }
            piece.release();
        }
        assertThat(joined.array()).isEqualTo(raw);
        assertThat(receiver.finish()).isFalse();
    }

    @Test
    void base64TextGoesAsJsonEvenToANegotiatedPeer() {
        FileChunk chunk = new FileChunk("t1", 0, Unpooled.copiedBuffer("QUJD", StandardCharsets.US_ASCII));
        List<ByteBuf> parts = new ArrayList<>();
        new JsonLines(new MessageCodec()).writeChunk(ByteBufAllocator.DEFAULT, chunk, true, parts::add);
        ByteBuf wire = Unpooled.wrappedBuffer(parts.toArray(ByteBuf[]::new));
        assertThat(wire.toString(StandardCharsets.US_ASCII))
                .isEqualTo("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t1\",\"offset\":0,\"data\":\"QUJD\"}\n");
        wire.release();
        chunk.release();
    }

    @Test
    void fileBytesAreTheSameWhicheverEncoding() {
        byte[] raw = bytes(50, 9);
        FileChunk binary = FileChunk.binary("t", 0, Unpooled.wrappedBuffer(raw));
        FileChunk base64 = new FileChunk("t", 0, Unpooled.wrappedBuffer(Base64.getEncoder().encode(raw)));
        assertThat(binary.fileBytes()).containsExactly(ByteBuffer.wrap(raw));
        assertThat(base64.fileBytes()).containsExactly(ByteBuffer.wrap(raw));
        assertThat(binary.decodedLength()).isEqualTo(base64.decodedLength()).isEqualTo(50);
        binary.release();
        base64.release();
    }

    private static EmbeddedChannel negotiated() {
        JsonFrameDecoder framer = new JsonFrameDecoder(1 << 20);
        framer.acceptBinaryChunks();
        return new EmbeddedChannel(framer, new FileChunkDecoder());
    }

    static byte[] frame(String id, long offset, byte[] payload) {
        ByteBuf header = Unpooled.buffer();
        header.writeByte(0).writeByte(id.length()).writeCharSequence(id, StandardCharsets.US_ASCII);
        header.writeLong(offset).writeInt(payload.length).writeBytes(payload);
        return ByteBufUtil.getBytes(header);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        b[0] = 0; // a payload may hold any byte, the marker included
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf all = Unpooled.buffer();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return ByteBufUtil.getBytes(all);
    }

    private static List<Object> readAll(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    private static String text(Object frame) {
        return ((ByteBuf) frame).toString(StandardCharsets.UTF_8);
    }
}
