package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The binary chunk frame (feature {@value StreamLimits#BINARY_FEATURE}, docs/PROTOCOL.md "Binary
 * chunk frames"): a file chunk's raw bytes on the newline-JSON byte stream, between JSON frames.
 *
 * <pre>
 * 0x00                 marker: never begins a JSON object, whitespace or text a person types
 * n                    1 byte: length of the transfer id, 1 to 40
 * id                   n bytes: the transfer id, ASCII A-Z a-z 0-9 _ -
 * offset               8 bytes, big-endian: where in the file the payload goes (0 or more)
 * length               4 bytes, big-endian: payload bytes, 1 to the receiver's limit
 * payload              length bytes: the file bytes
 * </pre>
 *
 * Reading checks the header and hands the payload on as a slice of the frame; writing makes the
 * header only, so the payload goes to the socket as the buffer it is. Stateless and thread-safe.
 */
public final class BinaryChunkFrame {
    /** The first byte of every binary chunk frame. */
    public static final byte MARKER = 0x00;

    /** Bytes of the header before the id: marker and id length. */
    private static final int ID_AT = 2;
    /** Bytes of the header besides the id: marker, id length, offset and payload length. */
    private static final int FIXED_HEADER_BYTES = ID_AT + Long.BYTES + Integer.BYTES;
    private static final int MAX_ID_BYTES = 40;

    /**
     * How a connection that negotiated binary chunk frames reads: up to a whole chunk per system
     * call, where Netty's default stops at 64 KiB. Measured with real clients: 0.56 of a socat relay
     * against 0.49 with the default, higher in each of three paired runs (docs/BENCHMARKS.md,
     * "Binary chunks"). It grows only while reads fill it, so an idle connection reads as before.
     * Sharable: each channel gets a handle of its own.
     */
    public static final RecvByteBufAllocator READS =
            new AdaptiveRecvByteBufAllocator(64, 2048, StreamLimits.MAX_BINARY_CHUNK_BYTES);

    private BinaryChunkFrame() {}

    /** Bytes of a header for a transfer id of {@code idLength} ASCII characters. */
    public static int headerLength(int idLength) {
        return FIXED_HEADER_BYTES + idLength;
    }

    /**
     * The length of the whole binary frame that starts at {@code at} (its marker), or 0 if its header
     * has not fully arrived. Throws {@link BinaryFrameException} for an id length outside 1 to 40 or
     * an empty payload, and {@link FrameTooLongException} for a payload over {@code maxPayloadBytes}:
     * both known from the header, before any payload is buffered.
     */
    public static int frameLength(ByteBuf in, int at, int maxPayloadBytes) {
        int available = in.writerIndex() - at;
        if (available < ID_AT) {
            return 0;
        }
        int idLength = in.getUnsignedByte(at + 1);
        if (idLength < 1 || idLength > MAX_ID_BYTES) {
            throw new BinaryFrameException(BinaryFrameException.Problem.BAD_HEADER);
        }
        int header = headerLength(idLength);
        if (available < header) {
            return 0;
        }
        long payload = in.getUnsignedInt(at + header - Integer.BYTES);
        if (payload == 0) {
            throw new BinaryFrameException(BinaryFrameException.Problem.BAD_HEADER);
        }
        if (payload > maxPayloadBytes) {
            throw new FrameTooLongException(maxPayloadBytes);
        }
        return header + (int) payload;
    }

    /**
     * The chunk in {@code frame}, a whole binary frame as {@link #frameLength} measured it; its
     * content is a retained slice of the frame. Throws for a transfer id with other characters or a
     * negative offset: the frame was cut, so the stream goes on and the peer is told.
     */
    public static FileChunk parse(ByteBuf frame) throws ProtocolException {
        int start = frame.readerIndex();
        int idLength = frame.getUnsignedByte(start + 1);
        String id = frame.toString(start + ID_AT, idLength, StandardCharsets.US_ASCII);
        int at = start + ID_AT + idLength;
        long offset = frame.getLong(at);
        int length = frame.getInt(at + Long.BYTES);
        if (!StreamLimits.isValidId(id)) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "The transfer id of a binary chunk is not a valid transfer id.");
        }
        if (offset < 0) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "The offset of a binary chunk is negative.");
        }
        return FileChunk.binary(id, offset, frame.retainedSlice(at + Long.BYTES + Integer.BYTES, length));
    }

    /** The header of a binary frame carrying {@code length} bytes at {@code offset} of transfer {@code transferId}. */
    public static ByteBuf header(ByteBufAllocator alloc, String transferId, long offset, int length) {
        ByteBuf out = alloc.ioBuffer(headerLength(transferId.length()));
        out.writeByte(MARKER);
        out.writeByte(transferId.length());
        out.writeCharSequence(transferId, StandardCharsets.US_ASCII);
        out.writeLong(offset);
        out.writeInt(length);
        return out;
    }
}
