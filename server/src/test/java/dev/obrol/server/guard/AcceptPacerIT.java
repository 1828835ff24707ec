package dev.obrol.server.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pacer on a real server channel and event loops: a worker loop held busy cuts the accept
 * budget to its floor, connections are still accepted meanwhile, and the budget grows back once
 * the loop is on time again.
 */
class AcceptPacerIT {
    private final Transport transport = Transport.best();
    private final AcceptPacer sut = new AcceptPacer(Duration.ofMillis(2));
    private final CountDownLatch accepted = new CountDownLatch(1);
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
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        accepted.countDown();
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
    void aBusyWorkerLoopCutsTheBudgetYetConnectionsAreStillAcceptedAndTheBudgetGrowsBack() throws Exception {
        // Keep the only worker loop busy, as a burst of work would: 20 ms of every 25, so every
        // probe runs late and every tick is a late one.
        AtomicBoolean busy = new AtomicBoolean(true);
        workers.next().scheduleWithFixedDelay(() -> {
            if (busy.get()) {
                sleepUninterruptibly(20);
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> budget() == AcceptPacer.MIN_PER_TICK);

        try (Socket client = new Socket()) {
            client.connect((InetSocketAddress) server.localAddress(), 5_000);
            assertThat(accepted.await(10, TimeUnit.SECONDS)).as("a paced server still accepts").isTrue();
        }
        busy.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> budget() > 100);
    }

    /** The pacer's budget, read on the server channel's loop, which alone writes it. */
    private int budget() throws Exception {
        return server.eventLoop().submit(sut::perTick).get(5, TimeUnit.SECONDS);
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
