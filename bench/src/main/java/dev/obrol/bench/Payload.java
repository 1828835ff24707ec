package dev.obrol.bench;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The text of a bench message: {@code <seq>.<intended>.} then 'x' up to the requested size. The
 * sequence number lets the receiver detect loss and reordering per sender; {@code intended} is
 * the time (nanoseconds since the run's epoch) the message was <em>scheduled</em> to be sent, so
 * latency includes any delay the sender suffered (no coordinated omission). ASCII only, so the
 * JSON string needs no escaping and its byte length is its character length.
 */
final class Payload {
    /** Room for a 10-digit sequence and a 13-digit time (over two hours) with both dots. */
    static final int MIN_SIZE = 32;

    private static final byte[] PADDING = new byte[64 * 1024];

    static {
        Arrays.fill(PADDING, (byte) 'x');
    }

    private Payload() {}

    /** Writes the payload text (no quotes) of {@code size} bytes, longer only if the numbers need it. */
    static void write(ByteBuf out, long seq, long intended, int size) {
        int start = out.writerIndex();
        writeDecimal(out, seq);
        out.writeByte('.');
        writeDecimal(out, intended);
        out.writeByte('.');
        int pad = size - (out.writerIndex() - start);
        while (pad > 0) {
            int n = Math.min(pad, PADDING.length);
            out.writeBytes(PADDING, 0, n);
            pad -= n;
        }
    }

    /** The sequence number of the payload in {@code bytes[start, end)}, or -1 if it is not one. */
    static long seq(byte[] bytes, int start, int end) {
        return readDecimal(bytes, start, end);
    }

    /** The intended send time of the payload in {@code bytes[start, end)}, or -1 if it is not one. */
    static long intended(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == '.') {
                return readDecimal(bytes, i + 1, end);
            }
        }
        return -1;
    }

    private static long readDecimal(byte[] bytes, int start, int end) {
        long value = 0;
        int i = start;
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b == '.') {
                break;
            }
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return i == start || i == end ? -1 : value;
    }

    static void writeDecimal(ByteBuf out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        if (value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10) {
            digits++;
        }
        int at = out.writerIndex() + digits;
        out.ensureWritable(digits);
        out.writerIndex(at);
        for (long v = value; v > 0; v /= 10) {
            out.setByte(--at, '0' + (int) (v % 10));
        }
    }
}
