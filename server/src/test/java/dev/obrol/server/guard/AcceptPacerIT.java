package dev.obrol.server.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pacer on a real server channel and event loops: it rests until someone connects; a worker
 * loop held busy then cuts the accept budget to its floor, connections are still accepted
 * meanwhile, the budget grows back once the loop is on time again, and the pacer rests again.
 */
class AcceptPacerIT {
    private final Transport transport = Transport.best();
    private final AcceptPacer sut = new AcceptPacer(Duration.ofMillis(2));
    private final AtomicInteger accepted = new AtomicInteger();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel server;

    @BeforeEach
    void start() throws Exception {
        boss = transport.newGroup(1);
        workers = transport.newGroup(1);
        server = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .handler(sut)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel child) {
                        accepted.incrementAndGet();
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        sut.start(server, workers);
    }

    @AfterEach
    void stop() {
        server.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void nothingRunsBeforeAnyoneConnects() throws Exception {
        // start() hands its work to the server channel's loop; this read runs after it there.
        assertThat(onServerLoop(sut::isAwake)).as("no ticks on an idle server").isFalse();
        assertThat(sut.probeChains()).as("no probes on its worker loops").isZero();
    }

    @Test
    void aBusyWorkerLoopCutsTheBudgetYetConnectionsAreStillAcceptedAndTheBudgetGrowsBack() throws Exception {
        // Keep the only worker loop busy, as a burst of work would: 20 ms of every 25, so every
        // probe runs late and every tick is a late one.
        AtomicBoolean busy = new AtomicBoolean(true);
        workers.next().scheduleWithFixedDelay(() -> {
            if (busy.get()) {
                sleepUninterruptibly(20);
            }
        }, 0, 5, TimeUnit.MILLISECONDS);

        try (Socket first = connect()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> accepted.get() == 1);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> onServerLoop(sut::perTick) == AcceptPacer.MIN_PER_TICK);
            assertThat(onServerLoop(sut::isAwake)).as("the first connection woke the pacer").isTrue();

            try (Socket second = connect()) {
                await("a paced server still accepts").atMost(Duration.ofSeconds(10)).until(() -> accepted.get() == 2);
            }
            busy.set(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> onServerLoop(sut::perTick) > 100);
        }
        await("with the budget full and nobody connecting, it rests again").atMost(Duration.ofSeconds(30))
                .until(() -> !onServerLoop(sut::isAwake) && sut.probeChains() == 0);
    }

    private Socket connect() throws Exception {
        Socket client = new Socket();
        client.connect((InetSocketAddress) server.localAddress(), 5_000);
        return client;
    }

    /** Reads the pacer on the server channel's loop, which alone writes it. */
    private <T> T onServerLoop(Callable<T> read) throws Exception {
        return server.eventLoop().submit(read).get(5, TimeUnit.SECONDS);
    }

    private static void sleepUninterruptibly(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
