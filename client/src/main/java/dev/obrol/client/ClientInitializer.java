package dev.obrol.client;

import dev.obrol.protocol.FileChunkDecoder;
import dev.obrol.protocol.FileChunkEncoder;
import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;

/**
 * The client pipeline. Inbound, bytes pass "frames" (cut into JSON objects, whatever the
 * delimiters: a v1 server sends none; and binary chunk frames once negotiated), "chunks" (file
 * chunks kept as Base64 bytes, never strings, or as the raw bytes of a binary frame), "decoder"
 * (object to message), "binaryChunks" (turns on binary frames in "frames" when the login answer
 * allows them) then "handler"; outbound, "chunkEncoder" writes file chunks without copying them
 * and "encoder" writes one JSON object per line. The frame limit is the largest the client accepts
 * (a whole-file offer), not the server's, which may be smaller.
 *
 * <p>With TLS, "tls" comes before everything (decrypts first, encrypts last). "keepalive" sits just
 * before "handler": it pings when the client has been quiet and swallows the PONGs (see {@link
 * Keepalive}). "confirmations" sits before it, pairing PINGs with PONGs to tell the session what
 * became of the requests it asked about (see {@link Confirmations}). "configure" leaves these out,
 * so the EmbeddedChannel tests see the bare protocol.
 */
final class ClientInitializer extends ChannelInitializer<Channel> {
    private static final MessageCodec CODEC = new MessageCodec(Limits.DEFAULT_MAX_FRAME_BYTES);

    private final InboundRouter router;
    private final SslContext tls;
    private final String host;
    private final int port;

    ClientInitializer(InboundRouter router, SslContext tls, String host, int port) {
        this.router = router;
        this.tls = tls;
        this.host = host;
        this.port = port;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (tls != null) {
            // First: every other stage must see plain text. Host and port are for SNI and host-name checks.
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc(), host, port));
        }
        configure(channel.pipeline(), router);
        // Before "handler", so PONGs end here and the session never sees them.
        channel.pipeline().addBefore("handler", "keepalive", new Keepalive());
        // Before "keepalive", so it sees every PONG (and every PING written, the keepalive's too).
        channel.pipeline().addBefore("keepalive", "confirmations", new Confirmations());
    }

    /** Adds the client's stages to {@code pipeline}; also used by tests on an EmbeddedChannel. */
    static void configure(ChannelPipeline pipeline, InboundRouter router) {
        pipeline.addLast("frames", new JsonFrameDecoder(Limits.DEFAULT_MAX_FRAME_BYTES));
        pipeline.addLast("chunks", new FileChunkDecoder());
        pipeline.addLast("decoder", new LenientMessageDecoder(CODEC));
        pipeline.addLast("binaryChunks", new BinaryChunkSwitch());
        pipeline.addLast("chunkEncoder", new FileChunkEncoder());
        pipeline.addLast("encoder", new MessageEncoder(CODEC));
        pipeline.addLast("handler", new ConnectionHandler(router));
    }
}
