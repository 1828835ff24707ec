package dev.obrol.bench;

import dev.obrol.protocol.BinaryChunkFrame;
import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.FileChunkCodec;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.TransferMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;

/**
 * The sending end of one {@code files} transfer, speaking the streamed-file protocol as the obrol
 * client does: offer, wait for the accept, then chunks in order while at most one window of file
 * bytes is unacknowledged, then the end. It sends a fixed {@link FilePayload} instead of reading
 * a disk and hashing (the receiver checks every chunk's bytes instead), so the run measures what
 * the server can relay. Event-loop only; its receiver is on the same loop.
 */
final class StreamSender implements FrameSink {
    /** The server relays END's digest without checking it; the bench verifies chunks instead of hashing. */
    private static final String SHA256 = "0".repeat(64);

    private final String username;
    private final String receiver;
    private final String transferId;
    private final FilePayload payload;
    private final FileStats stats;
    private Channel channel;
    private long sent;
    private long acknowledged;
    private boolean accepted;
    private boolean ended;
    private long acceptedAt;

    StreamSender(String username, String receiver, String transferId, FilePayload payload, FileStats stats) {
        this.username = username;
        this.receiver = receiver;
        this.transferId = transferId;
        this.payload = payload;
        this.stats = stats;
    }

    /** Who sends: the receiver checks the offer comes from this user. */
    String username() {
        return username;
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    /** The loop of this end's connection. */
    EventLoop channelLoop() {
        return channel.eventLoop();
    }

    long acceptedAt() {
        return acceptedAt;
    }

    /** Sends the offer (on the loop). */
    void offer() {
        BenchWire.write(channel, new ClientMessage.FileStream(transferId, receiver, transferId + ".bin", payload.size()));
        channel.flush();
    }

    @Override
    public void onFrame(ReceivedLine fields, ByteBuf frame) {
        String type = fields.type();
        switch (type) {
            case "FILE_STREAM_ACCEPT" -> {
                if (!(BenchWire.read(frame) instanceof TransferMessage.Accept accept) || accept.offset() != 0) {
                    stats.error(username + ": accept not from the start: " + frame.toString(StandardCharsets.UTF_8));
                    return;
                }
                accepted = true;
                acceptedAt = System.nanoTime();
                pump();
            }
            case "FILE_STREAM_ACK" -> {
                long received = BenchWire.read(frame) instanceof TransferMessage.Ack ack ? ack.received() : -1;
                if (received < acknowledged || received > sent) {
                    stats.error(username + ": acknowledgement out of range: " + received);
                    return;
                }
                acknowledged = received;
                pump();
            }
            case "FILE_STREAM_DONE" -> { } // the receiver recorded the transfer
            case "FILE_STREAM_CANCEL", "ERROR" -> stats.error(username + ": " + frame.toString(StandardCharsets.UTF_8));
            case "PRESENCE" -> { }
            default -> stats.error(username + ": unexpected " + type);
        }
    }

    /** Sends chunks while the window allows, then the end once everything went. */
    private void pump() {
        if (!accepted || ended) {
            return;
        }
        int window = StreamLimits.windowBytes(payload.binary());
        while (sent < payload.size() && sent - acknowledged < window) {
            int length = payload.chunkBytes(sent);
            if (payload.binary()) {
                channel.write(BinaryChunkFrame.header(channel.alloc(), transferId, sent, length), channel.voidPromise());
                channel.write(payload.chunk(sent), channel.voidPromise());
            } else {
                channel.write(FileChunkCodec.header(channel.alloc(), transferId, sent), channel.voidPromise());
                channel.write(payload.chunk(sent), channel.voidPromise());
                channel.write(FileChunkCodec.trailer(), channel.voidPromise());
            }
            sent += length;
        }
        if (sent == payload.size()) {
            ended = true;
            BenchWire.write(channel, new TransferMessage.End(transferId, SHA256));
        }
        channel.flush();
    }

    @Override
    public void onClosed(Throwable cause) {
        stats.closed(username, cause);
    }
}
