package dev.obrol.server;

import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageDecoder;
import dev.obrol.protocol.MessageEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds each connection's pipeline. Inbound bytes flow top to bottom:
 *
 * <ol>
 *   <li>{@code frames}: cut the stream into JSON objects and raw text (must see bytes first);
 *   <li>{@code messages}: parse each object into a message record, or a decode failure;
 *   <li>{@code encoder}: outbound only, message records to JSON lines;
 *   <li>{@code handler}: hand everything to the session's logic (last, so it sees parsed input).
 * </ol>
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    private final Limits limits;
    private final MessageDecoder messageDecoder;
    private final MessageEncoder messageEncoder;
    private final ServerHandler handler;

    ServerInitializer(Limits limits, MessageCodec codec, ServerHandler handler) {
        this.limits = limits;
        this.messageDecoder = new MessageDecoder(codec);
        this.messageEncoder = new MessageEncoder(codec);
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("frames", new JsonFrameDecoder(limits.maxFrameBytes()));
        p.addLast("messages", messageDecoder);
        p.addLast("encoder", messageEncoder);
        p.addLast("handler", handler);
    }
}
