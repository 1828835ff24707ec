package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Fuzzes binary chunk frames on a connection that negotiated them. Properties: JSON messages and
 * binary chunks written back to back come out exactly as they went in, each chunk's bytes intact,
 * however the stream is split into reads; arbitrary bytes raise nothing but the framing refusals
 * ({@link BinaryFrameException}, {@link FrameTooLongException}, {@link FrameTooDeepException}),
 * never emit a chunk over the limit, and leak nothing (paranoid leak detection). In {@code mvn
 * verify} it replays the corpus in src/test/resources; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class BinaryFrameFuzzTest {
    private static final int MAX = 1 << 20;
    private static final MessageCodec CODEC = new MessageCodec(MAX);
    private static final String[] IDS = {"t", "k3j9x2", "tq7m2xa-1f", "a".repeat(40)};

    @FuzzTest(maxDuration = "30s")
    void framesComeOutAsTheyWentInWhateverTheSplits(FuzzedDataProvider data) {
        List<String> expected = new ArrayList<>();
        ByteBuf wire = Unpooled.buffer();
        int items = data.consumeInt(0, 6);
        for (int i = 0; i < items; i++) {
            if (data.consumeBoolean()) {
                String id = IDS[data.consumeInt(0, IDS.length - 1)];
                long offset = data.consumeLong(0, Long.MAX_VALUE);
                byte[] payload = data.consumeBytes(data.consumeInt(1, 3000));
                if (payload.length == 0) {
                    payload = new byte[] {0};
                }
                wire.writeBytes(BinaryChunkFrameTest.frame(id, offset, payload));
                expected.add("CHUNK " + id + " @" + offset + " " + Base64.getEncoder().encodeToString(payload));
            } else {
                ClientMessage.Msg msg = new ClientMessage.Msg("bob", data.consumeAsciiString(200) + "x");
                wire.writeBytes(CODEC.encode(msg)).writeByte('\n');
                expected.add(msg.toString());
            }
        }
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, wire.readableBytes());
        }
        byte[] bytes = ByteBufUtil.getBytes(wire);

        assertThat(decode(split(bytes, cuts))).as("what went in, whatever the read boundaries").isEqualTo(expected);
    }

    @FuzzTest(maxDuration = "30s")
    void arbitraryBytesOnlyRaiseFramingRefusals(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 4096);
        }
        // decode() lets only the framing refusals through and checks every chunk against the limit.
        decode(split(data.consumeRemainingAsBytes(), cuts));
    }

    private static List<String> decode(List<byte[]> reads) {
        JsonFrameDecoder framer = new JsonFrameDecoder(256, MAX, FrameAllowance.UNLIMITED);
        framer.acceptBinaryChunks();
        EmbeddedChannel channel = new EmbeddedChannel(framer, new FileChunkDecoder(), new MessageDecoder(CODEC));
        List<String> out = new ArrayList<>();
        try {
            for (byte[] read : reads) {
                channel.writeInbound(Unpooled.wrappedBuffer(read));
                drain(channel, out);
            }
        } catch (BinaryFrameException | FrameTooLongException | FrameTooDeepException refused) {
            drain(channel, out);
            out.add("REFUSED");
        } finally {
            channel.finishAndReleaseAll();
        }
        return out;
    }

    private static void drain(EmbeddedChannel channel, List<String> out) {
        for (Object o; (o = channel.readInbound()) != null; ) {
            try {
                if (o instanceof FileChunk chunk) {
                    assertThat(chunk.decodedLength()).as("never a chunk over the limit")
                            .isBetween(1, StreamLimits.MAX_BINARY_CHUNK_BYTES);
                    out.add("CHUNK " + chunk.transferId() + " @" + chunk.offset() + " "
                            + Base64.getEncoder().encodeToString(ByteBufUtil.getBytes(chunk.content())));
                } else if (o instanceof Message m) {
                    out.add(m.toString());
                } else if (o instanceof MessageDecoder.DecodeFailure f) {
                    assertThat(f.reason()).as("no internals in replies").doesNotContain("Exception");
                    out.add("FAIL:" + f.code());
                } else if (o instanceof RawText text) {
                    out.add("TEXT"); // ends at read boundaries by design; the first property writes none
                } else {
                    throw new AssertionError("unexpected output " + o);
                }
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
    }

    private static List<byte[]> split(byte[] bytes, int[] cuts) {
        int[] sorted = cuts.clone();
        Arrays.sort(sorted);
        List<byte[]> reads = new ArrayList<>();
        int from = 0;
        for (int cut : sorted) {
            int at = Math.min(cut, bytes.length);
            if (at > from) {
                reads.add(Arrays.copyOfRange(bytes, from, at));
                from = at;
            }
        }
        reads.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return reads;
    }
}
