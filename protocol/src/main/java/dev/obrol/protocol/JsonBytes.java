package dev.obrol.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches in UTF-8 JSON text eight bytes at a time (SWAR: SIMD within a register). The server
 * looks for a handful of byte values in every frame it reads and writes, and a loop that tests
 * one byte at a time, or a {@code ByteBuf.indexOf} call per short string, cost more than the
 * rest of relaying a chat message. Stateless.
 *
 * <p>Each search reads the array as little-endian longs and computes, per 8 bytes, a mask with
 * the high bit set in every byte that matches. Some of those tests can also flag a byte above a
 * real match (a borrow carried up), never one below it, so the lowest flagged byte is always a
 * real match: that is the only one used.
 */
final class JsonBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;
    private static final long OPEN_BRACES = ONES * '{';
    private static final long CLOSE_BRACES = ONES * '}';
    private static final long OPEN_BRACKETS = ONES * '[';
    private static final long CLOSE_BRACKETS = ONES * ']';

    private JsonBytes() {}

    /**
     * Index of the first byte in {@code [from, to)} that ends plain string text: a quote, a
     * backslash, a control character (below 0x20) or any non-ASCII byte; {@code to} if none.
     */
    static int stringStop(byte[] a, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(a, i);
            // (x ^ QUOTES) - ONES sets a byte's high bit where it was a quote, or where x was 0x80 or
            // more (flagged anyway by | x); x - SPACES where it was below 0x20. No "& ~y" needed.
            long mask = (((x ^ QUOTES) - ONES) | ((x ^ BACKSLASHES) - ONES) | (x - SPACES) | x) & HIGHS;
            if (mask != 0) {
                return i + (Long.numberOfTrailingZeros(mask) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = a[i];
            if (b == '"' || b == '\\' || b < 0x20) { // negative bytes (non-ASCII) are below 0x20 too
                return i;
            }
        }
        return to;
    }

    /** Index of the first byte equal to {@code value} in {@code [from, to)}; {@code to} if none. */
    static int indexOf(byte[] a, int from, int to, byte value) {
        long pattern = ONES * (value & 0xff);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long mask = zeroBytes((long) LONGS.get(a, i) ^ pattern);
            if (mask != 0) {
                return i + (Long.numberOfTrailingZeros(mask) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == value) {
                return i;
            }
        }
        return to;
    }

    /** Index of the first quote or backslash in {@code [from, to)}; {@code to} if none. */
    static int quoteOrBackslash(byte[] a, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(a, i);
            long mask = zeroBytes(x ^ QUOTES) | zeroBytes(x ^ BACKSLASHES);
            if (mask != 0) {
                return i + (Long.numberOfTrailingZeros(mask) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == '"' || a[i] == '\\') {
                return i;
            }
        }
        return to;
    }

    /** Index of the first of {@code " { } [ ]} in {@code [from, to)}; {@code to} if none. */
    static int structural(byte[] a, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(a, i);
            long mask = zeroBytes(x ^ QUOTES) | zeroBytes(x ^ OPEN_BRACES) | zeroBytes(x ^ CLOSE_BRACES)
                    | zeroBytes(x ^ OPEN_BRACKETS) | zeroBytes(x ^ CLOSE_BRACKETS);
            if (mask != 0) {
                return i + (Long.numberOfTrailingZeros(mask) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = a[i];
            if (b == '"' || b == '{' || b == '}' || b == '[' || b == ']') {
                return i;
            }
        }
        return to;
    }

    /** High bit set in every byte of {@code x} that is zero (and possibly in the byte above one). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
