package dev.obrol.server;

import dev.obrol.net.Transport;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.server.transfer.OfferBook;
import dev.obrol.server.transfer.Transfers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The obrol server: binds the port, wires the pipeline to the session logic, and shuts down
 * cleanly. Holds no global state, so tests can run several in one JVM.
 */
public final class ObrolServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ObrolServer.class);

    private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(3);

    private final ServerConfig config;
    private final SessionRegistry registry = new SessionRegistry();
    private final TrafficLog traffic;
    private final PostOffice postOffice;
    private final ServerInitializer initializer;
    private final ServerStats stats = new ServerStats();
    private final Motd motd;
    private final Transfers transfers = new Transfers();
    private final Moderator moderator;
    private final Transport transport = Transport.best();
    private final CountDownLatch closed = new CountDownLatch(1);

    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    public ObrolServer(ServerConfig config) {
        this(config, new TrafficLog());
    }

    public ObrolServer(ServerConfig config, TrafficLog traffic) {
        this.config = config.validate();
        this.traffic = traffic;
        OfferBook offers = new OfferBook();
        transfers.add(offers);
        this.moderator = new Moderator(registry, traffic);
        this.motd = new Motd(traffic);
        Replies replies = new Replies(traffic);
        Logins logins = new Logins(registry, offers, traffic, replies, config.limits());
        logins.greetWith(motd);
        MessageCodec codec = new MessageCodec(config.limits().maxFrameBytes());
        this.postOffice = new PostOffice(registry, offers, traffic, replies, config.limits(), codec);
        postOffice.countInto(stats);
        RequestDispatcher dispatcher = new RequestDispatcher(logins, postOffice, traffic, replies);
        ServerHandler handler = new ServerHandler(
                dispatcher, logins, replies, traffic, ServerTexts.forLocale(config.v1Locale()), config.loginTimeout());
        this.initializer = new ServerInitializer(config.limits(), codec, handler);
    }

    /** Binds and starts serving; returns the bound address (useful with port 0). */
    public synchronized InetSocketAddress start() throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        bossGroup = transport.newGroup(1);
        workerGroup = transport.newGroup(config.ioThreads());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                // Chat lines are small and latency matters more than packet count.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(initializer);
        try {
            serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownGroups();
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        traffic.serverEvent("START", "listening on " + bound.getHostString() + ":" + bound.getPort() + " (" + transport.name().toLowerCase() + ")");
        return bound;
    }

    public SessionRegistry registry() {
        return registry;
    }

    /** Counters for the console's {@code stats}. */
    public ServerStats stats() {
        return stats;
    }

    /** The message of the day shown at login. */
    public Motd motd() {
        return motd;
    }

    /** File transfers in flight, from every transfer source. */
    public Transfers transfers() {
        return transfers;
    }

    /** The console's {@code kick}. */
    public Moderator moderator() {
        return moderator;
    }

    /** The routing the operator console uses for {@code send} and {@code broadcast}. */
    public PostOffice postOffice() {
        return postOffice;
    }

    /** Tells every client the server is going away, closes every connection, and stops. */
    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        List<ChannelFuture> goodbyes = new ArrayList<>();
        for (Session session : registry.all()) {
            session.closeReason("server shutdown");
            goodbyes.add(session.channel()
                    .writeAndFlush(new ServerMessage.ServerMsg(session.texts().format("server.shutdown")))
                    .addListener(ChannelFutureListener.CLOSE)
                    .channel()
                    .closeFuture());
        }
        // Event loops close their channels before running queued writes when they shut down, so
        // wait (bounded: a client that stopped reading must not hold the shutdown) for the goodbyes.
        long deadline = System.nanoTime() + GOODBYE_TIMEOUT.toNanos();
        for (ChannelFuture closedChannel : goodbyes) {
            closedChannel.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        shutdownGroups();
        traffic.serverEvent("STOP", "server stopped");
        serverChannel = null;
        closed.countDown();
    }

    /** Blocks until {@link #close} has run. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    private void shutdownGroups() {
        // A short quiet period lets the goodbye messages queued above be written first.
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(100, 3000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        log.debug("event loops stopped");
    }
}
