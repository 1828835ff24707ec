package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzzes the framing and parsing of untrusted bytes. Properties: nothing but {@link
 * FrameTooLongException}, {@link FrameTooDeepException} and {@link BinaryFrameException} (a 0x00
 * where a frame begins: binary frames are not negotiated here, see {@link BinaryFrameFuzzTest})
 * escapes; the messages (and refusals) decoded do not depend on how the bytes are split into
 * reads, wherever a split does not fall inside raw text; every large-frame grant is given back; nothing leaks (paranoid leak
 * detection). In {@code mvn verify} it replays the corpus in src/test/resources; with {@code
 * JAZZER_FUZZ=1} it fuzzes (see docs/SECURITY.md).
 *
 * <p>Raw text is the exception by design (docs/PROTOCOL.md, "Raw text"): a v1 client writes each
 * line in one write with no delimiter, so raw text ends at the end of a read, and a message written
 * right after it is recognised only if its opening ({@code {"type":}) arrived in the same read.
 * A split inside raw text, or inside the opening of a message that follows raw text, may change
 * what is read; a split anywhere else must not.
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
        List<String> pieces = decode(split(bytes, outsideRawText(bytes, cuts)));
        assertThat(pieces).as("the same messages whatever the read boundaries outside raw text").isEqualTo(whole);
    }

    /** The cuts that fall outside raw text (see the class comment), found by framing the bytes in one read. */
    private static int[] outsideRawText(byte[] bytes, int[] cuts) {
        boolean[] allowed = cutsOutsideRawText(bytes);
        return java.util.Arrays.stream(cuts).map(cut -> Math.min(cut, bytes.length)).filter(cut -> allowed[cut]).toArray();
    }

    /**
     * For each position 0..n, whether a read may end there without changing what is read. Frames
     * the bytes in one read; between two objects, bytes that are not whitespace (or a byte-order
     * mark) are raw text, and so is anything the framer reported as raw text.
     */
    private static boolean[] cutsOutsideRawText(byte[] bytes) {
        int n = bytes.length;
        boolean[] allowed = new boolean[n + 1];
        allowed[0] = true;
        allowed[n] = true;
        EmbeddedChannel framer = new EmbeddedChannel(new JsonFrameDecoder(SMALL, MAX, FrameAllowance.UNLIMITED));
        try {
            framer.writeInbound(Unpooled.wrappedBuffer(bytes));
        } catch (DecoderException refused) {
            // the objects before the refusal stand; the rest is the tail below
        }
        int gapStart = 0;
        boolean rawInGap = false;
        for (Object o; (o = framer.readInbound()) != null; ) {
            if (!(o instanceof ByteBuf frame)) {
                rawInGap |= o instanceof RawText;
                ReferenceCountUtil.release(o);
                continue;
            }
            // One read: the framer cuts its objects out of that very buffer, so an object's offset is its place.
            assertThat(frame.array()).as("a frame is a slice of the one read").isSameAs(bytes);
            int start = frame.arrayOffset() + frame.readerIndex();
            int end = start + frame.readableBytes();
            frame.release();
            boolean betweenObjects = !rawInGap && quiet(bytes, gapStart, start);
            for (int k = gapStart; k <= start; k++) {
                allowed[k] |= betweenObjects || k == gapStart || k == start;
            }
            // After raw text, an object is one only once its opening has arrived: up to its first ':'.
            int openingEnd = betweenObjects ? start : indexOf(bytes, (byte) ':', start, end);
            for (int k = Math.max(start, openingEnd) + 1; k < end && openingEnd >= 0; k++) {
                allowed[k] = true;
            }
            gapStart = end;
            rawInGap = false;
        }
        framer.finishAndReleaseAll();
        // The tail: an object still open or refused, whitespace, or raw text.
        int brace = indexOf(bytes, (byte) '{', gapStart, n);
        boolean objectAtBoundary = !rawInGap && quiet(bytes, gapStart, brace < 0 ? n : brace);
        for (int k = gapStart; k <= n; k++) {
            allowed[k] |= objectAtBoundary || k == gapStart;
        }
        return allowed;
    }

    /** Whether {@code bytes[from, to)} holds only whitespace and byte-order marks, which the framer skips. */
    private static boolean quiet(byte[] bytes, int from, int to) {
        for (int i = from; i < to; ) {
            byte b = bytes[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                i++;
            } else if (to - i >= 3 && b == (byte) 0xEF && bytes[i + 1] == (byte) 0xBB && bytes[i + 2] == (byte) 0xBF) {
                i += 3;
            } else {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
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
        } catch (BinaryFrameException e) {
            drain(channel, out);
            out.add("BINARY:" + e.problem());
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
