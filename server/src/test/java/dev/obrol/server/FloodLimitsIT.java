package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.server.guard.GuardConfig;
import dev.obrol.testing.TrafficRecorder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Rate limits and connection caps: clear errors for the offender, service for everyone else. */
class FloodLimitsIT {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;

    private InetSocketAddress start(GuardConfig guards) throws Exception {
        sut = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withGuards(guards), new TrafficLog(traffic.logger()));
        return sut.start();
    }

    @AfterEach
    void stop() {
        if (sut != null) {
            sut.close();
        }
    }

    @Test
    void requestsOverTheRateGetRateLimitedAndAFloodIsDisconnected() throws Exception {
        InetSocketAddress address = start(GuardConfig.unlimitedRates().withMessageRate(2, 5));
        try (HostilePeer flooder = HostilePeer.v1(address, "Flooder"); HostilePeer bob = HostilePeer.v1(address, "Bob")) {
            flooder.send("{\"type\":\"LIST\"}".repeat(100)); // one write: all arrive at once
            List<String> replies = new ArrayList<>();
            try {
                while (true) {
                    JsonNode reply = flooder.receive();
                    replies.add(reply.path("type").asText() + ":" + reply.path("code").asText(""));
                }
            } catch (java.io.IOException closed) {
                // the server closed the flood
            }
            assertThat(replies).as("the burst passes").filteredOn(r -> r.startsWith("CLIENT_LIST")).hasSizeBetween(4, 6);
            assertThat(replies).as("then each extra request is refused, clearly").contains("ERROR:RATE_LIMITED");
            assertThat(replies.size()).as("a flood ends the connection long before 100 replies").isLessThan(20);
            await().untilAsserted(() -> assertThat(traffic.lines())
                    .anyMatch(l -> l.startsWith("Flooder -> DISCONNECT") && l.contains("flooding")));
            bob.send("{\"type\":\"LIST\"}");
            bob.expect("CLIENT_LIST");
        }
    }

    @Test
    void connectionsPerAddressAreCappedAndFreedOnClose() throws Exception {
        InetSocketAddress address = start(GuardConfig.unlimitedRates().withConnectionCaps(0, 2, 0));
        try (HostilePeer one = HostilePeer.v1(address, "One"); HostilePeer two = new HostilePeer(address)) {
            await().until(() -> sut.guards().connections().openConnections() == 2); // admitted in this order
            try (HostilePeer three = new HostilePeer(address)) {
                assertThat(three.nextErrorCode()).isEqualTo("TOO_MANY_CONNECTIONS");
                assertThat(three.isClosedByServer()).isTrue();
            }
            two.close();
            await().until(() -> sut.guards().connections().openConnections() == 1);
            try (HostilePeer again = HostilePeer.v1(address, "Again")) {
                again.send("{\"type\":\"LIST\"}");
                again.expect("CLIENT_LIST");
            }
        }
        assertThat(traffic.lines()).anyMatch(l -> l.contains("CONNECT") && l.contains("Too many connections from your address")
                || l.contains("CONNECT") && l.contains("Terlalu banyak koneksi dari alamat"));
    }

    @Test
    void connectionsServerWideAreCapped() throws Exception {
        InetSocketAddress address = start(GuardConfig.unlimitedRates().withConnectionCaps(1, 0, 0));
        try (HostilePeer one = HostilePeer.v1(address, "One"); HostilePeer two = new HostilePeer(address)) {
            assertThat(two.nextErrorCode()).isEqualTo("TOO_MANY_CONNECTIONS");
            assertThat(two.isClosedByServer()).isTrue();
            one.send("{\"type\":\"LIST\"}");
            one.expect("CLIENT_LIST");
        }
    }

    @Test
    void newConnectionsPerSecondFromOneAddressAreLimited() throws Exception {
        InetSocketAddress address = start(GuardConfig.unlimitedRates().withConnectionCaps(0, 0, 1)); // burst 2
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            try (HostilePeer peer = new HostilePeer(address)) {
                // Refused peers are told at once, before anything they send is read; admitted ones hear only the PONG.
                JsonNode first = peer.nextBeforePong();
                codes.add("PONG".equals(first.path("type").asText()) ? "admitted" : first.path("code").asText());
            }
        }
        assertThat(codes).as("a burst of two, then refused").startsWith("admitted", "admitted").contains("TOO_MANY_CONNECTIONS");
    }

    @ParameterizedTest
    @CsvSource({"--message-rate,-1", "--max-connections,-5", "--idle-timeout,-1", "--login-timeout,0",
            "--message-burst,0"})
    void invalidLimitsOnTheCommandLineFailFast(String option, String value) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ServerCommand());
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("127.0.0.1", "0", option, value);
        assertThat(exit).as("picocli's usage error code").isEqualTo(2);
        assertThat(err.toString()).isNotBlank().doesNotContain("Exception");
    }
}
