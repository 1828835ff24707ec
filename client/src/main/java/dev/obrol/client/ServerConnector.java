package dev.obrol.client;

import dev.obrol.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * Opens connections to one server, one login attempt each, on a single event loop thread shared by
 * them (a client has one connection at a time). Closing it stops that thread.
 */
public final class ServerConnector implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Transport transport = Transport.best();
    private final EventLoopGroup group = transport.newGroup(1);
    private final String host;
    private final int port;
    private volatile SslContext tls;

    public ServerConnector(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Speaks TLS with {@code context} on every connection from now on; null for plain TCP. */
    public void useTls(SslContext context) {
        this.tls = context;
    }

    /**
     * Connects and installs the pipeline; the router hears everything that arrives. With TLS, also
     * waits for the handshake, so a refused certificate is a {@link TlsFailure} here and not a
     * connection that closes later without a reason.
     */
    public ServerConnection connect(InboundRouter router) throws IOException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                // Each message leaves at once in its own segment: a v1 server parses one read at a time.
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ClientInitializer(router, tls, host, port));
        ChannelFuture connected = bootstrap.connect(host, port).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            Throwable cause = connected.cause();
            if (cause instanceof UnknownHostException) {
                throw new UnknownHostException(host);
            }
            throw new IOException(cause == null ? "connection failed" : cause.getMessage(), cause);
        }
        SslHandler handshaking = connected.channel().pipeline().get(SslHandler.class);
        if (handshaking != null && !handshaking.handshakeFuture().awaitUninterruptibly().isSuccess()) {
            connected.channel().close().awaitUninterruptibly();
            throw new TlsFailure(handshaking.handshakeFuture().cause());
        }
        return new ServerConnection(connected.channel());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
