package dev.obrol.server;

import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageDecoder;
import dev.obrol.protocol.MessageEncoder;
import dev.obrol.server.guard.Guards;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds each connection's pipeline. Inbound bytes flow top to bottom, outbound bottom to top:
 *
 * <ol>
 *   <li>{@code tls} (optional): decrypts first and encrypts last, so everything else sees plain text;
 *   <li>{@code connections}: admits or refuses the connection (caps, rate) before anything else
 *       is spent on it;
 *   <li>{@code outbound}: sees encoded bytes on their way out; bounds what is queued for a peer
 *       that does not read, and stops reading a peer while its replies cannot be written;
 *   <li>{@code frames}: cut the stream into JSON objects and raw text (must see bytes first); large
 *       frames only after login and within the server-wide budget;
 *   <li>{@code messages}: parse each object into a message record, or a decode failure;
 *   <li>{@code idle} (optional): notes that the peer is alive, closes silent ones;
 *   <li>{@code rate} (optional): drops requests over the per-connection rate;
 *   <li>{@code password} (optional): checks the password in SET_USERNAME before the login logic;
 *   <li>{@code encoder}: outbound only, message records to JSON lines;
 *   <li>{@code handler}: hand everything to the session's logic (last, so it sees parsed input).
 * </ol>
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    private final Limits limits;
    private final MessageDecoder messageDecoder;
    private final MessageEncoder messageEncoder;
    private final ServerHandler handler;
    private final Guards guards;

    ServerInitializer(Limits limits, MessageCodec codec, ServerHandler handler, Guards guards) {
        this.limits = limits;
        this.messageDecoder = new MessageDecoder(codec);
        this.messageEncoder = new MessageEncoder(codec);
        this.handler = handler;
        this.guards = guards;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        addIfOn(p, "tls", guards.tls(ch));
        p.addLast("connections", guards.connections());
        p.addLast("outbound", guards.outbound());
        p.addLast("frames", guards.frames(ch, limits.maxFrameBytes()));
        p.addLast("messages", messageDecoder);
        addIfOn(p, "idle", guards.idle());
        addIfOn(p, "rate", guards.rate());
        addIfOn(p, "password", guards.password());
        p.addLast("encoder", messageEncoder);
        p.addLast("handler", handler);
    }

    private static void addIfOn(ChannelPipeline p, String name, ChannelHandler stage) {
        if (stage != null) {
            p.addLast(name, stage);
        }
    }
}
