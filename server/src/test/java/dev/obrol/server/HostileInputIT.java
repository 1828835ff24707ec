package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.server.guard.GuardConfig;
import dev.obrol.testing.TrafficRecorder;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken and hostile input over real sockets: each gets a typed ERROR or a logged disconnect, the
 * connection that can go on does, and the server keeps serving everyone else.
 */
class HostileInputIT {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0)
                .withLoginTimeout(Duration.ofMillis(500))
                .withGuards(GuardConfig.unlimitedRates());
        sut = new ObrolServer(config, new TrafficLog(traffic.logger()));
        address = sut.start();
    }

    @AfterEach
    void stop() {
        sut.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "[1, [2, \"x\"]]", "\"x\"", "5", "-1.5e3", "true", "null"})
    void jsonValueThatIsNotAnObjectGetsMalformedAndTheConnectionStays(String value) throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice")) {
            alice.send(value + "\n");
            JsonNode error = alice.expect("ERROR");
            assertThat(error.path("code").asText()).as("a non-object JSON value is a broken client").isEqualTo("MALFORMED");
            assertThat(error.path("message").asText()).contains("JSON");
            assertConnectionStillServes(alice);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello everyone 5 [x]",
        "{'type':'LIST'}", // Python's repr: not JSON, so text, as v1 reads it
    })
    void plainTextFromAV1UserIsOnlyLoggedAsV1Does(String text) throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice")) {
            alice.send(text);
            assertConnectionStillServes(alice);
            assertThat(traffic.lines()).anyMatch(l -> l.equals("Alice -> RAW: " + text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"MSG\" \"to_username\":\"Bob\"}", // missing comma
        "{\"type\":\"MSG\",\"to_username\":}", // missing value
        "{\"type\":\"LIST\",}", // trailing comma
        "{\"type\":\"LIST\"\u0000}", // NUL byte inside the object
    })
    void malformedObjectGetsMalformedAndTheConnectionStays(String frame) throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice")) {
            alice.send(frame);
            assertThat(alice.nextErrorCode()).isEqualTo("MALFORMED");
            assertConnectionStillServes(alice);
        }
    }

    @Test
    void invalidUtf8InsideAnObjectGetsMalformed() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice")) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes("{\"type\":\"MSG\",\"to_username\":\"Alice\",\"message\":\"".getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}); // broken sequence, then a byte never valid
            frame.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
            alice.sendBytes(frame.toByteArray());
            assertThat(alice.nextErrorCode()).isEqualTo("MALFORMED");
            assertConnectionStillServes(alice);
        }
    }

    @Test
    void invalidUtf8AndControlBytesAsRawTextAreLoggedEscaped() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice")) {
            alice.sendBytes(new byte[] {'a', (byte) 0xFF, 0, 0x1B, '[', '3', '1', 'm', 'b', '\r', 'c', '\n'});
            assertConnectionStillServes(alice);
            String line = traffic.lines().stream().filter(l -> l.startsWith("Alice -> RAW")).findFirst().orElseThrow();
            assertThat(line).as("no raw control character may reach the log").doesNotContainPattern("[\\x00-\\x1f\\x7f]");
            assertThat(line).contains("\\u001b[31m").contains("\\u0000").contains("\\r");
        }
    }

    @Test
    void byteOrderMarkBeforeTheHandshakeIsAccepted() throws Exception {
        try (HostilePeer peer = new HostilePeer(address)) {
            peer.sendBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            peer.send("{\"type\":\"SET_USERNAME\",\"username\":\"Bommy\"}");
            peer.expect("SUCCESS");
        }
    }

    @Test
    void trailingGarbageAfterAnObjectIsRawTextAndTheObjectStillCounts() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice")) {
            alice.send("{\"type\":\"LIST\"}garbage}}]]\n");
            alice.expect("CLIENT_LIST");
            assertConnectionStillServes(alice);
        }
    }

    static Stream<String> nestedPastTheLimit() {
        return Stream.of(
                "{\"type\":\"LIST\",\"x\":" + "[".repeat(20), // never closed
                "{\"a\":" + "{\"a\":".repeat(20), // never closed
                "{\"type\":\"LIST\",\"x\":" + "[".repeat(500) + "]".repeat(500) + "}");
    }

    @ParameterizedTest
    @MethodSource("nestedPastTheLimit")
    void nestingPastTheLimitIsRefusedAsSoonAsItArrivesAndTheConnectionClosed(String frame) throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice"); HostilePeer bob = HostilePeer.v1(address, "Bob")) {
            alice.send(frame);
            JsonNode error = alice.expect("ERROR");
            assertThat(error.path("code").asText()).isEqualTo("MALFORMED");
            assertThat(error.path("message").asText()).as("in a v1 user's language, no parser text")
                    .isEqualTo("Pesan bersarang lebih dari 16 tingkat. Koneksi ditutup.");
            assertThat(alice.isClosedByServer()).as("a framing violation: where the object ends is unknown").isTrue();
            assertConnectionStillServes(bob);
        }
    }

    @Test
    void hugeNumbersAndHugeNamesGetAnError() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice")) {
            alice.send("{\"type\":\"LIST\",\"x\":" + "9".repeat(5000) + "}");
            assertThat(alice.nextErrorCode()).as("huge number").isEqualTo("MALFORMED");
            alice.send("{\"type\":\"LIST\",\"" + "k".repeat(5000) + "\":1}");
            assertThat(alice.nextErrorCode()).as("huge field name").isEqualTo("MALFORMED");
            assertConnectionStillServes(alice);
        }
    }

    @Test
    void duplicateKeysAndWrongFieldTypesAreRefusedNotCoerced() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice"); HostilePeer bob = HostilePeer.v1(address, "Bob")) {
            alice.send("{\"type\":\"MSG\",\"to_username\":\"Bob\",\"to_username\":\"Alice\",\"message\":\"hi\"}");
            assertThat(alice.nextErrorCode()).as("duplicate key").isIn("MALFORMED", "BAD_FIELD");
            alice.send("{\"type\":\"MSG\",\"to_username\":5,\"message\":\"hi\"}");
            assertThat(alice.nextErrorCode()).as("number for a name").isEqualTo("BAD_FIELD");
            alice.send("{\"type\":\"MSG\",\"to_username\":\"Bob\",\"message\":[\"hi\"]}");
            assertThat(alice.nextErrorCode()).as("array for text").isEqualTo("BAD_FIELD");
            alice.send("{\"type\":\"FILE_RESPONSE\",\"from_username\":\"Bob\",\"accepted\":\"yes\"}");
            assertThat(alice.nextErrorCode()).as("string for a boolean").isEqualTo("BAD_FIELD");
            alice.send("{\"type\":\"FILE_RESPONSE\",\"from_username\":\"Bob\",\"accepted\":1}");
            assertThat(alice.nextErrorCode()).as("number for a boolean").isEqualTo("BAD_FIELD");
            alice.awaitHandled();
            bob.assertNothingPending("nothing half-parsed reaches Bob");
        }
    }

    @Test
    void secondSetUsernameIsRefusedAndTheNameStays() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice")) {
            alice.send("{\"type\":\"SET_USERNAME\",\"username\":\"Mallory\"}");
            assertThat(alice.nextErrorCode()).isEqualTo("ALREADY_LOGGED_IN");
            assertThat(sut.directory().allNames()).containsExactly("Alice");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"MSG\",\"to_username\":\"x\",\"message\":\"y\"}", "[1]", "just text", "{\"nope\":1}"})
    void anythingBeforeTheUsernameIsRefusedAndTheConnectionClosed(String first) throws Exception {
        try (HostilePeer peer = new HostilePeer(address)) {
            peer.send(first);
            assertThat(peer.nextErrorCode()).isEqualTo("NOT_LOGGED_IN");
            assertThat(peer.isClosedByServer()).isTrue();
        }
    }

    @Test
    void connectionThatNeverLogsInIsClosedAtTheDeadline() throws Exception {
        try (HostilePeer silent = new HostilePeer(address)) {
            assertThat(silent.nextErrorCode()).isEqualTo("NOT_LOGGED_IN");
            assertThat(silent.isClosedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(traffic.lines()).anyMatch(l -> l.contains("DISCONNECT") && l.contains("login timeout")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\\u001b[2J", "bidi\\u202egnp.exe", "zero\\u200fwidth", "tab\\tname", "nul\\u0000"})
    void usernamesWithControlOrBidiCharactersAreRefused(String jsonEscapedName) throws Exception {
        try (HostilePeer peer = new HostilePeer(address)) {
            peer.send("{\"type\":\"SET_USERNAME\",\"username\":\"" + jsonEscapedName + "\"}");
            assertThat(peer.nextErrorCode()).isEqualTo("INVALID_USERNAME");
            assertThat(peer.isClosedByServer()).isTrue();
        }
    }

    @Test
    void terminalEscapesAndFakeLogLinesInMessagesAreEscapedInTheTrafficLog() throws Exception {
        try (HostilePeer alice = HostilePeer.v1(address, "Alice"); HostilePeer bob = HostilePeer.v1(address, "Bob")) {
            alice.send("{\"type\":\"MSG\",\"to_username\":\"Bob\",\"message\":\"hi\\u001b[31m\\n[2026-01-01] [TRAFFIC] Eve -> LOGIN\\u202e\"}");
            JsonNode message = bob.expect("PEER_MSG");
            assertThat(message.path("message").asText()).as("the text itself is relayed unchanged").contains("\u001b[31m\n");
            await().untilAsserted(() -> assertThat(traffic.lines()).anyMatch(l -> l.startsWith("Alice -> MSG")));
            String line = traffic.lines().stream().filter(l -> l.startsWith("Alice -> MSG")).findFirst().orElseThrow();
            assertThat(line).doesNotContain("\n").doesNotContain("\u001b").doesNotContain("\u202e")
                    .contains("\\u001b[31m\\n[2026-01-01]");
        }
    }

    private void assertConnectionStillServes(HostilePeer peer) throws Exception {
        peer.send("{\"type\":\"LIST\"}");
        JsonNode reply = peer.receive(); // the LIST answer must come next: nothing was left half-read
        assertThat(reply.path("type").asText()).as("the connection must keep working").isEqualTo("CLIENT_LIST");
    }
}
