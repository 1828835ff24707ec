package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.obrol.server.guard.GuardConfig;
import dev.obrol.testing.TrafficRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.File;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Thousands of connect/login/quit cycles (clean and abrupt, logged in or not) leave no sessions,
 * no counted connections, no file descriptors and no leaked buffers behind.
 */
class ChurnIT {
    private static final int CYCLES = 2000;
    private static final int THREADS = 4;

    @Test
    void connectLoginQuitCyclesLeakNothing() throws Exception {
        ListAppender<ILoggingEvent> leaks = watchLeaks();
        TrafficRecorder traffic = new TrafficRecorder();
        ((Logger) traffic.logger()).setLevel(Level.WARN); // thousands of lines are not the point here
        ObrolServer sut = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withGuards(GuardConfig.unlimitedRates()),
                new TrafficLog(traffic.logger()));
        InetSocketAddress address = sut.start();
        try {
            cycle(address, 0, 50); // warm up: first connections load classes and pools, which hold descriptors
            await().until(() -> sut.guards().connections().openConnections() == 0);
            long fdsBefore = openFileDescriptors();

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    cycle(address, thread, CYCLES / THREADS);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(sut.directory().size()).as("no session left").isZero();
                assertThat(sut.guards().connections().openConnections()).as("no connection counted").isZero();
                assertThat(sut.guards().connections().channels().isEmpty()).as("no channel tracked").isTrue();
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(openFileDescriptors())
                    .as("file descriptors back to where they were").isLessThanOrEqualTo(fdsBefore + 8));
        } finally {
            sut.close();
        }
        // Leaked buffers are reported when collected and the detector next samples an allocation.
        for (int i = 0; i < 5; i++) {
            System.gc();
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(64);
            probe.release();
        }
        assertThat(leaks.list).as("Netty reported no leaked buffer").isEmpty();
    }

    /** Alternates the ways a client can leave: quit after login, drop without login, drop mid-frame. */
    private static void cycle(InetSocketAddress address, int thread, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            try (HostilePeer peer = new HostilePeer(address)) {
                switch (i % 3) {
                    case 0 -> {
                        peer.send("{\"type\":\"SET_USERNAME\",\"username\":\"u" + thread + "_" + i + "\"}");
                        peer.expect("SUCCESS");
                        peer.send("{\"type\":\"LIST\"}");
                        peer.expect("CLIENT_LIST");
                    }
                    case 1 -> peer.send("{\"type\":\"SET_USERNAME\",\"username\":\"half");
                    default -> { } // connect and vanish
                }
            }
        }
    }

    private static ListAppender<ILoggingEvent> watchLeaks() {
        assertThat(ResourceLeakDetector.getLevel()).as("surefire runs with paranoid leak detection")
                .isEqualTo(ResourceLeakDetector.Level.PARANOID);
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        detector.addAppender(appender);
        detector.setLevel(Level.ERROR);
        return appender;
    }

    private static long openFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }
}
