package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.testing.JarProcess;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to the server process: every client is told and closed, and the traffic log is flushed. */
class ShutdownProcessIT {
    @TempDir
    Path work;

    @Test
    void sigtermTellsEveryClientClosesThemAndFlushesTheLog() throws Exception {
        int port = JarProcess.freePort();
        Path logs = work.resolve("logs");
        try (JarProcess server = JarProcess.start(work, Map.of("OBROL_LOG_DIR", logs.toString()),
                "server", "127.0.0.1", String.valueOf(port))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> server.outputText().contains("listening on"));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            try (HostilePeer alice = HostilePeer.v1(address, "Alice"); HostilePeer anonymous = new HostilePeer(address)) {
                alice.send("{\"type\":\"MSG\",\"to_username\":\"Alice\",\"message\":\"last words\"}");
                alice.expect("PEER_MSG");
                await().until(() -> server.outputText().contains("CONNECT") && server.outputText().contains("last words"));

                ProcessHandle.of(server.pid()).orElseThrow().destroy(); // SIGTERM on Linux and macOS

                JsonNode goodbye = alice.receive();
                assertThat(goodbye.path("type").asText()).as("logged-in clients are told").isEqualTo("SERVER_MSG");
                assertThat(alice.isClosedByServer()).isTrue();
                assertThat(anonymous.receive().path("type").asText()).as("so are connections still logging in")
                        .isEqualTo("SERVER_MSG");
                assertThat(anonymous.isClosedByServer()).isTrue();
                assertThat(server.waitFor(20)).as("the process ends").isTrue();
            }
        }
        String logFile = Files.readString(logs.resolve("obrol-traffic.log"));
        assertThat(logFile).as("every line reaches the file before the JVM exits")
                .contains("Alice -> MSG: Alice: last words")
                .contains("Alice -> DISCONNECT")
                .contains("SERVER -> STOP: server stopped");
    }
}
