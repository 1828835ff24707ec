package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts a byte stream into JSON objects, whatever the delimiters: objects back to back (v1 sends
 * no newline), split across reads, several in one read, or separated by whitespace. Emits each
 * object as a {@link ByteBuf} (the receiver releases it) and any non-JSON text between objects as
 * {@link RawText}.
 *
 * <p>The scan keeps its state between reads, so a large object arriving in many pieces is scanned
 * once, not once per piece. An object longer than {@code maxFrameBytes} raises {@link
 * FrameTooLongException}; the decoder then discards everything after it, so memory stays bounded
 * while the handler replies and closes.
 *
 * <p>Objects up to {@code smallFrameBytes} are always accepted. Past that, each further chunk of
 * {@link #GROW_CHUNK} bytes must be granted by the {@link FrameAllowance}, which lets the server
 * bound how many large frames (whole-file offers) it buffers at once; a refusal also raises {@link
 * FrameTooLongException}. The allowance is released when the frame completes, fails, or the
 * decoder is removed (the channel closed). Raw text is cut into pieces of at most
 * {@code smallFrameBytes}.
 *
 * <p>An object nested deeper than {@link MessageCodec#MAX_NESTING_DEPTH} raises {@link
 * FrameTooDeepException} as soon as the bracket past the limit arrives, and the decoder discards
 * the rest as it does after a frame that is too long.
 *
 * <p>Raw text ends at a newline, at a '{', or at the end of what has arrived (v1 sends raw text
 * in one write with no delimiter). Not thread-safe: one instance per channel.
 */
public final class JsonFrameDecoder extends ByteToMessageDecoder {
    private static final byte BOM_0 = (byte) 0xEF;

    /** How much a large frame asks its allowance for at a time. */
    public static final int GROW_CHUNK = 1024 * 1024;

    private final int smallFrameBytes;
    private final int maxFrameBytes;
    private final FrameAllowance allowance;

    /** Bytes the current object may reach before it must ask the allowance for more. */
    private int allowed;

    /** Bytes of the current object scanned so far (0 when between objects). */
    private int scanned;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean failed;

    /** A decoder that accepts every object up to {@code maxFrameBytes}. */
    public JsonFrameDecoder(int maxFrameBytes) {
        this(maxFrameBytes, maxFrameBytes, FrameAllowance.UNLIMITED);
    }

    /** A decoder whose objects past {@code smallFrameBytes} must be granted by {@code allowance}. */
    public JsonFrameDecoder(int smallFrameBytes, int maxFrameBytes, FrameAllowance allowance) {
        if (smallFrameBytes <= 0 || smallFrameBytes > maxFrameBytes) {
            throw new IllegalArgumentException("need 0 < smallFrameBytes <= maxFrameBytes");
        }
        this.smallFrameBytes = smallFrameBytes;
        this.maxFrameBytes = maxFrameBytes;
        this.allowance = allowance;
        this.allowed = smallFrameBytes;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        allowance.release(); // the channel closed with a large frame half-read
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        WINDOW.get().invalidate(); // the buffer may have been compacted since the last call
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            if (scanned == 0) {
                skipWhitespace(in);
                if (!in.isReadable()) {
                    return;
                }
                if (in.getByte(in.readerIndex()) != '{') {
                    readRawText(in, out);
                    continue;
                }
            }
            ByteBuf frame = scanObject(in);
            if (frame == null) {
                return;
            }
            out.add(frame);
        }
    }

    /**
     * Continues scanning the object that starts at the reader index; null if it is incomplete.
     * Bytes are copied, a window at a time, into a per-thread array and searched eight at a time
     * ({@link JsonBytes}): outside strings for the next quote, brace or bracket, inside strings
     * for the next quote or backslash. Chat frames are short strings and structure, file chunks
     * one long string; both cost a few instructions per eight bytes, where a call per byte or a
     * {@code ByteBuf.indexOf} per string cost more than the rest of relaying a message.
     */
    private ByteBuf scanObject(ByteBuf in) {
        int start = in.readerIndex();
        while (true) {
            int from = start + scanned;
            int available = in.writerIndex() - from;
            if (available <= 0) {
                return null;
            }
            if (scanned >= allowed) {
                grow(in); // more bytes than allowed so far: ask for more, or fail
                continue;
            }
            int length = Math.min(available, allowed - scanned);
            int stop = scan(in, from, from + length);
            if (stop < 0) {
                scanned += length;
                continue;
            }
            int frameLength = stop - start + 1;
            resetScan();
            return in.readRetainedSlice(frameLength);
        }
    }

    /**
     * Scans {@code in[from, to)}, tracking strings and nesting; returns the index of the byte that
     * closes the object, or -1 if it is not in the range.
     */
    private int scan(ByteBuf in, int from, int to) {
        Window window = WINDOW.get();
        int at = from;
        // A quote found ahead in place (or `to`: none before it); a string cannot end before it, so
        // a long string with many escapes is not searched again from each one.
        int quoteAhead = -1;
        outer:
        while (at < to) {
            byte[] a = window.cover(this, in, at, to);
            int i = at - window.base;
            int end = Math.min(window.end, to) - window.base;
            while (i < end) {
                if (inString) {
                    if (escaped) {
                        escaped = false;
                        i++;
                        continue;
                    }
                    int stop = JsonBytes.quoteOrBackslash(a, i, end);
                    if (stop == end && window.base + end < to) {
                        // A long string (a file chunk's data): find its end in place, without copying it.
                        int rest = window.base + end;
                        if (quoteAhead < rest) {
                            int quote = in.indexOf(rest, to, (byte) '"');
                            quoteAhead = quote < 0 ? to : quote;
                        }
                        int backslash = in.indexOf(rest, quoteAhead, (byte) '\\');
                        int next = backslash >= 0 ? backslash : quoteAhead;
                        if (next == to) {
                            return -1; // the whole range is string body
                        }
                        at = next;
                        continue outer;
                    } else if (stop == end) {
                        i = end;
                    } else if (a[stop] == '\\') {
                        escaped = true;
                        i = stop + 1;
                    } else {
                        inString = false;
                        i = stop + 1;
                    }
                } else {
                    int stop = JsonBytes.structural(a, i, end);
                    if (stop == end) {
                        i = end;
                        continue;
                    }
                    byte b = a[stop];
                    i = stop + 1;
                    if (b == '"') {
                        inString = true;
                    } else if (b == '{' || b == '[') {
                        if (++depth > MessageCodec.MAX_NESTING_DEPTH) {
                            fail(in, new FrameTooDeepException(MessageCodec.MAX_NESTING_DEPTH));
                        }
                    } else if (--depth == 0) { // '}' or ']'
                        return window.base + stop;
                    }
                }
            }
            at = window.base + i;
        }
        return -1;
    }

    /**
     * A copy of the bytes being scanned, one per event-loop thread. A copy is only good during the
     * {@link #decode} call that made it (between calls the decoder may compact its buffer), so
     * each call starts by invalidating it, and a copy made by another decoder is never used.
     */
    private static final class Window {
        static final int SIZE = 4096;
        final byte[] bytes = new byte[SIZE];
        Object owner;
        int base;
        int end;

        /** The array, holding {@code in[at, ...)} from {@code bytes[at - base]} up to {@code to} or the window's size. */
        byte[] cover(Object decoder, ByteBuf in, int at, int to) {
            if (owner != decoder || at < base || at >= end) {
                int length = Math.min(SIZE, to - at);
                in.getBytes(at, bytes, 0, length);
                owner = decoder;
                base = at;
                end = at + length;
            }
            return bytes;
        }

        void invalidate() {
            owner = null;
        }
    }

    private static final FastThreadLocal<Window> WINDOW = new FastThreadLocal<>() {
        @Override
        protected Window initialValue() {
            return new Window();
        }
    };

    /** The object just passed {@code allowed}: ask for more, or fail. */
    private void grow(ByteBuf in) {
        if (allowed >= maxFrameBytes) {
            fail(in, new FrameTooLongException(maxFrameBytes));
        }
        int chunk = Math.min(GROW_CHUNK, maxFrameBytes - allowed);
        switch (allowance.grow(chunk)) {
            case GRANTED -> allowed += chunk;
            case TOO_LONG -> fail(in, new FrameTooLongException(smallFrameBytes));
            case BUSY -> fail(in, new FrameTooLongException(allowed, true));
        }
    }

    private void fail(ByteBuf in, DecoderException cause) {
        failed = true;
        resetScan();
        in.skipBytes(in.readableBytes());
        throw cause;
    }

    private void resetScan() {
        scanned = 0;
        depth = 0;
        inString = false;
        escaped = false;
        if (allowed > smallFrameBytes) {
            allowance.release();
            allowed = smallFrameBytes;
        }
    }

    private static void skipWhitespace(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                in.skipBytes(1);
            } else if (b == BOM_0 && startsWithBom(in)) {
                in.skipBytes(3); // a UTF-8 byte-order mark some editors and tools prepend
            } else {
                return;
            }
        }
    }

    private static boolean startsWithBom(ByteBuf in) {
        int i = in.readerIndex();
        return in.readableBytes() >= 3 && in.getByte(i + 1) == (byte) 0xBB && in.getByte(i + 2) == (byte) 0xBF;
    }

    private void readRawText(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int limit = Math.min(end, start + smallFrameBytes);
        int found = in.forEachByte(start, limit - start, b -> b != '\n' && b != '{');
        int stop = found >= 0 ? found : limit;
        String text = in.toString(start, stop - start, StandardCharsets.UTF_8).strip();
        in.readerIndex(stop);
        if (!text.isEmpty()) {
            out.add(new RawText(text));
        }
    }
}
