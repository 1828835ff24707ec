package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.server.guard.GuardConfig;
import dev.obrol.testing.TrafficRecorder;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idle timeout with keepalive: silent keepalive clients are closed, pinging ones and v1 ones stay. */
class KeepaliveIT {
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        GuardConfig guards = GuardConfig.unlimitedRates().withIdleTimeouts(IDLE, Duration.ZERO);
        sut = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withGuards(guards), new TrafficLog(traffic.logger()));
        address = sut.start();
    }

    @AfterEach
    void stop() {
        sut.close();
    }

    @Test
    void successAnnouncesTheIdleTimeoutAndPingGetsPong() throws Exception {
        try (HostilePeer peer = new HostilePeer(address)) {
            peer.send("{\"type\":\"SET_USERNAME\",\"username\":\"Ann\",\"protocol\":2,\"features\":[\"keepalive\"]}");
            assertThat(peer.expect("SUCCESS").path("limits").path("idle_timeout_seconds").asInt()).isEqualTo(1);
            peer.send("{\"type\":\"PING\"}");
            peer.expect("PONG");
        }
    }

    @Test
    void silentKeepaliveClientIsClosedWhilePingingAndV1ClientsStay() throws Exception {
        try (HostilePeer silent = HostilePeer.obrol(address, "Silent", "keepalive");
                HostilePeer v1 = HostilePeer.v1(address, "Old");
                HostilePeer pinger = HostilePeer.obrol(address, "Pinger", "keepalive")) {
            Thread pings = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        pinger.send("{\"type\":\"PING\"}");
                        Thread.sleep(IDLE.toMillis() / 10); // a tenth of the timeout: plenty of margin
                    }
                } catch (Exception stopped) {
                    // test over
                }
            });
            pings.setDaemon(true);
            pings.start();
            try {
                assertThat(silent.nextErrorCode()).isEqualTo("IDLE_TIMEOUT");
                assertThat(silent.isClosedByServer()).isTrue();
                await().untilAsserted(() -> assertThat(traffic.lines())
                        .anyMatch(l -> l.startsWith("Silent -> DISCONNECT") && l.contains("idle timeout")));
                assertThat(sut.directory().allNames()).as("v1 clients never ping; they are not timed out by default")
                        .contains("Old", "Pinger").doesNotContain("Silent");
            } finally {
                pings.interrupt();
                pings.join(5_000);
            }
            v1.send("{\"type\":\"LIST\"}");
            v1.expect("CLIENT_LIST");
        }
    }

    @Test
    void theV1IdleTimeoutClosesSilentV1ClientsWhileKeepaliveClientsKeepTheirOwn() throws Exception {
        GuardConfig guards = GuardConfig.unlimitedRates().withIdleTimeouts(Duration.ofMinutes(10), IDLE);
        try (ObrolServer server = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withGuards(guards),
                new TrafficLog(new TrafficRecorder().logger()))) {
            InetSocketAddress at = server.start();
            try (HostilePeer keeper = HostilePeer.obrol(at, "Keeper", "keepalive"); HostilePeer old = HostilePeer.v1(at, "Old")) {
                assertThat(old.nextErrorCode()).as("a silent v1 client").isEqualTo("IDLE_TIMEOUT");
                assertThat(old.isClosedByServer()).isTrue();
                keeper.send("{\"type\":\"LIST\"}");
                assertThat(keeper.expect("CLIENT_LIST").path("clients").toString())
                        .as("silent longer than Old, but its timeout is the keepalive one").contains("Keeper");
            }
        }
    }
}
