package dev.obrol.bench;

import dev.obrol.protocol.BinaryChunkFrame;
import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.FileChunkCodec;
import dev.obrol.protocol.ProtocolException;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.TransferMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;

/**
 * The receiving end of one {@code files} transfer: accepts the offer, checks that every chunk
 * (a binary frame or {@code FILE_CHUNK} JSON, as the sender sent it: both ends negotiate alike)
 * comes at the next offset with exactly the bytes the sender's {@link FilePayload} holds,
 * acknowledges as the obrol client does (every {@link StreamLimits#ACK_EVERY_BYTES} and at the
 * end), records the transfer once every byte is in, and answers the end with DONE. Nothing is
 * written to disk. Event-loop only.
 */
final class StreamReceiver implements FrameSink {
    private static final ByteBuf CHUNK_PREFIX = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("{\"type\":\"FILE_CHUNK\"".getBytes(StandardCharsets.US_ASCII)));

    private final String username;
    /** The id the server issued for the transfer, from its offer; until then the sender's own. */
    private String transferId;
    private final FilePayload payload;
    private final FileStats stats;
    private final StreamSender sender;
    private Channel channel;
    private long received;
    private long acknowledged;
    private boolean complete;

    /** {@code sender}: the other end, on the same loop, for the start time. */
    StreamReceiver(String username, String transferId, FilePayload payload, FileStats stats, StreamSender sender) {
        this.username = username;
        this.transferId = transferId;
        this.payload = payload;
        this.stats = stats;
        this.sender = sender;
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    @Override
    public boolean onRawFrame(ByteBuf frame) {
        int prefix = CHUNK_PREFIX.readableBytes();
        boolean binary = frame.isReadable() && frame.getByte(frame.readerIndex()) == BinaryChunkFrame.MARKER;
        if (!binary && (frame.readableBytes() < prefix || !ByteBufUtil.equals(frame, frame.readerIndex(), CHUNK_PREFIX, 0, prefix))) {
            return false;
        }
        FileChunk chunk;
        try {
            chunk = binary ? BinaryChunkFrame.parse(frame) : FileChunkCodec.parse(frame);
        } catch (ProtocolException e) {
            stats.badChunks.increment();
            stats.error(username + ": unreadable chunk: " + e.getMessage());
            return true;
        }
        try {
            if (chunk == null || !transferId.equals(chunk.transferId()) || chunk.offset() != received
                    || chunk.isBinary() != payload.binary() || !payload.matches(chunk.offset(), chunk.content())) {
                stats.badChunks.increment();
                stats.error(username + ": the chunk at offset " + (chunk == null ? "?" : chunk.offset())
                        + " is not what was sent there (expected offset " + received + ")");
                return true;
            }
            int bytes = chunk.decodedLength();
            received += bytes;
            stats.bytesReceived.add(bytes);
        } finally {
            if (chunk != null) {
                chunk.release();
            }
        }
        if (received - acknowledged >= StreamLimits.ACK_EVERY_BYTES || received == payload.size()) {
            acknowledged = received;
            BenchWire.write(channel, new TransferMessage.Ack(transferId, received));
        }
        if (received == payload.size() && !complete) {
            complete = true;
            stats.finished.add(new FileStats.Finished(transferId, received, sender.acceptedAt(), System.nanoTime()));
        }
        return true;
    }

    @Override
    public void onFrame(ReceivedLine fields, ByteBuf frame) {
        String type = fields.type();
        switch (type) {
            case "FILE_STREAM_OFFER" -> {
                if (!(BenchWire.read(frame) instanceof ServerMessage.FileStreamOffer offer)
                        || !sender.username().equals(offer.fromUsername()) || offer.size() != payload.size()) {
                    stats.error(username + ": unexpected offer: " + frame.toString(StandardCharsets.UTF_8));
                    return;
                }
                transferId = offer.transferId(); // issued by the server: the receiver's name for the transfer
                BenchWire.write(channel, new TransferMessage.Accept(transferId, 0));
            }
            case "FILE_STREAM_END" -> {
                if (received != payload.size()) {
                    stats.error(username + ": end after " + received + " of " + payload.size() + " bytes");
                }
                if (!(BenchWire.read(frame) instanceof TransferMessage.End end)) {
                    stats.error(username + ": unreadable end: " + frame.toString(StandardCharsets.UTF_8));
                    return;
                }
                BenchWire.write(channel, new TransferMessage.Done(transferId, end.sha256()));
            }
            case "FILE_STREAM_CANCEL", "ERROR" -> stats.error(username + ": " + frame.toString(StandardCharsets.UTF_8));
            case "PRESENCE", "PRESENCE_BATCH" -> { }
            default -> stats.error(username + ": unexpected " + type);
        }
    }

    @Override
    public void onReadComplete() {
        if (channel != null) { // null until every client has logged in
            channel.flush();
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        stats.closed(username, cause);
    }
}
