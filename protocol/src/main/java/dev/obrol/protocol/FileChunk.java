package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * One file chunk: part of a streamed file, at {@code offset} in the file. It arrived, or goes out,
 * in one of two shapes ({@link Encoding}): a {@code FILE_CHUNK} JSON frame, whose content is the
 * Base64 text exactly as on the wire (ASCII, already checked to be Base64), or a binary chunk
 * frame (feature {@value StreamLimits#BINARY_FEATURE}), whose content is the file bytes
 * themselves. Either way the server relays the content as it came, without decoding or copying it.
 *
 * <p>Reference counted: whoever holds the last reference releases it (a pipeline stage that
 * passes it on hands the reference over; the server retains it to relay it).
 */
public final class FileChunk extends DefaultByteBufHolder {
    /** What the content holds. */
    public enum Encoding {
        /** Base64 text, from or for a {@code FILE_CHUNK} JSON frame. */
        BASE64,
        /** The file bytes, from or for a binary chunk frame ({@link BinaryChunkFrame}). */
        BINARY
    }

    private final String transferId;
    private final long offset;
    private final Encoding encoding;

    /** A chunk whose content is Base64 text (a {@code FILE_CHUNK} JSON frame's {@code data}). */
    public FileChunk(String transferId, long offset, ByteBuf base64) {
        this(transferId, offset, base64, Encoding.BASE64);
    }

    private FileChunk(String transferId, long offset, ByteBuf content, Encoding encoding) {
        super(content);
        this.transferId = transferId;
        this.offset = offset;
        this.encoding = encoding;
    }

    /** A chunk whose content is the file bytes themselves (a binary chunk frame's payload). */
    public static FileChunk binary(String transferId, long offset, ByteBuf bytes) {
        return new FileChunk(transferId, offset, bytes, Encoding.BINARY);
    }

    public String transferId() {
        return transferId;
    }

    /** Where in the file the first byte of this chunk goes. */
    public long offset() {
        return offset;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** True if the content is the file bytes (a binary chunk frame), false if it is Base64 text. */
    public boolean isBinary() {
        return encoding == Encoding.BINARY;
    }

    /** How many file bytes the chunk carries (for Base64 content, what it decodes to; -1 if it cannot be Base64). */
    public int decodedLength() {
        return isBinary() ? content().readableBytes() : FileChunkCodec.decodedLength(content());
    }

    /**
     * The file bytes, in order: views of the content for a binary chunk (no copy; more than one when
     * the frame arrived in several reads and was composed from them), the decoded Base64 for the
     * other kind. Throws {@link IllegalArgumentException} if Base64 content is not valid Base64.
     */
    public ByteBuffer[] fileBytes() {
        return isBinary() ? content().nioBuffers() : new ByteBuffer[] {Base64.getDecoder().decode(content().nioBuffer())};
    }

    /** The same chunk under another transfer id (the relay renames it per end); shares the content, not retained. */
    public FileChunk renamed(String id) {
        return new FileChunk(id, offset, content(), encoding);
    }

    @Override
    public FileChunk replace(ByteBuf content) {
        return new FileChunk(transferId, offset, content, encoding);
    }

    @Override
    public FileChunk retain() {
        super.retain();
        return this;
    }

    @Override
    public String toString() {
        return "FILE_CHUNK(" + transferId + " @" + offset + ", " + content().readableBytes()
                + (isBinary() ? " bytes)" : " Base64 bytes)");
    }
}
