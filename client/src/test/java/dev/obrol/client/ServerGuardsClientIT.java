package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import dev.obrol.server.TrafficLog;
import dev.obrol.server.guard.GuardConfig;
import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real client against a server with its guards on: keepalive, connection caps, message rate. */
class ServerGuardsClientIT {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(GuardConfig guards) throws Exception {
        server = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withGuards(guards), new TrafficLog(traffic.logger()));
        return server.start();
    }

    private static ScriptedClient client(InetSocketAddress address, String name) throws IOException {
        return ScriptedClient.start("127.0.0.1", String.valueOf(address.getPort()), "--username", name, "--lang", "en");
    }

    /** A raw connection that announces keepalive and then says nothing: the control that proves the timeout bites. */
    private static JsonNode silentKeepaliveClientUntilClosed(InetSocketAddress address, String name) throws IOException {
        try (WireClient silent = new WireClient(address)) {
            silent.send("{\"type\":\"SET_USERNAME\",\"username\":\"" + name + "\",\"protocol\":2,\"features\":[\"keepalive\"]}");
            silent.receive("SUCCESS");
            JsonNode error = silent.receive("ERROR");
            assertThat(silent.isClosedByServer()).as("closed after the idle timeout").isTrue();
            return error;
        }
    }

    @Test
    void pingsKeepAnIdleClientConnectedWhileASilentKeepaliveClientIsClosed() throws Exception {
        InetSocketAddress address = start(GuardConfig.unlimitedRates().withIdleTimeouts(Duration.ofSeconds(1), Duration.ZERO));
        try (ScriptedClient alice = client(address, "Alice")) {
            alice.awaitOutput("Connected to");
            // Alice types nothing from here on. Each silent peer lives at least one idle timeout, one after the other.
            assertThat(silentKeepaliveClientUntilClosed(address, "Silent1").path("code").asText()).isEqualTo("IDLE_TIMEOUT");
            assertThat(silentKeepaliveClientUntilClosed(address, "Silent2").path("code").asText()).isEqualTo("IDLE_TIMEOUT");

            assertThat(server.directory().allNames()).as("the pinging client outlived two idle timeouts").contains("Alice");
            try (WireClient bob = WireClient.obrol(address, "Bob")) {
                bob.send("{\"type\":\"MSG\",\"to_username\":\"Alice\",\"message\":\"still there?\"}");
                alice.awaitOutput("[Bob] still there?");
            }
            assertThat(alice.output()).as("PONGs are not shown").doesNotContain("PONG").doesNotContain("[raw]")
                    .doesNotContain("connection to the server was lost");
        }
    }

    @Test
    void fullServerRefusesTheLoginWithItsReasonAndTheClientDoesNotAskForAnotherName() throws Exception {
        InetSocketAddress address = start(GuardConfig.unlimitedRates().withConnectionCaps(1, 0, 0));
        try (ScriptedClient alice = client(address, "Alice")) {
            alice.awaitOutput("Connected to");
            try (ScriptedClient bob = client(address, "Bob")) {
                assertThat(bob.awaitExit()).isEqualTo(Login.EXIT_FAILED);
                assertThat(bob.errors()).as("our sentence, then the server's words with its numbers")
                        .contains("The server accepts no more connections right now").contains("(1 ");
                assertThat(bob.output()).doesNotContain("Enter your username");
            }
        }
    }

    @Test
    void messagesOverTheRateAreReportedAndTheSessionGoesOn() throws Exception {
        InetSocketAddress address = start(GuardConfig.unlimitedRates().withMessageRate(1, 10));
        try (ScriptedClient alice = client(address, "Alice")) {
            alice.awaitOutput("Connected to");
            for (int i = 0; i < 14; i++) {
                alice.type("/list");
            }
            alice.awaitOutput("! Too many messages (at most 1 per second); this one was dropped.");
            assertThat(alice.output()).doesNotContain("connection to the server was lost");
            assertThat(server.directory().allNames()).contains("Alice");
        }
    }
}
