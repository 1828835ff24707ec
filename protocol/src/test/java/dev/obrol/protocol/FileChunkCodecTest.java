package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FileChunkCodecTest {
    private static ByteBuf frame(String json) {
        return Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    }

    private static String text(ByteBuf buf) {
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void aChunkIsReadInAnyFieldOrderWithItsPayloadLeftAsBase64() throws Exception {
        String data = Base64.getEncoder().encodeToString("hello, file".getBytes());
        ByteBuf in = frame("{ \"offset\" : 42, \"extra\": {\"x\": [1, \"}\"]}, \"data\":\"" + data + "\", \"type\":\"FILE_CHUNK\",\"transfer_id\":\"ab_1-Z\"}");
        FileChunk sut = FileChunkCodec.parse(in);
        try {
            assertThat(sut.transferId()).isEqualTo("ab_1-Z");
            assertThat(sut.offset()).isEqualTo(42);
            assertThat(text(sut.content())).as("a slice of the frame, not decoded").isEqualTo(data);
            assertThat(sut.decodedLength()).isEqualTo(11);
        } finally {
            sut.release();
            in.release();
        }
        assertThat(in.refCnt()).as("the slice retained the frame and gave it back").isZero();
    }

    @Test
    void theCanonicalShapeTakesTheFastPathAndOthersTheGeneralOne() throws Exception {
        ByteBuf canonical = frame("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t1\",\"offset\":123,\"data\":\"QUJD\"}");
        FileChunk fast = FileChunkCodec.parseCanonical(canonical);
        assertThat(fast.transferId()).isEqualTo("t1");
        assertThat(fast.offset()).isEqualTo(123);
        assertThat(text(fast.content())).isEqualTo("QUJD");
        fast.release();
        assertThat(FileChunkCodec.parseCanonical(frame("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t1\",\"offset\":1,\"data\":\"QU\\u004aD\"}")))
                .as("an escape in the data is not for the fast path").isNull();
        assertThat(FileChunkCodec.parseCanonical(frame("{\"type\":\"FILE_CHUNK\", \"transfer_id\":\"t1\",\"offset\":1,\"data\":\"QUJD\"}")))
                .as("whitespace: general path").isNull();
        canonical.release();
    }

    @Test
    void otherMessagesAreNotChunks() throws Exception {
        ByteBuf msg = frame("{\"type\":\"MSG\",\"to_username\":\"FILE_CHUNK\",\"message\":\"hi\"}");
        assertThat(FileChunkCodec.mayBeChunk(msg)).as("the marker appears as a string").isTrue();
        assertThat(FileChunkCodec.mayBeChunk(frame("{\"message\":\"\\\"FILE_CHUNK\\\"\"}"))).as("escaped quotes are not the marker").isFalse();
        assertThat(FileChunkCodec.parse(msg)).as("but the type is MSG").isNull();
        assertThat(FileChunkCodec.mayBeChunk(frame("{\"type\":\"LIST\"}"))).isFalse();
        assertThat(FileChunkCodec.mayBeChunk(frame("{\"type\":\"\"FILE_CHUNK\"}"))).as("restart at a quote").isTrue();
        msg.release();
    }

    @Test
    void aFrameThatOpensWithAnotherTypeIsNoChunk() {
        ByteBuf msg = frame("{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"\\\"FILE_CHUNK\\\"\"}");
        ByteBuf chunk = frame("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t1\",\"offset\":0,\"data\":\"QUJD\"}");
        ByteBuf spaced = frame("{\"type\": \"MSG\"}");
        ByteBuf typeLater = frame("{\"offset\":0,\"type\":\"FILE_CHUNK\"}");
        ByteBuf typeMissing = frame("{\"type\":\"");
        assertThat(FileChunkCodec.opensWithOtherType(msg)).isTrue();
        assertThat(FileChunkCodec.opensWithOtherType(chunk)).isFalse();
        assertThat(FileChunkCodec.opensWithOtherType(spaced)).as("other spacing: the marker search decides").isFalse();
        assertThat(FileChunkCodec.opensWithOtherType(typeLater)).isFalse();
        assertThat(FileChunkCodec.opensWithOtherType(typeMissing)).as("no type value yet").isTrue();
        EmbeddedChannel sut = new EmbeddedChannel(new FileChunkDecoder());
        sut.writeInbound(msg.retain());
        ByteBuf passed = sut.readInbound();
        assertThat(passed.toString(StandardCharsets.UTF_8)).as("passed on untouched").isEqualTo(msg.toString(StandardCharsets.UTF_8));
        passed.release();
        sut.finishAndReleaseAll();
        for (ByteBuf b : new ByteBuf[] {msg, chunk, spaced, typeLater, typeMissing}) {
            b.release();
        }
    }

    @Test
    void thePreCheckFindsTheMarkerExactlyWhereAPlainSearchDoes() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "\"FILE_CHUNK{}:,\\x ";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(random.nextInt(8) == 0 ? "\"FILE_CHUNK\"" : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
            }
            byte[] bytes = ("ab" + text).getBytes(StandardCharsets.UTF_8);
            // Heap and direct buffers take different paths; the frame does not start at index 0.
            ByteBuf buf = (round % 2 == 0 ? Unpooled.buffer() : Unpooled.directBuffer()).writeBytes(bytes).skipBytes(2);
            try {
                assertThat(FileChunkCodec.mayBeChunk(buf)).as("%s", text).isEqualTo(text.toString().contains("\"FILE_CHUNK\""));
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void aLargeFrameIsCheckedWithoutACopy() {
        String body = "x".repeat(300 * 1024);
        for (String text : new String[] {"{\"a\":\"" + body + "\",\"t\":\"FILE_CHUNK\"}", "{\"a\":\"" + body + "\"}"}) {
            ByteBuf buf = Unpooled.directBuffer().writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            try {
                assertThat(FileChunkCodec.mayBeChunk(buf)).isEqualTo(text.contains("\"FILE_CHUNK\""));
            } finally {
                buf.release();
            }
        }
    }

    /** A FILE_CHUNK in a direct buffer (as read from a socket) whose data is {@code base64}, fields in another order. */
    private static ByteBuf nonCanonicalDirect(String base64) {
        String json = "{\"offset\":0,\"transfer_id\":\"big\",\"data\":\"" + base64 + "\",\"type\":\"FILE_CHUNK\"}";
        return Unpooled.directBuffer().writeBytes(json.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aLargeNonCanonicalChunkDoesNotLeaveAFrameSizedScratchArrayOnTheThread() throws Exception {
        String data = Base64.getEncoder().encodeToString(new byte[3 * 1024 * 1024]); // 4 MiB of Base64
        ByteBuf in = nonCanonicalDirect(data);
        FileChunk chunk = FileChunkCodec.parse(in);
        try {
            assertThat(chunk.decodedLength()).as("read whole").isEqualTo(3 * 1024 * 1024);
        } finally {
            chunk.release();
            in.release();
        }
        assertThat(ScratchBytes.keptBytes()).as("copy space kept by this thread after the large frame")
                .isLessThanOrEqualTo(ScratchBytes.CAPACITY);
    }

    @Test
    void aBadByteInALaterPieceOfALongChunkIsStillFound() {
        char[] data = Base64.getEncoder().encodeToString(new byte[3 * ScratchBytes.CAPACITY]).toCharArray();
        data[2 * ScratchBytes.CAPACITY + 5] = '*'; // in the third piece copied
        ByteBuf in = nonCanonicalDirect(new String(data));
        try {
            assertThatThrownBy(() -> FileChunkCodec.parse(in)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("Base64");
        } finally {
            in.release();
        }
    }

    @Test
    void badChunksAreRefusedWithAReason() {
        String ok = Base64.getEncoder().encodeToString(new byte[3]);
        for (String bad : new String[] {
            "{\"type\":\"FILE_CHUNK\",\"offset\":0,\"data\":\"" + ok + "\"}",
            "{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"../x\",\"offset\":0,\"data\":\"" + ok + "\"}",
            "{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t\",\"offset\":-1,\"data\":\"" + ok + "\"}",
            "{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t\",\"offset\":\"0\",\"data\":\"" + ok + "\"}",
            "{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t\",\"offset\":0}",
            "{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t\",\"offset\":0,\"data\":\"AAA\\u0041\"}",
            "{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t\",\"offset\":0,\"data\":\"A=AA\"}",
            "{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t\",\"offset\":0,\"data\":\"AAAAA\"}",
            "{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t\",\"offset\":0,\"data\":7}",
        }) {
            assertThatThrownBy(() -> FileChunkCodec.parse(frame(bad))).as(bad).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void duplicateFieldsAreNotAChunk() throws Exception {
        assertThat(FileChunkCodec.parse(frame("{\"type\":\"FILE_CHUNK\",\"type\":\"MSG\",\"transfer_id\":\"t\",\"offset\":0,\"data\":\"\"}")))
                .as("left to the message decoder, which refuses duplicates").isNull();
    }

    @Test
    void encodingAndDecodingThroughAPipelineRoundTrip() {
        EmbeddedChannel sender = new EmbeddedChannel(new FileChunkEncoder());
        byte[] raw = "some bytes of a file".getBytes();
        ByteBuf base64 = Unpooled.wrappedBuffer(Base64.getEncoder().encode(raw));
        sender.writeOutbound(new FileChunk("t1", 65536, base64));
        ByteBuf wire = Unpooled.buffer();
        ByteBuf part;
        while ((part = sender.readOutbound()) != null) {
            wire.writeBytes(part);
            part.release();
        }
        assertThat(text(wire)).startsWith("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t1\",\"offset\":65536,\"data\":\"").endsWith("\"}\n");

        EmbeddedChannel receiver = new EmbeddedChannel(new JsonFrameDecoder(1 << 20), new FileChunkDecoder());
        receiver.writeInbound(wire);
        FileChunk chunk = receiver.readInbound();
        assertThat(chunk.offset()).isEqualTo(65536);
        assertThat(Base64.getDecoder().decode(chunk.content().nioBuffer()).remaining()).isEqualTo(raw.length);
        chunk.release();
        assertThat(receiver.finish()).isFalse();
    }

    @Test
    void aBadChunkBecomesADecodeFailureAndOtherFramesPassUntouched() {
        EmbeddedChannel sut = new EmbeddedChannel(new FileChunkDecoder());
        sut.writeInbound(frame("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t\",\"offset\":0,\"data\":\"!!!!\"}"));
        assertThat((Object) sut.readInbound()).isInstanceOf(MessageDecoder.DecodeFailure.class);
        sut.writeInbound(frame("{\"type\":\"LIST\"}"));
        ByteBuf passed = sut.readInbound();
        assertThat(text(passed)).isEqualTo("{\"type\":\"LIST\"}");
        passed.release();
    }

    @Test
    void transferMessagesRoundTripThroughTheCodec() throws Exception {
        MessageCodec codec = new MessageCodec();
        for (Message m : new Message[] {
            new TransferMessage.Accept("t1", 10), new TransferMessage.Ack("t1", 65536),
            new TransferMessage.End("t1", "ab"), new TransferMessage.Done("t1", "ab"),
            new TransferMessage.Cancel("t1", CancelReason.CHECKSUM_MISMATCH),
            new ClientMessage.FileStream("t1", "Bob", "a.bin", 5),
            new ServerMessage.FileStreamOffer("t1", "Alice", "a.bin", 5, "take it"),
        }) {
            assertThat(codec.decode(codec.encode(m))).isEqualTo(m);
        }
        assertThat(new String(codec.encode(new TransferMessage.Cancel("t1", CancelReason.CHECKSUM_MISMATCH)), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"FILE_STREAM_CANCEL\",\"transfer_id\":\"t1\",\"reason\":\"checksum_mismatch\"}");
        assertThat(CancelReason.fromWire("something_new")).isEmpty();
    }

    @Test
    void headerAndTrailerFrameTheWholeChunk() {
        FileChunk chunk = new FileChunk("x", 0, Unpooled.copiedBuffer("QUJD", StandardCharsets.US_ASCII));
        ByteBuf whole = FileChunkCodec.encode(ByteBufAllocator.DEFAULT, chunk);
        assertThat(text(whole)).isEqualTo("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"x\",\"offset\":0,\"data\":\"QUJD\"}\n");
        whole.release();
        chunk.release();
    }
}
