package dev.obrol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obrol.protocol.FileChunkCodec;
import dev.obrol.protocol.StreamLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The sending end of one {@code files} transfer, speaking the streamed-file protocol as the obrol
 * client does: offer, wait for the accept, then chunks in order while at most one window of file
 * bytes is unacknowledged, then the end. It sends a fixed {@link FilePayload} instead of reading
 * a disk and hashing (the receiver checks every chunk's bytes instead), so the run measures what
 * the server can relay. Event-loop only; its receiver is on the same loop.
 */
final class StreamSender implements FrameSink {
    static final ObjectMapper JSON = new ObjectMapper();
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

    void attach(Channel channel) {
        this.channel = channel;
    }

    /** The loop of this end's connection. */
    io.netty.channel.EventLoop channelLoop() {
        return channel.eventLoop();
    }

    long acceptedAt() {
        return acceptedAt;
    }

    /** Sends the offer (on the loop). */
    void offer() {
        line("{\"type\":\"FILE_STREAM\",\"transfer_id\":\"" + transferId + "\",\"to_username\":\"" + receiver
                + "\",\"filename\":\"" + transferId + ".bin\",\"size\":" + payload.size() + "}");
        channel.flush();
    }

    @Override
    public void onFrame(FrameFields fields, ByteBuf frame) {
        String type = fields.type();
        switch (type) {
            case "FILE_STREAM_ACCEPT" -> {
                JsonNode accept = read(frame);
                if (accept == null || accept.path("offset").asLong(-1) != 0) {
                    stats.error(username + ": accept not from the start: " + frame.toString(StandardCharsets.UTF_8));
                    return;
                }
                accepted = true;
                acceptedAt = System.nanoTime();
                pump();
            }
            case "FILE_STREAM_ACK" -> {
                JsonNode ack = read(frame);
                long received = ack == null ? -1 : ack.path("received").asLong(-1);
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
        while (sent < payload.size() && sent - acknowledged < StreamLimits.WINDOW_BYTES) {
            channel.write(FileChunkCodec.header(channel.alloc(), transferId, sent), channel.voidPromise());
            channel.write(payload.chunk(sent), channel.voidPromise());
            channel.write(FileChunkCodec.trailer(), channel.voidPromise());
            sent += payload.chunkBytes(sent);
        }
        if (sent == payload.size()) {
            ended = true;
            line("{\"type\":\"FILE_STREAM_END\",\"transfer_id\":\"" + transferId + "\",\"sha256\":\"" + SHA256 + "\"}");
        }
        channel.flush();
    }

    private void line(String json) {
        channel.write(Unpooled.copiedBuffer(json + "\n", StandardCharsets.UTF_8), channel.voidPromise());
    }

    static JsonNode read(ByteBuf frame) {
        try {
            return JSON.readTree(frame.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        stats.closed(username, cause);
    }
}
