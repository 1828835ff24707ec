package dev.obrol.server;

import dev.obrol.protocol.FileChunkDecoder;
import dev.obrol.protocol.FileChunkEncoder;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageDecoder;
import dev.obrol.protocol.MessageEncoder;
import dev.obrol.server.guard.Guards;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import dev.obrol.server.transfer.TransferRelay;
import dev.obrol.server.transfer.TransferStage;

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
 *   <li>{@code chunks}: FILE_CHUNK frames become {@code FileChunk}s with their Base64 payload
 *       untouched (before {@code messages}, so Jackson never turns a payload into a string);
 *   <li>{@code messages}: parse each object into a message record, or a decode failure;
 *   <li>{@code idle} (optional): closes silent peers once logged in; at the handshake it puts
 *       Netty's idle timer ({@code idleTimer}) in front of itself, so the timer counts messages;
 *   <li>{@code transfers}: relays chunks and their acknowledgements at once; after {@code idle}
 *       (a streaming peer is alive) and before {@code rate}: the flow-control window bounds them,
 *       a request rate would cap file throughput at a few chunks per second;
 *   <li>{@code rate} (optional): drops requests over the per-connection rate;
 *   <li>{@code password} (optional): checks the password in SET_USERNAME before the login logic;
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
    private final Guards guards;
    private final FileChunkDecoder chunkDecoder = new FileChunkDecoder();
    private final FileChunkEncoder chunkEncoder = new FileChunkEncoder();
    private final TransferStage transferStage;

    ServerInitializer(Limits limits, MessageCodec codec, MessageEncoder encoder, ServerHandler handler, Guards guards,
            TransferRelay transfers) {
        this.transferStage = new TransferStage(transfers);
        this.limits = limits;
        this.messageDecoder = new MessageDecoder(codec);
        this.messageEncoder = encoder;
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
        p.addLast("chunks", chunkDecoder);
        p.addLast("messages", messageDecoder);
        addIfOn(p, "idle", guards.idle());
        p.addLast("transfers", transferStage);
        addIfOn(p, "rate", guards.rate());
        addIfOn(p, "password", guards.password());
        p.addLast("chunkEncoder", chunkEncoder);
        p.addLast("encoder", messageEncoder);
        p.addLast("handler", handler);
    }

    private static void addIfOn(ChannelPipeline p, String name, ChannelHandler stage) {
        if (stage != null) {
            p.addLast(name, stage);
        }
    }
}
