package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzzes the framing and parsing of untrusted bytes. Properties: nothing but {@link
 * FrameTooLongException} and {@link FrameTooDeepException} escapes; the messages (and refusals) decoded do not depend on how the
 * bytes are split into reads; every large-frame grant is given back; nothing leaks (paranoid leak
 * detection). In {@code mvn verify} it replays the corpus in src/test/resources; with {@code
 * JAZZER_FUZZ=1} it fuzzes (see docs/SECURITY.md).
 */
class FrameFuzzTest {
    private static final int SMALL = 256;
    private static final int MAX = 2048;
    private static final MessageCodec CODEC = new MessageCodec(MAX);

    @FuzzTest(maxDuration = "30s")
    void decodedMessagesDoNotDependOnHowBytesAreSplit(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 4096);
        }
        byte[] bytes = data.consumeRemainingAsBytes();

        List<String> whole = decode(List.of(bytes));
        List<String> pieces = decode(split(bytes, cuts));
        assertThat(pieces).as("the same messages whatever the read boundaries").isEqualTo(whole);
    }

    /** Feeds the reads through framing and parsing; returns what came out (raw text left out: it ends at read boundaries by design). */
    private static List<String> decode(List<byte[]> reads) {
        AtomicLong budget = new AtomicLong(MAX);
        FrameAllowance allowance = new FrameAllowance() {
            private long drawn;

            @Override
            public Grant grow(int bytes) {
                budget.addAndGet(-bytes);
                drawn += bytes;
                return Grant.GRANTED;
            }

            @Override
            public void release() {
                budget.addAndGet(drawn);
                drawn = 0;
            }
        };
        EmbeddedChannel channel = new EmbeddedChannel(new JsonFrameDecoder(SMALL, MAX, allowance), new MessageDecoder(CODEC));
        List<String> out = new ArrayList<>();
        try {
            for (byte[] read : reads) {
                channel.writeInbound(Unpooled.wrappedBuffer(read));
                drain(channel, out);
            }
        } catch (FrameTooLongException e) {
            drain(channel, out);
            out.add("TOO_LONG:" + e.limit());
        } catch (FrameTooDeepException e) {
            drain(channel, out);
            out.add("TOO_DEEP:" + e.limit());
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(budget.get()).as("every large-frame grant is given back").isEqualTo(MAX);
        return out;
    }

    private static void drain(EmbeddedChannel channel, List<String> out) {
        for (Object o; (o = channel.readInbound()) != null; ) {
            if (o instanceof Message m) {
                out.add(m.toString());
                CODEC.encode(m); // whatever decodes must encode again
            } else if (o instanceof MessageDecoder.DecodeFailure f) {
                assertThat(f.reason()).as("no internals in replies").doesNotContain("com.fasterxml").doesNotContain("Exception");
                out.add("FAIL:" + f.code());
            } else if (!(o instanceof RawText)) {
                throw new AssertionError("unexpected output " + o);
            }
        }
    }

    private static List<byte[]> split(byte[] bytes, int[] cuts) {
        int[] sorted = cuts.clone();
        java.util.Arrays.sort(sorted);
        List<byte[]> reads = new ArrayList<>();
        int from = 0;
        for (int cut : sorted) {
            int at = Math.min(cut, bytes.length);
            if (at > from) {
                reads.add(java.util.Arrays.copyOfRange(bytes, from, at));
                from = at;
            }
        }
        reads.add(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
        return reads;
    }
}
