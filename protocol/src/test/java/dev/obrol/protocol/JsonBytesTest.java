package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time searches against the obvious byte-by-byte loop, on random bytes. */
class JsonBytesTest {
    private static final byte[] INTERESTING = {'"', '\\', '{', '}', '[', ']', 'y', 'Y', '_', 0x7f, 0x1f, 0x20, 0x00,
        (byte) 0x80, (byte) 0xff, 'a', '0', 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x79, 0x7b, 0x7d};

    @Test
    void everySearchFindsWhatALoopFinds() {
        Random random = new Random(1234);
        for (int round = 0; round < 50_000; round++) {
            byte[] a = new byte[random.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                // Mostly plain letters, with interesting bytes now and then, some runs of them.
                a[i] = random.nextInt(6) == 0 ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : random.nextInt(20) == 0 ? (byte) random.nextInt(256) : (byte) ('a' + random.nextInt(26));
            }
            int from = a.length == 0 ? 0 : random.nextInt(a.length + 1);
            int to = from + random.nextInt(a.length - from + 1);
            assertThat(JsonBytes.stringStop(a, from, to)).as("stringStop").isEqualTo(naive(a, from, to,
                    i -> a[i] == '"' || a[i] == '\\' || (a[i] & 0xff) < 0x20 || (a[i] & 0xff) >= 0x80));
            assertThat(JsonBytes.quoteOrBackslash(a, from, to)).as("quoteOrBackslash").isEqualTo(naive(a, from, to,
                    i -> a[i] == '"' || a[i] == '\\'));
            assertThat(JsonBytes.structural(a, from, to)).as("structural").isEqualTo(naive(a, from, to,
                    i -> a[i] == '"' || a[i] == '{' || a[i] == '}' || a[i] == '[' || a[i] == ']'));
            byte value = INTERESTING[random.nextInt(INTERESTING.length)];
            assertThat(JsonBytes.indexOf(a, from, to, value)).as("indexOf").isEqualTo(naive(a, from, to, i -> a[i] == value));
        }
    }

    @Test
    void aMatchInTheLastByteOfAWordAndRunsOfMatchesAreFound() {
        byte[] a = "abcdefg\"hijklmn\\\\\\\\".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(JsonBytes.quoteOrBackslash(a, 0, a.length)).isEqualTo(7);
        assertThat(JsonBytes.quoteOrBackslash(a, 8, a.length)).isEqualTo(15);
        assertThat(JsonBytes.stringStop(a, 8, 15)).as("nothing in range").isEqualTo(15);
    }

    private static int naive(byte[] a, int from, int to, IntPredicate match) {
        for (int i = from; i < to; i++) {
            if (match.test(i)) {
                return i;
            }
        }
        return to;
    }
}
