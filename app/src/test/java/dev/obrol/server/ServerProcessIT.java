package dev.obrol.server;

import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.server.guard.ConnectionCap;
import dev.obrol.testing.JarProcess;
import dev.obrol.testing.WireClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar run as a server process, its console driven through standard input. */
class ServerProcessIT {
    @TempDir
    Path work;

    @Test
    void operatorConsoleListsSendsBroadcastsAndQuits() throws Exception {
        int port = JarProcess.freePort();
        Path logs = work.resolve("logs");
        try (JarProcess server = JarProcess.start(work, Map.of("OBROL_LOG_DIR", logs.toString()), "server", "127.0.0.1", String.valueOf(port))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> server.outputText().contains("listening on"));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            try (WireClient alice = WireClient.v1(address, "Alice");
                    WireClient bob = WireClient.obrol(address, "Bob")) {
                server.type("list");
                await().until(() -> server.outputText().contains("Online (2): Alice, Bob"));

                server.type("send Alice Halo dari operator");
                JsonNode direct = alice.receive();
                assertThat(direct.path("type").asText()).isEqualTo("SERVER_MSG");
                assertThat(direct.path("message").asText()).isEqualTo("Halo dari operator");

                server.type("broadcast Server restarts at 18:00");
                assertThat(alice.receive().path("type").asText()).isEqualTo("BROADCAST");
                assertThat(bob.receive("BROADCAST").path("message").asText()).isEqualTo("Server restarts at 18:00");

                server.type("send Nobody hi");
                await().until(() -> server.outputText().contains("User \"Nobody\" is not online."));

                server.type("dance");
                await().until(() -> server.outputText().contains("Unknown command: dance"));
                assertThat(server.outputText()).as("unknown input prints the help").contains("broadcast <message>");

                alice.send(object("MSG").put("to_username", "Bob").put("message", "Hello Bob, how are you?"));
                bob.receive("PEER_MSG");

                server.type("quit");
                assertThat(alice.receive().path("type").asText()).as("clients are told").isEqualTo("SERVER_MSG");
                assertThat(alice.isClosedByServer()).isTrue();
                assertThat(server.waitFor(20)).as("the server exits after quit").isTrue();
                assertThat(server.exitValue()).isZero();
            }
            String stdout = server.outputText();
            assertThat(stdout).containsPattern("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\] \\[TRAFFIC\\] Alice -> MSG: Bob: Hello Bob, how are you\\?");
            assertThat(stdout).contains("[TRAFFIC] SERVER -> BROADCAST: Server restarts at 18:00 (2 recipients)");
            String logFile = Files.readString(logs.resolve("obrol-traffic.log"));
            assertThat(logFile).as("the traffic log file gets every line, flushed at exit")
                    .contains("[TRAFFIC] Alice -> MSG: Bob: Hello Bob, how are you?")
                    .contains("[TRAFFIC] SERVER -> STOP: server stopped");
        }
    }

    @Test
    void consoleKicksShowsStatsTransfersAndTheMessageOfTheDayThroughStandardInput() throws Exception {
        int port = JarProcess.freePort();
        try (JarProcess server = JarProcess.start(work, Map.of("OBROL_LOG_DIR", work.resolve("logs").toString()),
                "server", "127.0.0.1", String.valueOf(port), "--lang", "en")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> server.outputText().contains("listening on"));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            server.type("motd Selamat pagi semua");
            await().until(() -> server.outputText().contains("Message of the day set: Selamat pagi semua"));
            try (WireClient alice = WireClient.v1(address, "Alice");
                    WireClient bob = WireClient.obrol(address, "Bob")) {
                assertThat(alice.receive().path("message").asText()).isEqualTo("Pesan hari ini: Selamat pagi semua");
                assertThat(bob.receive("SERVER_MSG").path("message").asText()).isEqualTo("Message of the day: Selamat pagi semua");
                String data = java.util.Base64.getEncoder().encodeToString("hi".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                bob.send(object("FILE").put("to_username", "Alice").put("filename", "hi.txt").put("filedata", data));
                alice.receive("FILE_OFFER");

                server.type("transfers");
                await().until(() -> server.outputText().contains("Bob \u2192 Alice: \"hi.txt\" (2 bytes), waiting for an answer"));
                server.type("stats");
                await().until(() -> server.outputText().contains("Users online: 2"));
                assertThat(server.outputText()).contains("Transfers: 1 active, 0 done, 1 files offered in all");

                server.type("kick Alice flooding");
                JsonNode kicked = alice.receive("ERROR");
                assertThat(kicked.path("code").asText()).isEqualTo("KICKED");
                assertThat(alice.isClosedByServer()).isTrue();
                await().until(() -> server.outputText().contains("[TRAFFIC] SERVER -> KICK: Alice: flooding"));
            }
            server.type("quit");
            assertThat(server.waitFor(20)).isTrue();
        }
    }

    @Test
    void serverKeepsServingWhenStandardInputIsClosed() throws Exception {
        int port = JarProcess.freePort();
        try (JarProcess server = JarProcess.start(work, Map.of("OBROL_LOG_DIR", work.resolve("logs").toString()),
                "server", "127.0.0.1", String.valueOf(port))) {
            server.closeInput(); // like `obrol server </dev/null &`
            await().atMost(Duration.ofSeconds(30)).until(() -> server.outputText().contains("listening on"));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            try (WireClient alice = WireClient.v1(address, "Alice");
                    WireClient bob = WireClient.v1(address, "Bob")) {
                alice.send(object("MSG").put("to_username", "Bob").put("message", "still serving"));
                assertThat(bob.receive().path("message").asText()).isEqualTo("still serving");
            }
            assertThat(server.isAlive()).isTrue();
        }
    }

    @Test
    void theConnectionCapWasAThousandWhateverTheMachineAndIsNowFittedAndReportedAtStart() throws Exception {
        int port = JarProcess.freePort();
        try (JarProcess server = JarProcess.start(work, Map.of("OBROL_LOG_DIR", work.resolve("logs").toString()),
                "server", "127.0.0.1", String.valueOf(port))) {
            Pattern reported = Pattern.compile("At most ([\\d,]+) connections at once, fitted to this machine"
                    + " \\(([\\d,]+) MiB of heap, ([\\d,]+) file descriptors\\)");
            await().atMost(Duration.ofSeconds(30)).until(() -> reported.matcher(server.outputText()).find());
            Matcher line = reported.matcher(server.outputText());
            assertThat(line.find()).isTrue();
            long heapMib = Long.parseLong(line.group(2).replace(",", ""));
            long descriptors = Long.parseLong(line.group(3).replace(",", ""));
            assertThat(heapMib).as("the process's -Xmx128m").isBetween(100L, 128L);
            assertThat(Integer.parseInt(line.group(1).replace(",", ""))).as("the formula applied to what was reported")
                    .isEqualTo(ConnectionCap.forMachine(heapMib * 1024 * 1024, descriptors).connections());
            server.type("quit");
            assertThat(server.waitFor(20)).isTrue();
        }
    }

    @Test
    void aBusyPortPrintedTheNativeBindErrorAndNotThatThePortIsInUse() throws Exception {
        try (java.net.ServerSocket held = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
                JarProcess server = JarProcess.start(work, Map.of("OBROL_LOG_DIR", work.resolve("logs").toString()),
                        "server", "127.0.0.1", String.valueOf(held.getLocalPort()))) {
            int port = held.getLocalPort();
            assertThat(server.waitFor(30)).as("a server that cannot listen stops").isTrue();
            assertThat(server.exitValue()).isEqualTo(1);
            await().untilAsserted(() -> assertThat(server.outputText())
                    .contains("Cannot listen on 127.0.0.1:" + port + ": port " + port + " is already in use."));
            assertThat(server.outputText()).doesNotContain("error(-98)").doesNotContain("Exception");
        }
    }

    @Test
    void badArgumentsFailFastWithAClearMessage() throws Exception {
        try (JarProcess server = JarProcess.start(work, Map.of(), "server", "0.0.0.0", "99999")) {
            assertThat(server.waitFor(30)).isTrue();
            assertThat(server.exitValue()).isNotZero();
            assertThat(server.outputText()).contains("Port must be between 0 and 65535");
        }
    }
}
