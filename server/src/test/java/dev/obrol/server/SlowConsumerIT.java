package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.protocol.Limits;
import dev.obrol.server.guard.Access;
import dev.obrol.server.guard.GuardConfig;
import dev.obrol.testing.TrafficRecorder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: what the server queues for it is bounded, past the bound it is
 * disconnected with a logged reason, and the users writing to it and everyone else carry on.
 */
class SlowConsumerIT {
    private static final int MAX_FRAME = 256 * 1024;
    /**
     * Well above what one read burst of tiny requests (Netty reads up to 16 x 64 KiB at once) can
     * queue in replies, so only a server that keeps reading a non-reader overflows it.
     */
    private static final long MAX_OUTBOUND = 16L * 1024 * 1024;

    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        Limits limits = new Limits(MAX_FRAME, Limits.DEFAULT_MAX_MESSAGE_CHARS, 64 * 1024);
        GuardConfig guards = GuardConfig.unlimitedRates().withFrames(64 * 1024, 0).withMaxOutboundBytes(MAX_OUTBOUND);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, limits, Duration.ofSeconds(30), Locale.ENGLISH, 0, guards, Access.open());
        sut = new ObrolServer(config, new TrafficLog(traffic.logger()));
        address = sut.start();
    }

    @AfterEach
    void stop() {
        sut.close();
    }

    @Test
    void clientThatStopsReadingIsDisconnectedAndOthersKeepChatting() throws Exception {
        try (HostilePeer sleepy = new HostilePeer(address, 4096);
                HostilePeer alice = HostilePeer.obrol(address, "Alice");
                HostilePeer bob = HostilePeer.obrol(address, "Bob")) {
            sleepy.send("{\"type\":\"SET_USERNAME\",\"username\":\"Sleepy\",\"protocol\":2}");
            sleepy.expect("SUCCESS");
            // From here on Sleepy reads nothing. Alice writes to it in a background thread until it is gone.
            String big = "z".repeat(60_000);
            AtomicBoolean stop = new AtomicBoolean();
            Thread flood = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        alice.send("{\"type\":\"MSG\",\"to_username\":\"Sleepy\",\"message\":\"" + big + "\"}");
                    }
                } catch (IOException ignored) {
                    // test over
                }
            });
            flood.setDaemon(true);
            flood.start();
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(traffic.lines())
                        .anyMatch(l -> l.startsWith("Sleepy -> DISCONNECT") && l.contains("slow consumer")));
                assertThat(sut.directory().locate("Sleepy")).as("the slow consumer is gone").isEmpty();

                // Everyone else still chats, the flooding sender included.
                bob.send("{\"type\":\"MSG\",\"to_username\":\"Alice\",\"message\":\"still there?\"}");
                await().untilAsserted(() -> assertThat(traffic.lines()).anyMatch(l -> l.equals("Bob -> MSG: Alice: still there?")));
            } finally {
                stop.set(true);
                flood.join(10_000);
            }
            assertThat(alice.isClosedByServer()).as("the sender is not punished for the receiver's slowness").isFalse();
        }
    }

    @Test
    void clientThatSendsButNeverReadsIsThrottledNotBuffered() throws Exception {
        try (HostilePeer greedy = new HostilePeer(address, 4096); HostilePeer bob = HostilePeer.obrol(address, "Bob")) {
            greedy.send("{\"type\":\"SET_USERNAME\",\"username\":\"Greedy\",\"protocol\":2}");
            greedy.expect("SUCCESS");
            // Each LIST queues a reply to Greedy, who never reads. The server must stop reading
            // Greedy's requests while their replies cannot be written, so TCP pushes back on Greedy:
            // the flooding thread ends up blocked in its socket write, and Greedy is throttled, not
            // dropped. Without the pause the server would buffer the replies until Greedy is cut off.
            Thread flood = new Thread(() -> {
                try {
                    for (int i = 0; i < 5_000_000; i++) {
                        greedy.send("{\"type\":\"LIST\"}");
                    }
                } catch (IOException ignored) {
                    // dropped by the server, or closed by the test
                }
            });
            flood.setDaemon(true);
            flood.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> sut.directory().locate("Greedy").map(User::primary)
                    .map(session -> !session.channel().config().isAutoRead())
                    .orElse(false));
            await().atMost(Duration.ofSeconds(60)).until(() -> isBlockedInSocketWrite(flood));
            Session greedySession = sut.directory().locate("Greedy").map(User::primary).orElseThrow(() -> new AssertionError("throttled, not dropped"));
            assertThat(greedySession.channel().unsafe().outboundBuffer().totalPendingWriteBytes())
                    .as("replies queued for Greedy stay bounded").isLessThan(MAX_OUTBOUND);
            bob.send("{\"type\":\"LIST\"}");
            bob.expect("CLIENT_LIST");
            greedy.close();
            flood.join(10_000);
        }
    }

    /** The thread is stuck in a socket write (its peer stopped reading) and still alive. */
    private static boolean isBlockedInSocketWrite(Thread thread) throws InterruptedException {
        for (int sample = 0; sample < 3; sample++) { // three samples: a write in progress is not a block
            boolean inWrite = false;
            for (StackTraceElement frame : thread.getStackTrace()) {
                inWrite |= frame.getMethodName().startsWith("write") && frame.getClassName().contains("Socket");
            }
            if (!thread.isAlive() || !inWrite) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
