package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.protocol.Limits;
import dev.obrol.server.guard.GuardConfig;
import dev.obrol.testing.TrafficRecorder;
import java.net.InetSocketAddress;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Oversized and never-ending frames: anonymous connections get only small frames, large frames
 * (file offers) draw on a server-wide budget that is always given back, and past a limit the
 * connection is told and closed while everyone else carries on.
 */
class FrameLimitsIT {
    private static final int SMALL = 64 * 1024;
    private static final int MAX_FRAME = 4 * 1024 * 1024;
    /** Room for exactly one large frame chunk: a second concurrent large frame finds none. */
    private static final long BUDGET = JsonFrameDecoder.GROW_CHUNK;

    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        Limits limits = new Limits(MAX_FRAME, Limits.DEFAULT_MAX_MESSAGE_CHARS, 2 * 1024 * 1024);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, limits, java.time.Duration.ofSeconds(30),
                java.util.Locale.ENGLISH, 0, GuardConfig.unlimitedRates().withFrames(SMALL, BUDGET), dev.obrol.server.guard.Access.open());
        sut = new ObrolServer(config, new TrafficLog(traffic.logger()));
        address = sut.start();
    }

    @AfterEach
    void stop() {
        sut.close();
    }

    @Test
    void anonymousConnectionCannotSendMoreThanTheSmallFrameLimit() throws Exception {
        try (HostilePeer stranger = new HostilePeer(address)) {
            // A handshake that never closes: without the login rule it could grow to the full frame limit.
            stranger.send("{\"type\":\"SET_USERNAME\",\"username\":\"" + "a".repeat(SMALL + 10));
            assertThat(stranger.nextErrorCode()).isEqualTo("FRAME_TOO_LONG");
            assertThat(stranger.isClosedByServer()).isTrue();
        }
    }

    @Test
    void neverEndingFrameIsClosedAtTheLimitAndItsBudgetIsGivenBack() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice"); HostilePeer bob = HostilePeer.v1(address, "Bob")) {
            alice.send("{\"type\":\"FILE\",\"to_username\":\"Bob\",\"filename\":\"x\",\"filedata\":\"");
            byte[] chunk = "A".repeat(SMALL).getBytes();
            // Sends until the server gives up; the budget allows one chunk past SMALL, so well before MAX_FRAME.
            int sent = 0;
            try {
                while (sent < MAX_FRAME * 2) {
                    alice.sendBytes(chunk);
                    sent += chunk.length;
                }
            } catch (java.io.IOException closed) {
                // the server closed the connection: expected
            }
            assertThat(alice.nextErrorCode()).isIn("SERVER_BUSY", "FRAME_TOO_LONG");
            assertThat(alice.isClosedByServer()).isTrue();
            await().untilAsserted(() -> assertThat(sut.guards().frameBudget().available())
                    .as("a closed connection gives its large-frame budget back").isEqualTo(BUDGET));

            bob.send("{\"type\":\"LIST\"}");
            assertThat(bob.expect("CLIENT_LIST").path("clients").toString()).as("Bob is unaffected").doesNotContain("Alice");
        }
    }

    @Test
    void oversizedCompleteFrameWithBraceAndNewlineIsRefusedAndClosed() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice")) {
            String huge = "{\"type\":\"MSG\",\"to_username\":\"Alice\",\"message\":\"" + "x".repeat(MAX_FRAME) + "\"}\n";
            try {
                alice.send(huge);
            } catch (java.io.IOException closed) {
                // the server may close before everything is written
            }
            assertThat(alice.nextErrorCode()).isIn("FRAME_TOO_LONG", "SERVER_BUSY");
            assertThat(alice.isClosedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(sut.guards().frameBudget().available()).isEqualTo(BUDGET));
    }

    @Test
    void fileOfferLargerThanTheSmallLimitPassesWithinTheBudget() throws Exception {
        try (HostilePeer alice = HostilePeer.obrol(address, "Alice"); HostilePeer bob = HostilePeer.obrol(address, "Bob")) {
            byte[] file = new byte[600 * 1024];
            new java.util.Random(7).nextBytes(file);
            String data = Base64.getEncoder().encodeToString(file); // 800 KiB: over SMALL, within one budget chunk
            alice.send("{\"type\":\"FILE\",\"to_username\":\"Bob\",\"filename\":\"big.bin\",\"filedata\":\"" + data + "\"}");
            JsonNode offer = bob.expect("FILE_OFFER");
            assertThat(offer.path("filedata").asText()).isEqualTo(data);
            alice.expect("INFO");
            await().untilAsserted(() -> assertThat(sut.guards().frameBudget().available()).isEqualTo(BUDGET));
        }
    }

    @Test
    void secondLargeFrameWhileTheBudgetIsTakenGetsServerBusy() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice");
                HostilePeer bob = HostilePeer.v1(address, "Bob");
                HostilePeer carol = HostilePeer.v1(address, "Carol")) {
            // Alice holds the whole budget with a large frame she never finishes.
            alice.send("{\"type\":\"FILE\",\"to_username\":\"Bob\",\"filename\":\"a\",\"filedata\":\"" + "A".repeat(SMALL + 100));
            await().until(() -> sut.guards().frameBudget().available() == 0);
            carol.send("{\"type\":\"FILE\",\"to_username\":\"Bob\",\"filename\":\"c\",\"filedata\":\"" + "A".repeat(SMALL + 100) + "\"}");
            assertThat(carol.nextErrorCode()).isEqualTo("SERVER_BUSY");
            assertThat(carol.isClosedByServer()).isTrue();
            await().untilAsserted(() -> assertThat(traffic.lines())
                    .anyMatch(l -> l.startsWith("Carol -> DISCONNECT") && l.contains("no room for a large frame")));
            alice.close();
            await().until(() -> sut.guards().frameBudget().available() == BUDGET);
        }
    }
}
