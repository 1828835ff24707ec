package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.StreamLimits;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each scenario, tiny, against the real server in this JVM: it must complete with nothing lost. No timings asserted. */
@ExtendWith(QuietTrafficLog.class)
class ScenariosIT {
    private InProcessServer server;

    @BeforeEach
    void startServer() {
        server = InProcessServer.startKeepingLogging(1);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void messagesOpenLoopDeliversEverythingInOrder() {
        var config = new MessagesScenario.Config(
                3, 100, 600, 8, Duration.ofMillis(800), Duration.ofMillis(200), Duration.ofSeconds(10), 2, ObrolWire.login(false));

        MessagesResult sut = new MessagesScenario(config, Progress.silent()).run(server.address());

        assertThat(sut.sent()).as("messages sent").isPositive();
        assertThat(sut.delivered()).as("every sent message is delivered").isEqualTo(sut.sent());
        assertThat(sut.lost()).as("lost").isZero();
        assertThat(sut.reordered()).as("reordered").isZero();
        assertThat(sut.errors()).as("errors: %s", sut.errorSamples()).isZero();
        assertThat(sut.latencyMs().count()).as("latency samples in the measured window").isPositive();
    }

    @Test
    void messagesWhileOtherClientsLogInAndOutInALoopLoseNothing() {
        var config = new MessagesScenario.Config(
                2, 40, 0, 4, Duration.ofMillis(500), Duration.ZERO, Duration.ofSeconds(10), 1, ObrolWire.login(true));
        MessagesResult sut;
        ChurnLoad churn = new ChurnLoad(server.address(), 20, ObrolWire.login(true));
        try (churn) {
            churn.start();
            sut = new MessagesScenario(config, Progress.silent()).run(server.address());
            await().atMost(Duration.ofSeconds(30)).until(() -> churn.logins() >= 40); // two whole rounds at least
        }

        assertThat(sut.delivered()).as("delivered").isPositive().isEqualTo(sut.sent());
        assertThat(sut.errors()).as("errors (presence of the churning clients must not count): %s", sut.errorSamples()).isZero();
        assertThat(churn.errors()).as("the churning clients' errors").isZero();
        assertThat(churn.loginsPerSecond()).isPositive();
    }

    @Test
    void churningClientsThatLeaveAtARateStillLogInAndOutWholeRounds() {
        ChurnLoad churn = new ChurnLoad(server.address(), 20, 500, ObrolWire.login(true)); // one close every 2 ms
        try (churn) {
            churn.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> churn.logins() >= 60); // three rounds, each closed paced
        }

        assertThat(churn.errors()).as("the churning clients' errors").isZero();
        assertThat(churn.logins() % 20).as("close() ends after the round under way: whole rounds only").isZero();
    }

    @Test
    void messagesClosedLoopWithObrolLoginIgnoresPresenceEvents() {
        var config = new MessagesScenario.Config(
                2, 40, 0, 4, Duration.ofMillis(500), Duration.ZERO, Duration.ofSeconds(10), 1, ObrolWire.login(true));

        MessagesResult sut = new MessagesScenario(config, Progress.silent()).run(server.address());

        assertThat(sut.delivered()).as("delivered").isPositive().isEqualTo(sut.sent());
        assertThat(sut.errors()).as("errors (PRESENCE must not count): %s", sut.errorSamples()).isZero();
        assertThat(sut.lost()).as("lost").isZero();
    }

    @Test
    void connectionsLogsEveryoneInAndReadsMemory() {
        var config = new ConnectionsScenario.Config(50, 0, 16, Duration.ZERO, 1, true, 1);

        ConnectionsResult sut = new ConnectionsScenario(config, Progress.silent()).run(server.address(), ServerMemory.inProcess());

        assertThat(sut.errors()).as("errors").isZero();
        assertThat(sut.loginLatencyMs().count()).as("one login latency per client").isEqualTo(50);
        assertThat(sut.rssAfterBytes()).as("RSS read from /proc").isPositive();
        assertThat(sut.heapAfterBytes()).as("heap read from the MemoryMXBean").isPositive();
    }

    @Test
    void broadcastReachesEveryRecipientEveryRound() {
        var config = new BroadcastScenario.Config(20, 3, Duration.ofMillis(10), Duration.ofSeconds(10), 1, false, 1);

        BroadcastResult sut = new BroadcastScenario(config, Progress.silent()).run(server);

        assertThat(sut.missed()).as("recipients that never got a broadcast").isZero();
        assertThat(sut.perRound()).as("rounds").hasSize(3)
                .allSatisfy(r -> assertThat(r.received()).as("received in round").isEqualTo(20));
        assertThat(sut.arrivalMs().count()).as("arrivals of the measured rounds only").isEqualTo(60);
        assertThat(sut.warmup()).as("the warm-up round, apart").hasSize(1)
                .allSatisfy(r -> assertThat(r.received()).isEqualTo(20));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void filesStreamsEveryByteOfSeveralTransfersAtOnce(boolean binary) {
        long size = 3L * StreamLimits.maxChunkBytes(binary ? FileChunk.Encoding.BINARY : FileChunk.Encoding.BASE64) + 1_000;
        var config = new FilesScenario.Config(3, size, 2, Duration.ofSeconds(30), binary); // three whole chunks, a short one

        FilesResult sut = new FilesScenario(config, Progress.silent()).run(server.address());

        assertThat(sut.errors()).as("errors: %s", sut.errorSamples()).isZero();
        assertThat(sut.badChunks()).as("chunks that arrived wrong").isZero();
        assertThat(sut.completed()).as("transfers complete").isEqualTo(3);
        assertThat(sut.bytesReceived()).as("every byte of every file").isEqualTo(3 * size);
        assertThat(sut.perTransfer()).allSatisfy(t -> assertThat(t.bytes()).isEqualTo(size));
    }
}
