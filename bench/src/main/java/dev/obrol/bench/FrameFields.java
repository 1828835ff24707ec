package dev.obrol.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The obrol {@link ReceivedLine}: finds the {@code type} and {@code message} string values of one
 * framed JSON object without building a tree or a record: the load generator reads hundreds of
 * thousands of frames a second on the same two cores as the server, so it must not spend them in
 * Jackson.
 *
 * <p>The frame is copied once into an array of this object's, then scanned there with plain
 * indexing: a {@code ByteBuf} access or search per byte or per string cost more than the rest of
 * handling a message. Only top-level keys are looked at; nested values are skipped. Ranges index
 * into {@link #bytes()} and hold escaped JSON text (the bench's own payloads never need escapes).
 * Reusable, not thread-safe: one instance per connection.
 */
final class FrameFields implements ReceivedLine {
    private static final byte[] TYPE = bytes("type");
    private static final byte[] MESSAGE = bytes("message");

    private byte[] bytes = new byte[256];
    private int length;
    private int typeStart = -1;
    private int typeEnd = -1;
    private int messageStart = -1;
    private int messageEnd = -1;

    /** Scans {@code frame} (not consumed, not released); false if it is not a JSON object. */
    @Override
    public boolean scan(ByteBuf frame) {
        length = frame.readableBytes();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        frame.getBytes(frame.readerIndex(), bytes, 0, length);
        return scan();
    }

    private boolean scan() {
        byte[] a = bytes;
        int end = length;
        typeStart = typeEnd = messageStart = messageEnd = -1;
        int i = skipSpace(0);
        if (i >= end || a[i] != '{') {
            return false;
        }
        i++;
        while (true) {
            i = skipSpace(i);
            if (i >= end) {
                return false;
            }
            byte b = a[i];
            if (b == '}') {
                return true;
            }
            if (b == ',') {
                i++;
                continue;
            }
            if (b != '"') {
                return false;
            }
            int keyStart = i + 1;
            int keyEnd = stringEnd(keyStart);
            if (keyEnd < 0) {
                return false;
            }
            i = skipSpace(keyEnd + 1);
            if (i >= end || a[i] != ':') {
                return false;
            }
            i = skipSpace(i + 1);
            if (i >= end) {
                return false;
            }
            if (a[i] == '"') {
                int valueEnd = stringEnd(i + 1);
                if (valueEnd < 0) {
                    return false;
                }
                if (equals(keyStart, keyEnd, TYPE)) {
                    typeStart = i + 1;
                    typeEnd = valueEnd;
                } else if (equals(keyStart, keyEnd, MESSAGE)) {
                    messageStart = i + 1;
                    messageEnd = valueEnd;
                }
                i = valueEnd + 1;
            } else {
                i = skipValue(i);
                if (i < 0) {
                    return false;
                }
            }
        }
    }

    @Override
    public boolean typeIs(byte[] expected) {
        return typeStart >= 0 && equals(typeStart, typeEnd, expected);
    }

    /** The scanned frame's bytes (valid until the next scan); the ranges below index into it. */
    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public int messageStart() {
        return messageStart;
    }

    @Override
    public int messageEnd() {
        return messageEnd;
    }

    @Override
    public String type() {
        return typeStart < 0 ? "?" : new String(bytes, typeStart, typeEnd - typeStart, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private boolean equals(int start, int end, byte[] expected) {
        return java.util.Arrays.equals(bytes, start, end, expected, 0, expected.length);
    }

    /** Index of the closing quote of the string whose content starts at {@code i}, or -1. */
    private int stringEnd(int i) {
        byte[] a = bytes;
        while (i < length) {
            byte b = a[i];
            if (b == '\\') {
                i += 2;
            } else if (b == '"') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Index just after a non-string value (number, literal, object, array), or -1. */
    private int skipValue(int i) {
        byte[] a = bytes;
        int depth = 0;
        while (i < length) {
            byte b = a[i];
            if (b == '"') {
                i = stringEnd(i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (depth == 0) {
                    return i; // the enclosing object's end: a scalar ran up to it
                }
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (depth == 0 && (b == ',' || b == ' ' || b == '\n' || b == '\r' || b == '\t')) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private int skipSpace(int i) {
        byte[] a = bytes;
        while (i < length) {
            byte b = a[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }
}
