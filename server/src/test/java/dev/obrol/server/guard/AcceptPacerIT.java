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
import java.util.concurrent.CountDownLatch;
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
    private AcceptPacer sut;
    private final AtomicInteger accepted = new AtomicInteger();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel server;

    @BeforeEach
    void start() throws Exception {
        boss = transport.newGroup(1);
        workers = transport.newGroup(1);
        sut = new AcceptPacer(Duration.ofMillis(2), workers);
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
    }

    @AfterEach
    void stop() {
        server.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void nothingRunsBeforeAnyoneConnects() throws Exception {
        // A worker loop runs scheduled tasks in deadline order: by the time this one at four ticks
        // has run, a probe due after one tick would have run before it.
        workers.next().schedule(() -> { }, 4 * AcceptPacer.TICK.toNanos(), TimeUnit.NANOSECONDS).get(5, TimeUnit.SECONDS);

        assertThat(onServerLoop(sut::isAwake)).as("no ticks on an idle server").isFalse();
        assertThat(sut.probeChains()).as("no probes on its worker loops").isZero();
    }

    @Test
    void aLoopStuckInOneLongTaskCutsTheBudgetWhileItIsStillStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        workers.next().execute(() -> awaitUninterruptibly(release));
        try (Socket client = connect()) {
            await("the budget falls to its floor while the loop is still stuck").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5)).until(() -> onServerLoop(sut::perTick) == AcceptPacer.MIN_PER_TICK);
            assertThat(accepted.get()).as("the stuck loop has not registered the connection yet").isZero();
            release.countDown();
            await("the connection is served once the loop is free").atMost(Duration.ofSeconds(10)).until(() -> accepted.get() == 1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBusyWorkerLoopCutsTheBudgetYetConnectionsAreStillAcceptedAndTheBudgetGrowsBack() throws Exception {
        // Keep the only worker loop busy, as a burst of work would: 20 ms of every 25, so nearly
        // every probe runs late.
        AtomicBoolean busy = new AtomicBoolean(true);
        workers.next().scheduleWithFixedDelay(() -> {
            if (busy.get()) {
                sleepUninterruptibly(20);
            }
        }, 0, 5, TimeUnit.MILLISECONDS);

        try (Socket first = connect()) {
            await("the first connection is accepted").atMost(Duration.ofSeconds(10)).until(() -> accepted.get() == 1);
            await("the budget falls to its floor").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> onServerLoop(sut::perTick) == AcceptPacer.MIN_PER_TICK);
            assertThat(onServerLoop(sut::isAwake)).as("the first connection woke the pacer").isTrue();

            try (Socket second = connect()) {
                await("a paced server still accepts").atMost(Duration.ofSeconds(10)).until(() -> accepted.get() == 2);
            }
            busy.set(false);
            await("the budget grows back").atMost(Duration.ofSeconds(30)).until(() -> onServerLoop(sut::perTick) > 100);
        }
        for (int cycle = 0; cycle < 2; cycle++) {
            await("with nobody connecting, it rests").atMost(Duration.ofSeconds(30))
                    .until(() -> !onServerLoop(sut::isAwake) && sut.probeChains() == 0);
            try (Socket again = connect()) {
                await("the next connection wakes it").atMost(Duration.ofSeconds(10))
                        .until(() -> onServerLoop(sut::isAwake) && sut.probeChains() == 1);
            }
        }
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

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
