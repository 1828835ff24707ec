package dev.obrol.server;

import dev.obrol.protocol.FileChunkDecoder;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageDecoder;
import dev.obrol.protocol.MessageEncoder;
import dev.obrol.protocol.WireFormat;
import dev.obrol.server.guard.Guards;
import dev.obrol.server.transfer.TransferRelay;
import dev.obrol.server.transfer.TransferStage;
import dev.obrol.server.web.WebEntrance;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds each connection's pipeline. At accept only the stages every connection needs:
 *
 * <ol>
 *   <li>{@code tls} (optional): decrypts first and encrypts last, so everything else sees plain text;
 *   <li>{@code connections}: admits or refuses the connection (caps, rate) before anything else
 *       is spent on it;
 *   <li>{@code encoder}: outbound only, for the few messages written to the channel as records
 *       (a refusal at accept, before the protocol is known, goes out as a JSON line; the goodbye
 *       at shutdown); the session's outbox frames everything else itself through the same {@link
 *       WireFormat}, and HTTP responses pass it untouched;
 *   <li>{@code sniffer}: waits for the first bytes and installs the JSON chat stages or the HTTP
 *       stages after itself (port unification, see {@link ProtocolSniffer}), then leaves.
 * </ol>
 *
 * The JSON chat stages (v1 and obrol clients). Inbound bytes flow top to bottom, outbound bottom to top:
 *
 * <ol>
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
 *   <li>{@code handler}: hand everything to the session's logic (last, so it sees parsed input).
 * </ol>
 *
 * The HTTP stages: {@code http} (request decoder, response encoder), {@code httpTimeout} (a
 * browser that opens the port and says nothing is closed at the login deadline) and {@code web}.
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> implements ProtocolSniffer.Pipelines {
    private final Limits limits;
    private final MessageDecoder messageDecoder;
    private final MessageEncoder messageEncoder;
    private final ServerHandler handler;
    private final Guards guards;
    private final FileChunkDecoder chunkDecoder = new FileChunkDecoder();
    private final TransferStage transferStage;
    private final TrafficLog traffic;
    private final Duration loginTimeout;

    ServerInitializer(Limits limits, MessageCodec codec, WireFormat format, ServerHandler handler, Guards guards,
            TransferRelay transfers, TrafficLog traffic, Duration loginTimeout) {
        this.transferStage = new TransferStage(transfers);
        this.limits = limits;
        this.messageDecoder = new MessageDecoder(codec);
        this.messageEncoder = new MessageEncoder(format);
        this.handler = handler;
        this.guards = guards;
        this.traffic = traffic;
        this.loginTimeout = loginTimeout;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        addIfOn(p, "tls", guards.tls(ch));
        p.addLast("connections", guards.connections());
        p.addLast("encoder", messageEncoder);
        p.addLast("sniffer", new ProtocolSniffer(this, loginTimeout.toNanos()));
    }

    @Override
    public void json(ChannelHandlerContext sniffer) {
        SocketChannel ch = (SocketChannel) sniffer.channel();
        ChannelPipeline p = ch.pipeline();
        p.addLast("outbound", guards.outbound());
        p.addLast("frames", guards.frames(ch, limits.maxFrameBytes()));
        p.addLast("chunks", chunkDecoder);
        p.addLast("messages", messageDecoder);
        addIfOn(p, "idle", guards.idle());
        p.addLast("transfers", transferStage);
        addIfOn(p, "rate", guards.rate());
        addIfOn(p, "password", guards.password());
        p.addLast("handler", handler);
    }

    @Override
    public void http(ChannelHandlerContext sniffer) {
        ChannelPipeline p = sniffer.pipeline();
        p.addLast("http", new HttpServerCodec());
        p.addLast("httpTimeout", new ReadTimeoutHandler(Math.max(1, loginTimeout.toMillis()), TimeUnit.MILLISECONDS));
        p.addLast("web", new WebEntrance(traffic, Session.describe(sniffer.channel().remoteAddress())));
    }

    private static void addIfOn(ChannelPipeline p, String name, ChannelHandler stage) {
        if (stage != null) {
            p.addLast(name, stage);
        }
    }
}
