package dev.obrol.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Finds the {@code type} and {@code message} string values of one framed JSON object without
 * building a tree or a record: the load generator reads hundreds of thousands of frames a second
 * on the same two cores as the server, so it must not spend them in Jackson.
 *
 * <p>Only top-level keys are looked at; nested values are skipped. Ranges index into the frame
 * and hold escaped JSON text (the bench's own payloads never need escapes). Reusable, not
 * thread-safe: one instance per event loop or per connection.
 */
final class FrameFields {
    private static final byte[] TYPE = bytes("type");
    private static final byte[] MESSAGE = bytes("message");

    private ByteBuf frame;
    private int typeStart = -1;
    private int typeEnd = -1;
    private int messageStart = -1;
    private int messageEnd = -1;

    /** Scans {@code frame} (not consumed, not released); false if it is not a JSON object. */
    boolean scan(ByteBuf frame) {
        this.frame = frame;
        typeStart = typeEnd = messageStart = messageEnd = -1;
        int i = skipSpace(frame.readerIndex());
        int end = frame.writerIndex();
        if (i >= end || frame.getByte(i) != '{') {
            return false;
        }
        i++;
        while (true) {
            i = skipSpace(i);
            if (i >= end) {
                return false;
            }
            byte b = frame.getByte(i);
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
            if (i >= end || frame.getByte(i) != ':') {
                return false;
            }
            i = skipSpace(i + 1);
            if (i >= end) {
                return false;
            }
            if (frame.getByte(i) == '"') {
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

    boolean typeIs(byte[] expected) {
        return typeStart >= 0 && equals(typeStart, typeEnd, expected);
    }

    boolean hasMessage() {
        return messageStart >= 0;
    }

    int messageStart() {
        return messageStart;
    }

    int messageEnd() {
        return messageEnd;
    }

    String type() {
        return typeStart < 0 ? "?" : frame.toString(typeStart, typeEnd - typeStart, StandardCharsets.UTF_8);
    }

    String message() {
        return messageStart < 0 ? "" : frame.toString(messageStart, messageEnd - messageStart, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private boolean equals(int start, int end, byte[] expected) {
        if (end - start != expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (frame.getByte(start + k) != expected[k]) {
                return false;
            }
        }
        return true;
    }

    /** Index of the closing quote of the string whose content starts at {@code i}, or -1. */
    private int stringEnd(int i) {
        int end = frame.writerIndex();
        while (i < end) {
            byte b = frame.getByte(i);
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
        int end = frame.writerIndex();
        int depth = 0;
        while (i < end) {
            byte b = frame.getByte(i);
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
        int end = frame.writerIndex();
        while (i < end) {
            byte b = frame.getByte(i);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }
}
