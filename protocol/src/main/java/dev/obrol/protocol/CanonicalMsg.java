package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads a direct message in the shape every client sends it, without Jackson:
 *
 * <pre>{"type":"MSG","to_username":"bob","message":"hi"}</pre>
 *
 * with any JSON whitespace between tokens (v1's Python client writes {@code ": "} and {@code ", "}),
 * and both strings ASCII with no escapes or control characters. That is the server's most
 * frequent request, and databind spent more time setting up than reading it. Anything else
 * (another field order, an extra field, an escape, a non-ASCII byte) returns null and takes the
 * general path, so what this accepts it reads exactly as {@link MessageCodec#decode} would, and
 * what it refuses is refused there with the usual error. Stateless and thread-safe.
 */
final class CanonicalMsg {
    private static final byte[] TYPE = bytes("\"type\"");
    private static final byte[] MSG = bytes("\"MSG\"");
    private static final byte[] TO_USERNAME = bytes("\"to_username\"");
    private static final byte[] MESSAGE = bytes("\"message\"");
    /** Longer frames are rare (long pastes) and not worth a copy out of a direct buffer here. */
    static final int MAX_FRAME_BYTES = 8 * 1024;

    private final byte[] in;
    private final int end;
    private int at;
    private String string;

    private CanonicalMsg(byte[] in, int offset, int length) {
        this.in = in;
        this.at = offset;
        this.end = offset + length;
    }

    /** The message in {@code frame} (one whole JSON object), or null when it is not in the canonical shape. */
    static ClientMessage.Msg parse(ByteBuf frame) {
        int length = frame.readableBytes();
        if (length > MAX_FRAME_BYTES || length < 2) {
            return null;
        }
        if (frame.hasArray()) {
            return new CanonicalMsg(frame.array(), frame.arrayOffset() + frame.readerIndex(), length).read();
        }
        byte[] copy = ScratchBytes.get().copy(frame, frame.readerIndex(), length);
        return new CanonicalMsg(copy, 0, length).read();
    }

    /** As {@link #parse(ByteBuf)}, over {@code length} bytes of {@code json} from {@code offset}. */
    static ClientMessage.Msg parse(byte[] json, int offset, int length) {
        return new CanonicalMsg(json, offset, length).read();
    }

    private ClientMessage.Msg read() {
        if (!(token('{') && literal(TYPE) && token(':') && literal(MSG) && token(',')
                && literal(TO_USERNAME) && token(':') && string())) {
            return null;
        }
        String to = string;
        if (!(token(',') && literal(MESSAGE) && token(':') && string())) {
            return null;
        }
        String message = string;
        if (!token('}')) {
            return null;
        }
        skipWhitespace();
        return at == end ? new ClientMessage.Msg(to, message) : null;
    }

    private boolean token(char c) {
        skipWhitespace();
        if (at < end && in[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private boolean literal(byte[] expected) {
        skipWhitespace();
        if (end - at < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (in[at + i] != expected[i]) {
                return false;
            }
        }
        at += expected.length;
        return true;
    }

    /** A string of ASCII text without escapes or control characters; sets {@link #string}. */
    private boolean string() {
        skipWhitespace();
        if (at >= end || in[at] != '"') {
            return false;
        }
        int start = at + 1;
        int stop = JsonBytes.stringStop(in, start, end);
        if (stop == end || in[stop] != '"') {
            return false; // an escape, a control character or non-ASCII: the general path validates and unescapes
        }
        // ASCII is the same in Latin-1 and UTF-8, and Latin-1 makes a compact string without decoding.
        string = new String(in, start, stop - start, StandardCharsets.ISO_8859_1);
        at = stop + 1;
        return true;
    }

    private void skipWhitespace() {
        while (at < end) {
            byte b = in[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
