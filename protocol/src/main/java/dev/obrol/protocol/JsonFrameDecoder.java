package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ByteProcessor;
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
 * <p>Objects and raw text (docs/PROTOCOL.md, "Raw text"). Between objects, a '{' begins an object
 * only if it goes on as JSON can: whitespace, then '}' or a quoted field name, whitespace and ':'
 * (decided once those bytes have arrived, so an object split anywhere is still one object).
 * Anything else begins raw text, which a v1 client sends in one write with no delimiter. Raw text
 * ends at a newline or at the end of what has arrived, and a '{' inside it is text unless the
 * opening of a message, {@code {"type":}, has arrived with it: a v1 user's "lihat {" or ":{"
 * never starts an object that would swallow the user's next commands, and a command written right
 * after the text (the two writes coalesced into one read) is still read.
 *
 * <p>Binary chunk frames ({@link BinaryChunkFrame}): where an object could begin, a 0x00 byte
 * begins a binary frame. Only once {@link #acceptBinaryChunks} was called (after a login that
 * negotiated {@value StreamLimits#BINARY_FEATURE}) is it cut, by the lengths in its header, and
 * emitted whole as a {@link ByteBuf} slice (marker, header and payload; the payload is not
 * copied); before that it raises {@link BinaryFrameException}. A header with impossible lengths
 * raises it too, and a payload over the limit {@link FrameTooLongException}, both known before the
 * payload is buffered. Either way the decoder then discards the rest, as after a frame too long.
 * Not thread-safe: one instance per channel, used on its event loop.
 */
public final class JsonFrameDecoder extends ByteToMessageDecoder {
    private static final byte BOM_0 = (byte) 0xEF;

    /** How much a large frame asks its allowance for at a time. */
    public static final int GROW_CHUNK = 1024 * 1024;

    /**
     * How far after a '{' the decoder looks to tell an object from text: room for the longest field
     * name the parser accepts ({@link MessageCodec#MAX_NAME_LENGTH} characters of up to four UTF-8
     * bytes), its quotes and some whitespace. Undecided that far, the '{' is taken as an object,
     * which the frame limits then bound.
     */
    private static final int MAX_OPENING_BYTES = 4 * MessageCodec.MAX_NAME_LENGTH + 64;

    /** The first field of every message as clients write it; after raw text, only it opens an object. */
    private static final byte[] TYPE_FIELD = {'"', 't', 'y', 'p', 'e', '"'};

    private static final ByteProcessor NOT_NEWLINE_OR_BRACE = b -> b != '\n' && b != '{';
    private static final ByteProcessor NOT_QUOTE_OR_BACKSLASH = b -> b != '"' && b != '\\';

    /** What the bytes after a '{' between objects say about it. */
    private enum Opening {
        OBJECT,
        TEXT,
        UNDECIDED
    }

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
    /** Largest binary chunk payload accepted; 0 until binary frames were negotiated. */
    private int maxBinaryPayload;

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

    /**
     * From now on, cut binary chunk frames with payloads up to {@link
     * StreamLimits#MAX_BINARY_CHUNK_BYTES}: the connection negotiated them. Called on the event loop
     * before the peer can know that it may send them (before the login answer is written, or when
     * the server's answer is read), so no binary frame can be read before it.
     */
    public void acceptBinaryChunks() {
        this.maxBinaryPayload = StreamLimits.MAX_BINARY_CHUNK_BYTES;
        // A file chunk spans several reads: large reads are composed into it, not copied onto it.
        setCumulator(ComposingCumulator.INSTANCE);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        allowance.release(); // the channel closed with a large frame half-read
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ScratchBytes.get().invalidate(); // the buffer may have been compacted since the last call
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        // Raw text never outlives this call: it runs at most to the end of what has arrived.
        boolean inText = false;
        while (in.isReadable()) {
            if (scanned == 0) {
                if (inText) {
                    inText = readRawText(in, out);
                    continue;
                }
                skipWhitespace(in);
                if (!in.isReadable() || startsWithPartOfBom(in)) {
                    return;
                }
                int at = in.readerIndex();
                if (in.getByte(at) == BinaryChunkFrame.MARKER) {
                    ByteBuf frame = binaryFrame(in, at);
                    if (frame == null) {
                        return; // the rest of the frame has not arrived yet
                    }
                    out.add(frame);
                    continue;
                }
                Opening opening = in.getByte(at) == '{' ? opening(in, at, in.writerIndex()) : Opening.TEXT;
                if (opening == Opening.UNDECIDED) {
                    return; // the bytes that tell have not arrived yet
                }
                if (opening == Opening.TEXT) {
                    inText = readRawText(in, out);
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
     * The binary chunk frame whose marker is at {@code at}, as a retained slice; null until all of
     * it has arrived. Fails the connection if binary frames were not negotiated or the header is bad.
     */
    private ByteBuf binaryFrame(ByteBuf in, int at) {
        if (maxBinaryPayload == 0) {
            fail(in, new BinaryFrameException(BinaryFrameException.Problem.NOT_NEGOTIATED));
        }
        int length;
        try {
            length = BinaryChunkFrame.frameLength(in, at, maxBinaryPayload);
        } catch (DecoderException e) {
            fail(in, e);
            return null; // not reached: fail throws
        }
        if (length == 0 || in.readableBytes() < length) {
            return null;
        }
        return in.readRetainedSlice(length);
    }

    /**
     * Scans {@code in[from, to)}, tracking strings and nesting; returns the index of the byte that
     * closes the object, or -1 if it is not in the range.
     */
    private int scan(ByteBuf in, int from, int to) {
        ScratchBytes window = ScratchBytes.get();
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

    /** A byte-order mark cut short by the end of what has arrived: wait for the rest before deciding. */
    private static boolean startsWithPartOfBom(ByteBuf in) {
        int i = in.readerIndex();
        int n = in.readableBytes();
        return n < 3 && in.getByte(i) == BOM_0 && (n == 1 || in.getByte(i + 1) == (byte) 0xBB);
    }

    /**
     * Whether the '{' at {@code at}, between objects, begins an object. JSON can only go on with
     * whitespace, then '}' or a quoted field name, whitespace and ':'; anything else ("{ lihat",
     * "{dong}", "{{") is a person typing a brace. Depends only on the bytes up to {@link
     * #MAX_OPENING_BYTES}, so it does not matter how they were split into reads.
     */
    private static Opening opening(ByteBuf in, int at, int end) {
        int stop = Math.min(end, at + MAX_OPENING_BYTES);
        Opening undecided = stop == end && end < at + MAX_OPENING_BYTES ? Opening.UNDECIDED : Opening.OBJECT;
        int i = skipJsonWhitespace(in, at + 1, stop);
        if (i == stop) {
            return undecided;
        }
        byte b = in.getByte(i);
        if (b == '}') {
            return Opening.OBJECT;
        }
        if (b != '"') {
            return Opening.TEXT;
        }
        i = afterString(in, i + 1, stop);
        i = skipJsonWhitespace(in, i, stop);
        if (i == stop) {
            return undecided;
        }
        return in.getByte(i) == ':' ? Opening.OBJECT : Opening.TEXT;
    }

    /** The index after the quote that closes the string whose body starts at {@code from}; {@code stop} if none before it. */
    private static int afterString(ByteBuf in, int from, int stop) {
        int i = from;
        while (i < stop) {
            int found = in.forEachByte(i, stop - i, NOT_QUOTE_OR_BACKSLASH);
            if (found < 0) {
                return stop;
            }
            if (in.getByte(found) == '"') {
                return found + 1;
            }
            i = found + 2; // a backslash and the byte it escapes
        }
        return stop;
    }

    private static int skipJsonWhitespace(ByteBuf in, int from, int stop) {
        int i = from;
        while (i < stop) {
            byte b = in.getByte(i);
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * Whether the '{' at {@code at}, inside raw text, opens a message: '{', spaces, {@code "type"},
     * spaces, ':', all arrived. Every client writes "type" first (v1: {@code {"type": "MSG", ...}}),
     * and a person hardly types it, so text such as "lihat {dong}" or a pasted {@code {"a": 1}}
     * stays text.
     */
    private static boolean opensMessage(ByteBuf in, int at, int end) {
        int i = skipSpaces(in, at + 1, end);
        if (end - i < TYPE_FIELD.length) {
            return false;
        }
        for (byte expected : TYPE_FIELD) {
            if (in.getByte(i++) != expected) {
                return false;
            }
        }
        i = skipSpaces(in, i, end);
        return i < end && in.getByte(i) == ':';
    }

    private static int skipSpaces(ByteBuf in, int from, int end) {
        int i = from;
        while (i < end && (in.getByte(i) == ' ' || in.getByte(i) == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * Emits raw text from the reader index up to a newline, a '{' that {@linkplain #opensMessage
     * opens a message}, or the end of what has arrived, in pieces of at most {@code
     * smallFrameBytes}. Returns true if the text goes on past the piece emitted.
     */
    private boolean readRawText(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int limit = Math.min(end, start + smallFrameBytes);
        int stop = limit;
        boolean goesOn = limit < end;
        int from = start;
        while (from < limit) {
            int found = in.forEachByte(from, limit - from, NOT_NEWLINE_OR_BRACE);
            if (found < 0) {
                break;
            }
            if (in.getByte(found) == '\n' || opensMessage(in, found, end)) {
                stop = found;
                goesOn = false;
                break;
            }
            from = found + 1; // a brace that is text
        }
        String text = in.toString(start, stop - start, StandardCharsets.UTF_8).strip();
        in.readerIndex(stop);
        if (!text.isEmpty()) {
            out.add(new RawText(text));
        }
        return goesOn;
    }
}
