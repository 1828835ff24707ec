package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One {@code FILE_CHUNK}: part of a streamed file, at {@code offset} in the file. The content is
 * the Base64 text exactly as on the wire (ASCII, already checked to be Base64), so the server can
 * relay it without decoding or copying it into a string.
 *
 * <p>Reference counted: whoever holds the last reference releases it (a pipeline stage that
 * passes it on hands the reference over; the server retains it to relay it).
 */
public final class FileChunk extends DefaultByteBufHolder {
    private final String transferId;
    private final long offset;

    public FileChunk(String transferId, long offset, ByteBuf base64) {
        super(base64);
        this.transferId = transferId;
        this.offset = offset;
    }

    public String transferId() {
        return transferId;
    }

    /** Where in the file the first byte of this chunk goes. */
    public long offset() {
        return offset;
    }

    /** How many file bytes the Base64 content decodes to. */
    public int decodedLength() {
        return FileChunkCodec.decodedLength(content());
    }

    @Override
    public FileChunk replace(ByteBuf content) {
        return new FileChunk(transferId, offset, content);
    }

    @Override
    public FileChunk retain() {
        super.retain();
        return this;
    }

    @Override
    public String toString() {
        return "FILE_CHUNK(" + transferId + " @" + offset + ", " + content().readableBytes() + " Base64 bytes)";
    }
}
