package dev.obrol.server;

import dev.obrol.net.Transport;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.JsonLines;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.WireFormat;
import dev.obrol.server.guard.AcceptPacer;
import dev.obrol.server.guard.GuardConfig;
import dev.obrol.server.guard.Guards;
import dev.obrol.server.transfer.OfferBook;
import dev.obrol.server.transfer.TransferRelay;
import dev.obrol.server.transfer.Transfers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
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
 * cleanly. Its features reach users through a {@link Topology} (directory, delivery, presence):
 * local by default, a cluster's when one is passed in. Holds no global state, so tests can run
 * several in one JVM.
 */
public final class ObrolServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ObrolServer.class);

    private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(3);

    /**
     * Connections the kernel holds for us before we accept them: room for a login storm to wait
     * while {@link AcceptPacer} holds accepting back (Linux caps it at net.core.somaxconn, 4096 by default).
     */
    private static final int ACCEPT_BACKLOG = 4096;

    private final ServerConfig config;
    private final Topology topology;
    private final TrafficLog traffic;
    private final PostOffice postOffice;
    private final TransferRelay relay;
    private final ServerInitializer initializer;
    private final ServerStats stats = new ServerStats();
    private final Motd motd;
    private final Transfers transfers = new Transfers();
    private final Moderator moderator;
    private final Guards guards;
    private final ServerTexts v1Texts;
    private final ServerTexts operatorTexts;
    private final Transport transport = Transport.best();
    private final CountDownLatch closed = new CountDownLatch(1);

    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    public ObrolServer(ServerConfig config) {
        this(config, new TrafficLog());
    }

    public ObrolServer(ServerConfig config, TrafficLog traffic) {
        this(config, traffic, Topology.local(new MessageCodec(config.limits().maxFrameBytes())));
    }

    /** A server whose features reach users through {@code topology} (a cluster's, or a test's). */
    public ObrolServer(ServerConfig config, TrafficLog traffic, Topology topology) {
        this.config = config.validate();
        this.traffic = traffic;
        this.topology = topology;
        this.v1Texts = ServerTexts.forLocale(config.v1Locale());
        // The traffic log is the operator's: texts it shares with users are in the console's language.
        this.operatorTexts = ServerTexts.forLocale(config.operatorLocale());
        OfferBook offers = new OfferBook();
        transfers.add(offers);
        this.moderator = new Moderator(topology.directory(), traffic);
        this.motd = new Motd(traffic);
        Replies replies = new Replies(traffic, operatorTexts);
        this.relay = new TransferRelay(topology.directory(), topology.presence(), traffic, config.offerExpiry(), stats, operatorTexts);
        // The console's transfers and stats see both kinds: whole-file offers and streamed files.
        transfers.add(relay);
        // In this order at login: the message of the day right after the answer, then presence.
        Logins logins = new Logins(topology.directory(), traffic, replies, announcedLimits(config),
                List.of(motd, topology.presence(), offers, relay), operatorTexts);
        MessageCodec codec = new MessageCodec(config.limits().maxFrameBytes());
        this.postOffice = new PostOffice(topology, offers, traffic, replies, config.limits(), codec, stats);
        RequestDispatcher dispatcher = new RequestDispatcher(logins, postOffice, topology.presence(), relay, traffic, replies);
        // One wire format for the pipeline's encoder and the sessions' outboxes, which batch messages themselves.
        WireFormat format = new JsonLines(codec);
        ServerHandler handler = new ServerHandler(
                dispatcher, logins, replies, traffic, v1Texts, config.loginTimeout(), format);
        this.guards = new Guards(config.guards(), config.access(), traffic, v1Texts, operatorTexts);
        this.initializer = new ServerInitializer(config.limits(), codec, format, handler, guards, relay, traffic,
                config.loginTimeout());
    }

    /** The limits told to obrol clients: the frame limits plus the rate and keepalive they must respect. */
    private static Limits announcedLimits(ServerConfig config) {
        GuardConfig g = config.guards();
        Integer rate = g.messagesPerSecond() > 0 ? g.messagesPerSecond() : null;
        Integer idle = g.idleTimeout().isZero() ? null : (int) Math.max(1, g.idleTimeout().toSeconds());
        return config.limits().announcing(rate, idle);
    }

    /** Binds and starts serving; returns the bound address (useful with port 0). */
    public synchronized InetSocketAddress start() throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        bossGroup = transport.newGroup(1);
        // One event loop per core: more loops than cores only adds context switches.
        int ioThreads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
        workerGroup = transport.newGroup(ioThreads);
        AcceptPacer pacer = new AcceptPacer(config.acceptPacing(), workerGroup);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                // Chat lines are small and latency matters more than packet count.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // Writability flips off past 2 MiB queued for a peer and back on below 512 KiB; the
                // outbound guard stops reading that peer meanwhile (see OutboundGuard). 2 MiB keeps
                // a streamed file's window moving to a receiver on a busy machine (docs/BENCHMARKS.md).
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
                .handler(pacer)
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

    /** Texts in the operator's language ({@link ServerConfig#operatorLocale()}), for the console. */
    public ServerTexts operatorTexts() {
        return operatorTexts;
    }

    /** Who is online (the operator's list, tests). */
    public Directory directory() {
        return topology.directory();
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

    /** The guards' shared state (open connections, large-frame budget), for the console and tests. */
    public Guards guards() {
        return guards;
    }

    /** The routing the operator console uses for {@code send} and {@code broadcast}. */
    public PostOffice postOffice() {
        return postOffice;
    }

    /** The relay of streamed files (protocol 2), for tests; the console reads it through {@link #transfers()}. */
    public TransferRelay relay() {
        return relay;
    }

    /**
     * Tells every client the server is going away (logged in or not), waits up to {@link
     * #GOODBYE_TIMEOUT} for those goodbyes to be written, closes every connection, and stops.
     * Must not be called from an event loop (it waits for them).
     */
    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        serverChannel.close().syncUninterruptibly(); // no new connections from here on
        relay.shutdown(); // both ends of every transfer hear why it stopped, before the goodbye
        List<ChannelFuture> goodbyes = new ArrayList<>();
        for (Channel channel : guards.connections().channels()) {
            Session session = Session.of(channel);
            ServerTexts texts = session != null ? session.texts() : v1Texts;
            if (session != null) {
                session.closeReason("server shutdown");
            }
            goodbyes.add(channel.writeAndFlush(new ServerMessage.ServerMsg(texts.format("server.shutdown"))));
        }
        long deadline = System.nanoTime() + GOODBYE_TIMEOUT.toNanos();
        for (ChannelFuture goodbye : goodbyes) {
            // A peer that stopped reading must not hold the shutdown: the wait is bounded.
            goodbye.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        guards.connections().channels().close().awaitUninterruptibly(GOODBYE_TIMEOUT.toMillis());
        shutdownGroups();
        traffic.serverEvent("STOP", "server stopped; " + goodbyes.size() + " connection(s) told and closed");
        serverChannel = null;
        closed.countDown();
    }

    /** Blocks until {@link #close} has run. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    private void shutdownGroups() {
        // Connections are closed by now; the quiet period lets their close events run.
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(100, 3000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        log.debug("event loops stopped");
    }
}
