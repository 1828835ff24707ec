package dev.obrol.bench;

import dev.obrol.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The client side of every scenario: a few event loops (epoll when available) and a method that
 * connects one client and logs it in, speaking the run's {@link ChatWire}. Each connection is
 * pinned to the event loop it is given, so a scenario can keep both ends of a pair on one thread
 * and share their state without locks.
 */
final class LoadGenerator implements AutoCloseable {
    /** Largest frame a bench client accepts; the server sends nothing near it in a scenario. */
    private static final int MAX_FRAME_BYTES = 1 << 20;

    private final Transport transport;
    private final EventLoopGroup group;
    private final List<EventLoop> loops = new ArrayList<>();
    private final InetSocketAddress target;
    private final SourceAddresses sources;
    private final ChatWire wire;

    LoadGenerator(int threads, InetSocketAddress target, SourceAddresses sources, ChatWire wire) {
        this.transport = Transport.best();
        this.group = transport.newGroup(threads);
        group.forEach(executor -> loops.add((EventLoop) executor));
        this.target = target;
        this.sources = sources;
        this.wire = wire;
    }

    List<EventLoop> loops() {
        return loops;
    }

    Transport transport() {
        return transport;
    }

    /** Connects {@code username} on {@code loop} and sends its login; see {@link BenchConnection#loggedIn()}. */
    BenchConnection connect(EventLoop loop, String username, FrameSink sink) {
        Promise<BenchConnection> loggedIn = loop.newPromise();
        BenchConnection connection = new BenchConnection(username, wire, loggedIn);
        connection.sink(sink);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.clientChannel())
                // Small messages must leave at once: Nagle would add delayed-ACK stalls to the latency we measure.
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("lines", new LineFrames(MAX_FRAME_BYTES))
                                .addLast("bench", connection);
                    }
                });
        InetSocketAddress source = sources.next();
        if (source != null && transport == Transport.EPOLL) {
            // Defer the port choice to connect(): ports are then unique per (source, target), not per source.
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        ChannelFuture connected = source == null ? bootstrap.connect(target) : bootstrap.connect(target, source);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                loggedIn.tryFailure(new BenchException("cannot connect to " + target + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        return connection;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
