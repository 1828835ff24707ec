package dev.obrol.server;

import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.protocol.FileChunkDecoder;
import dev.obrol.protocol.FileChunkEncoder;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageDecoder;
import dev.obrol.protocol.MessageEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import dev.obrol.server.transfer.TransferRelay;
import dev.obrol.server.transfer.TransferStage;

/**
 * Builds each connection's pipeline. Inbound bytes flow top to bottom:
 *
 * <ol>
 *   <li>{@code frames}: cut the stream into JSON objects and raw text (must see bytes first);
 *   <li>{@code chunks}: FILE_CHUNK frames become {@code FileChunk}s with their Base64 payload
 *       untouched (before {@code messages}, so Jackson never turns a payload into a string);
 *   <li>{@code messages}: parse each object into a message record, or a decode failure;
 *   <li>{@code transfers}: relays chunks and their acknowledgements at once; must stay before any
 *       per-request rate limit (the flow-control window bounds them instead);
 *   <li>{@code chunkEncoder}: outbound only, relayed chunks as header + payload + trailer, no copy;
 *   <li>{@code encoder}: outbound only, message records to JSON lines;
 *   <li>{@code handler}: hand everything to the session's logic (last, so it sees parsed input).
 * </ol>
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    private final Limits limits;
    private final MessageDecoder messageDecoder;
    private final MessageEncoder messageEncoder;
    private final ServerHandler handler;
    private final FileChunkDecoder chunkDecoder = new FileChunkDecoder();
    private final FileChunkEncoder chunkEncoder = new FileChunkEncoder();
    private final TransferStage transferStage;

    ServerInitializer(Limits limits, MessageCodec codec, ServerHandler handler, TransferRelay transfers) {
        this.transferStage = new TransferStage(transfers);
        this.limits = limits;
        this.messageDecoder = new MessageDecoder(codec);
        this.messageEncoder = new MessageEncoder(codec);
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("frames", new JsonFrameDecoder(limits.maxFrameBytes()));
        p.addLast("chunks", chunkDecoder);
        p.addLast("messages", messageDecoder);
        p.addLast("transfers", transferStage);
        p.addLast("chunkEncoder", chunkEncoder);
        p.addLast("encoder", messageEncoder);
        p.addLast("handler", handler);
    }
}
