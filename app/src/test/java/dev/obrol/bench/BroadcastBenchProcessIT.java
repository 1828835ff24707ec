package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code --server-process}: the bench starts {@code obrol server} as a process of its own and
 * types the broadcasts on its console. Tiny, no timings asserted: every recipient must get every
 * round, the recipient count must come back from the server's BROADCAST line, and quitting must
 * end the process with its traffic log written.
 */
class BroadcastBenchProcessIT {

    @Test
    void broadcastsTypedOnTheServersConsoleReachEveryRecipient() throws Exception {
        var config = new BroadcastScenario.Config(25, 3, Duration.ofMillis(50), Duration.ofSeconds(20), 1, true, 0);
        ServerProcess sut = ServerProcess.start(1);
        long pid = sut.pid();
        BroadcastResult result;
        try {
            assertThat(pid).as("a process of its own").isPositive().isNotEqualTo(ProcessHandle.current().pid());
            result = new BroadcastScenario(config, Progress.silent()).run(sut);
        } finally {
            sut.close();
        }

        assertThat(result.missed()).as("recipients that never got a broadcast").isZero();
        assertThat(result.errors()).as("errors").isZero();
        assertThat(result.perRound()).hasSize(3).allSatisfy(round -> {
            assertThat(round.recipients()).as("recipients, from the BROADCAST traffic line").isEqualTo(25);
            assertThat(round.received()).as("received").isEqualTo(25);
        });
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("quit ended the server").isFalse();
        assertThat(Files.readString(Path.of(sut.trafficLog()))).as("the traffic log was flushed at quit")
                .contains("SERVER -> BROADCAST: ").contains("(25 recipients)").contains("SERVER -> STOP");
    }
}
