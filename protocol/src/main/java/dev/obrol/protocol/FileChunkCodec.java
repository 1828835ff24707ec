package dev.obrol.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads and writes {@code FILE_CHUNK} frames without turning the payload into a Java string:
 *
 * <pre>{"type":"FILE_CHUNK","transfer_id":"k3j9x2","offset":65536,"data":"&lt;Base64&gt;"}</pre>
 *
 * Reading walks the object with Jackson's streaming parser (any field order, unknown fields
 * ignored, duplicates refused) and only notes where the {@code data} string lies; its characters
 * are checked to be Base64 and handed on as a slice of the frame. Writing puts a small header, the
 * Base64 bytes and a trailer side by side. Stateless and thread-safe.
 */
public final class FileChunkCodec {
    public static final String TYPE = "FILE_CHUNK";

    private static final byte[] MARKER = ("\"" + TYPE + "\"").getBytes(StandardCharsets.US_ASCII);
    // Direct memory the garbage collector frees: a heap buffer would be copied for every chunk written.
    private static final ByteBuf TRAILER = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
            ByteBuffer.allocateDirect(3).put("\"}\n".getBytes(StandardCharsets.US_ASCII)).flip()).asReadOnly());
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final byte[] TYPE_OPENING = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE_VALUE = (TYPE + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CANONICAL_HEAD = ("{\"type\":\"" + TYPE + "\",\"transfer_id\":\"").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CANONICAL_OFFSET = "\",\"offset\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CANONICAL_DATA = ",\"data\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final boolean[] BASE64 = new boolean[256];

    static {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = true;
        }
    }

    private FileChunkCodec() {}

    /**
     * Cheaper still: true if the frame opens with {@code {"type":"} and another type than
     * FILE_CHUNK, as every client writes its messages. Such a frame is no chunk: a second
     * {@code type} would be a duplicate key, which the message decoder refuses anyway.
     */
    public static boolean opensWithOtherType(ByteBuf frame) {
        int at = frame.readerIndex() + TYPE_OPENING.length;
        return startsWith(frame, frame.readerIndex(), TYPE_OPENING) && !startsWith(frame, at, TYPE_VALUE);
    }

    /** Cheap pre-check: a frame without the bytes {@code "FILE_CHUNK"} is surely not a chunk. */
    public static boolean mayBeChunk(ByteBuf frame) {
        // Every chat message passes this check: search an array eight bytes at a time, jumping
        // from quote to quote, instead of calling a ByteProcessor for every byte.
        int length = frame.readableBytes();
        byte[] bytes;
        int offset;
        if (frame.hasArray()) {
            bytes = frame.array();
            offset = frame.arrayOffset() + frame.readerIndex();
        } else if (length <= ScratchBytes.CAPACITY) {
            bytes = ScratchBytes.get().copy(frame, frame.readerIndex(), length);
            offset = 0;
        } else {
            return containsMarker(frame); // a rare large frame (a whole-file offer): not copied
        }
        int end = offset + length;
        int last = end - MARKER.length;
        for (int quote = JsonBytes.indexOf(bytes, offset, end, (byte) '"'); quote <= last;
                quote = JsonBytes.indexOf(bytes, quote + 1, end, (byte) '"')) {
            if (Arrays.equals(bytes, quote, quote + MARKER.length, MARKER, 0, MARKER.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsMarker(ByteBuf frame) {
        int end = frame.writerIndex();
        int last = end - MARKER.length;
        for (int quote = frame.indexOf(frame.readerIndex(), end, (byte) '"'); quote >= 0 && quote <= last;
                quote = frame.indexOf(quote + 1, end, (byte) '"')) {
            if (startsWith(frame, quote, MARKER)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The chunk in {@code frame} (its content a retained slice of the frame), or null when the
     * frame is some other message. Throws when it is a FILE_CHUNK with missing or bad fields.
     */
    public static FileChunk parse(ByteBuf frame) throws ProtocolException {
        FileChunk canonical = parseCanonical(frame);
        return canonical != null ? canonical : parseAnyShape(frame);
    }

    /**
     * The fast path: a frame exactly as {@link #header} and {@link #trailer} write it (what every
     * obrol client sends) is read by comparing a few bytes and one pass over the payload, instead
     * of a marker scan and a JSON parse. Null for anything else, which then takes the general path.
     */
    static FileChunk parseCanonical(ByteBuf frame) {
        int start = frame.readerIndex();
        int end = frame.writerIndex();
        int at = start + CANONICAL_HEAD.length;
        if (end - start < CANONICAL_HEAD.length + 16 || !startsWith(frame, start, CANONICAL_HEAD)) {
            return null;
        }
        int idEnd = frame.indexOf(at, Math.min(end, at + 41), (byte) '"');
        if (idEnd < 0) {
            return null;
        }
        String id = frame.toString(at, idEnd - at, StandardCharsets.US_ASCII);
        at = idEnd;
        if (!StreamLimits.isValidId(id) || !startsWith(frame, at, CANONICAL_OFFSET)) {
            return null;
        }
        at += CANONICAL_OFFSET.length;
        long offset = 0;
        int digits = 0;
        for (byte b; at < end && (b = frame.getByte(at)) >= '0' && b <= '9' && digits < 18; at++, digits++) {
            offset = offset * 10 + (b - '0');
        }
        if (digits == 0 || !startsWith(frame, at, CANONICAL_DATA) || frame.getByte(end - 1) != '}' || frame.getByte(end - 2) != '"') {
            return null;
        }
        int dataStart = at + CANONICAL_DATA.length;
        int dataLength = end - 2 - dataStart;
        // The data runs to the quote before the final brace: no search for it (a quote inside fails the check).
        if (dataLength < 0 || !isBase64Text(frame, dataStart, dataLength)
                || decodedLength(frame.slice(dataStart, dataLength)) < 0) {
            return null; // odd data: the general path finds out what is wrong and says so
        }
        return new FileChunk(id, offset, frame.retainedSlice(dataStart, dataLength));
    }

    private static boolean startsWith(ByteBuf frame, int at, byte[] prefix) {
        if (frame.writerIndex() - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (frame.getByte(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static FileChunk parseAnyShape(ByteBuf frame) throws ProtocolException {
        String type = null;
        String transferId = null;
        long offset = -1;
        int dataStart = -1;
        int dataLength = -1;
        int base = frame.readerIndex();
        try (JsonParser parser = JSON.createParser((java.io.InputStream) new ByteBufInputStream(frame.duplicate()))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                    case "transfer_id" -> transferId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "offset" -> offset = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -2;
                    case "data" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw bad("Field 'data' has the wrong type.");
                        }
                        // The token starts at the opening quote; the text is scanned below, not decoded.
                        dataStart = base + (int) parser.currentTokenLocation().getByteOffset() + 1;
                        dataLength = base64Run(frame, dataStart);
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return null;
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Not valid JSON: let the ordinary decoder say so in its usual words.
            return null;
        }
        if (!TYPE.equals(type)) {
            return null;
        }
        if (!StreamLimits.isValidId(transferId)) {
            throw bad("Field 'transfer_id' is missing or not a valid transfer id.");
        }
        if (offset < 0) {
            throw bad("Field 'offset' is missing or not a non-negative integer.");
        }
        if (dataStart < 0) {
            throw bad("Missing field 'data'.");
        }
        if (dataLength < 0 || decodedLength(frame.slice(dataStart, dataLength)) < 0) {
            throw bad("Field 'data' is not valid Base64.");
        }
        return new FileChunk(transferId, offset, frame.retainedSlice(dataStart, dataLength));
    }

    /** The frame's bytes before the Base64 text: {@code {"type":"FILE_CHUNK",...,"data":"}. */
    public static ByteBuf header(ByteBufAllocator alloc, String transferId, long offset) {
        String head = "{\"type\":\"" + TYPE + "\",\"transfer_id\":\"" + transferId + "\",\"offset\":" + offset + ",\"data\":\"";
        ByteBuf out = alloc.buffer(head.length());
        out.writeCharSequence(head, StandardCharsets.US_ASCII);
        return out;
    }

    /** The frame's bytes after the Base64 text, ending the line. Never needs releasing. */
    public static ByteBuf trailer() {
        return TRAILER.duplicate();
    }

    /** The whole frame as one buffer (tests, tools); the pipeline writes the three parts instead. */
    public static ByteBuf encode(ByteBufAllocator alloc, FileChunk chunk) {
        ByteBuf out = header(alloc, chunk.transferId(), chunk.offset());
        out.writeBytes(chunk.content(), chunk.content().readerIndex(), chunk.content().readableBytes());
        out.writeBytes(trailer());
        return out;
    }

    /** Bytes that Base64 text of this length and padding decodes to; -1 if it cannot be Base64. */
    static int decodedLength(ByteBuf base64) {
        int length = base64.readableBytes();
        if (length % 4 != 0) {
            return -1; // obrol senders always pad, so every chunk is whole quads
        }
        int padding = 0;
        int end = base64.readerIndex() + length;
        while (padding < 2 && padding < length && base64.getByte(end - 1 - padding) == '=') {
            padding++;
        }
        return length / 4 * 3 - padding;
    }

    /** Length of the Base64 text starting at {@code start} up to its closing quote; -1 if anything else is in it. */
    private static int base64Run(ByteBuf frame, int start) {
        int quote = frame.indexOf(start, frame.writerIndex(), (byte) '"'); // eight bytes at a time
        if (quote < 0) {
            return -1;
        }
        int length = quote - start;
        return isBase64Text(frame, start, length) ? length : -1;
    }

    /** True if {@code frame[start, start + length)} is Base64 alphabet, then at most two '='. */
    private static boolean isBase64Text(ByteBuf frame, int start, int length) {
        int padding = 0;
        while (padding < 2 && padding < length && frame.getByte(start + length - 1 - padding) == '=') {
            padding++;
        }
        // An escape, a quote, a control byte or stray padding fails the chunk.
        return allBase64(frame, start, length - padding);
    }

    /**
     * True if every byte is in the Base64 alphabet. Checked over a plain array: a ByteProcessor
     * costs a call per byte that the JIT cannot inline (its call site sees many lambdas; see
     * docs/BENCHMARKS.md). A direct buffer is copied into this thread's {@link ScratchBytes} a
     * piece at a time, so however long the text, no array larger than that is made or kept.
     */
    private static boolean allBase64(ByteBuf buf, int start, int length) {
        if (buf.hasArray()) {
            return allBase64(buf.array(), buf.arrayOffset() + start, length);
        }
        ScratchBytes scratch = ScratchBytes.get();
        for (int done = 0; done < length; ) {
            int piece = Math.min(ScratchBytes.CAPACITY, length - done);
            if (!allBase64(scratch.copy(buf, start + done, piece), 0, piece)) {
                return false;
            }
            done += piece;
        }
        return true;
    }

    private static boolean allBase64(byte[] bytes, int offset, int length) {
        boolean[] table = BASE64;
        for (int i = offset, end = offset + length; i < end; i++) {
            if (!table[bytes[i] & 0xff]) {
                return false;
            }
        }
        return true;
    }

    private static ProtocolException bad(String reason) {
        return new ProtocolException(ErrorCode.BAD_FIELD, reason);
    }
}
