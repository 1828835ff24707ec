package dev.obrol.server;

import dev.obrol.testing.RunningServer;
import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.testing.NameRace;
import dev.obrol.testing.WireClient;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real server on a free port, driven by raw-socket clients that behave like v1 and obrol. */
class ServerIT {
    @RegisterExtension
    final RunningServer running = new RunningServer();

    @Test
    void v1AliceAndBobChatListAndSendAFile() throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice");
                WireClient bob = WireClient.v1(running.address(), "Bob")) {
            alice.send(object("LIST"));
            JsonNode list = alice.receive();
            assertThat(list.path("type").asText()).isEqualTo("CLIENT_LIST");
            assertThat(list.path("clients").toString()).as("v1 leaves the requester out")
                    .isEqualTo("[{\"username\":\"Bob\"}]");

            alice.send(object("MSG").put("to_username", "Bob").put("message", "Hello Bob, how are you?"));
            assertThat(bob.receive().toString())
                    .isEqualTo("{\"type\":\"PEER_MSG\",\"from_username\":\"Alice\",\"message\":\"Hello Bob, how are you?\"}");

            bob.send(object("MSG").put("to_username", "Alice").put("message", "Hi Alice! I'm good, thanks!"));
            assertThat(alice.receive().path("message").asText()).isEqualTo("Hi Alice! I'm good, thanks!");

            String data = Base64.getEncoder().encodeToString("hello file\n".getBytes());
            alice.send(object("FILE").put("to_username", "Bob").put("filename", "test_file.txt").put("filedata", data));
            JsonNode info = alice.receive();
            assertThat(info.path("type").asText()).isEqualTo("INFO");
            assertThat(info.path("message").asText()).contains("test_file.txt").contains("Bob");
            JsonNode offer = bob.receive();
            assertThat(offer.path("type").asText()).isEqualTo("FILE_OFFER");
            assertThat(offer.path("from_username").asText()).isEqualTo("Alice");
            assertThat(offer.path("filename").asText()).isEqualTo("test_file.txt");
            assertThat(offer.path("filedata").asText()).isEqualTo(data);
            assertThat(offer.path("size").asLong()).isEqualTo(11);
            assertThat(offer.path("message").asText()).contains("/acceptfile Alice");

            bob.send(object("FILE_RESPONSE").put("from_username", "Alice").put("accepted", true).put("filename", "test_file.txt"));
            JsonNode accepted = alice.receive();
            assertThat(accepted.path("type").asText()).isEqualTo("FILE_ACCEPTED");
            assertThat(accepted.path("from_username").asText()).as("the responder").isEqualTo("Bob");
        }
        await().untilAsserted(() -> assertThat(running.traffic().lines()).contains(
                "Alice -> MSG: Bob: Hello Bob, how are you?",
                "Bob -> MSG: Alice: Hi Alice! I'm good, thanks!",
                "Alice -> FILE: Bob: test_file.txt (11 bytes)",
                "Bob -> FILE_ACCEPTED: Alice: test_file.txt",
                "Alice -> LIST: 2 online"));
        assertThat(running.traffic().lines()).anyMatch(l -> l.startsWith("Alice -> LOGIN: from 127.0.0.1:"));
        await().untilAsserted(() -> assertThat(running.traffic().lines()).anyMatch(l -> l.startsWith("Bob -> DISCONNECT: 127.0.0.1:")));
        assertThat(running.traffic().lines()).as("the file's bytes are never logged").noneMatch(l -> l.contains(
                Base64.getEncoder().encodeToString("hello file\n".getBytes())));
    }

    @Test
    void messageToAnOfflineUserGetsAnErrorAndTheServerKeepsServing() throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice")) {
            alice.send(object("MSG").put("to_username", "Nobody").put("message", "hello?"));
            JsonNode error = alice.receive();
            assertThat(error.path("type").asText()).isEqualTo("ERROR");
            assertThat(error.path("code").asText()).isEqualTo("NO_SUCH_USER");
            assertThat(error.path("message").asText()).contains("Nobody");

            // v1 deadlocked here; obrol keeps accepting logins and relaying.
            try (WireClient bob = WireClient.v1(running.address(), "Bob")) {
                alice.send(object("MSG").put("to_username", "bob").put("message", "still here"));
                assertThat(bob.receive().path("message").asText()).isEqualTo("still here");
            }
        }
    }

    @Test
    void duplicateNameIgnoringCaseIsRefusedAndTheConnectionClosed() throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice");
                WireClient impostor = new WireClient(running.address())) {
            impostor.send("{\"type\":\"SET_USERNAME\",\"username\":\"aLiCe\"}");
            JsonNode answer = impostor.receive();
            assertThat(answer.path("type").asText()).isEqualTo("ERROR");
            assertThat(answer.path("message").asText()).isEqualTo("Username \"aLiCe\" sudah digunakan. Koneksi ditutup.");
            assertThat(impostor.isClosedByServer()).isTrue();
        }
    }

    @Test
    void invalidNamesAreRefusedWithTheReason() throws Exception {
        for (String name : List.of("", "   ", "two words", "x".repeat(33), "esc\u001b[2J")) {
            try (WireClient c = new WireClient(running.address())) {
                c.send("{\"type\":\"SET_USERNAME\",\"username\":" + WireClient.quote(name) + ",\"protocol\":2,\"lang\":\"en\"}");
                JsonNode answer = c.receive();
                assertThat(answer.path("code").asText()).as("name '%s'", name).isEqualTo("INVALID_USERNAME");
                assertThat(answer.path("message").asText()).startsWith("Username");
                assertThat(c.isClosedByServer()).isTrue();
            }
        }
        assertThat(running.sut().directory().size()).isZero();
    }

    @Test
    void firstMessageOtherThanSetUsernameClosesTheConnection() throws Exception {
        try (WireClient c = new WireClient(running.address())) {
            c.send(object("LIST"));
            assertThat(c.receive().path("code").asText()).isEqualTo("NOT_LOGGED_IN");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void coalescedSplitAndRawTextInputIsHandledWithoutLosingMessages() throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice");
                WireClient bob = WireClient.v1(running.address(), "Bob")) {
            alice.send("{\"type\":\"MSG\",\"to_username\":\"Bob\",\"message\":\"one\"}"
                    + "{\"type\":\"MSG\",\"to_username\":\"Bob\",\"message\":\"two\"}");
            alice.send("some raw text typed by a v1 user");
            alice.send("{\"type\":\"MSG\",\"to_us");
            alice.send("ername\":\"Bob\",\"message\":\"three\"}");
            assertThat(List.of(bob.receive(), bob.receive(), bob.receive()))
                    .extracting(n -> n.path("message").asText())
                    .containsExactly("one", "two", "three");
        }
        await().untilAsserted(() -> assertThat(running.traffic().lines()).contains("Alice -> RAW: some raw text typed by a v1 user"));
    }

    /** What a v1 client writes for "/msg Bob pesan kedua", "/msg Bob pesan ketiga" and "/list": json.dumps, no delimiter. */
    private static final String V1_MSG_KEDUA = "{\"type\": \"MSG\", \"to_username\": \"Bob\", \"message\": \"pesan kedua\"}";
    private static final String V1_MSG_KETIGA = "{\"type\": \"MSG\", \"to_username\": \"Bob\", \"message\": \"pesan ketiga\"}";
    private static final String V1_LIST = "{\"type\": \"LIST\"}";

    @ParameterizedTest
    @ValueSource(strings = {"lihat {", ":{", "lihat {dong} ya"})
    void v1TextWithABraceDoesNotSwallowTheUsersNextCommands(String line) throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice");
                WireClient bob = WireClient.v1(running.address(), "Bob")) {
            alice.send(line);
            // Logged before the commands are written: the line was read on its own, as a user types it.
            await().untilAsserted(() -> assertThat(running.traffic().lines()).contains("Alice -> RAW: " + line));
            alice.send(V1_MSG_KEDUA);
            assertThat(bob.receive().path("message").asText()).isEqualTo("pesan kedua");
            alice.send(V1_MSG_KETIGA);
            assertThat(bob.receive().path("message").asText()).isEqualTo("pesan ketiga");
            alice.send(V1_LIST);
            assertThat(alice.receive().path("type").asText())
                    .as("the answer to /list is the first thing Alice reads: nothing about her text came before it")
                    .isEqualTo("CLIENT_LIST");
        }
        assertThat(running.traffic().lines()).as("the whole line, once").filteredOn(l -> l.startsWith("Alice -> RAW"))
                .containsExactly("Alice -> RAW: " + line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lihat {", ":{", "lihat {dong} ya"})
    void v1TextWithABraceAndTheCommandsAfterItInOneReadAreAllHandled(String line) throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice");
                WireClient bob = WireClient.v1(running.address(), "Bob")) {
            alice.send(line + V1_MSG_KEDUA + V1_MSG_KETIGA + V1_LIST); // the four writes coalesced by TCP
            assertThat(List.of(bob.receive(), bob.receive())).extracting(n -> n.path("message").asText())
                    .containsExactly("pesan kedua", "pesan ketiga");
            assertThat(alice.receive().path("type").asText())
                    .as("the answer to /list is the first thing Alice reads: nothing about her text came before it")
                    .isEqualTo("CLIENT_LIST");
        }
        await().untilAsserted(() -> assertThat(running.traffic().lines()).as("the whole line, once")
                .filteredOn(l -> l.startsWith("Alice -> RAW")).containsExactly("Alice -> RAW: " + line));
    }

    @Test
    void badRequestsGetAnErrorAndTheConnectionStays() throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice")) {
            alice.send("{\"type\":\"NOPE\"}");
            assertThat(alice.receive().path("code").asText()).isEqualTo("UNKNOWN_TYPE");
            alice.send("{\"type\":\"MSG\",\"to_username\":\"Alice\"}");
            assertThat(alice.receive().path("code").asText()).isEqualTo("BAD_FIELD");
            alice.send("{\"type\":\"MSG\",\"to_username\":5,\"message\":\"x\"}");
            assertThat(alice.receive().path("code").asText()).isEqualTo("BAD_FIELD");
            alice.send("{\"type\":\"PEER_MSG\",\"from_username\":\"x\",\"message\":\"spoof\"}");
            assertThat(alice.receive().path("code").asText()).isEqualTo("UNKNOWN_TYPE");
            alice.send("{\"type\":\"SET_USERNAME\",\"username\":\"Other\"}");
            assertThat(alice.receive().path("code").asText()).isEqualTo("ALREADY_LOGGED_IN");
            alice.send("{\"type\":\"FILE\",\"to_username\":\"Alice\",\"filename\":\"x\",\"filedata\":\"not base64!\"}");
            assertThat(alice.receive().path("code").asText()).isEqualTo("BAD_FILE");
            alice.send("{\"type\":\"FILE_RESPONSE\",\"from_username\":\"Ghost\",\"accepted\":true}");
            assertThat(alice.receive().path("code").asText()).isEqualTo("NO_SUCH_OFFER");

            alice.send(object("MSG").put("to_username", "Alice").put("message", "note to self"));
            assertThat(alice.receive().path("message").asText()).as("still connected and served").isEqualTo("note to self");
        }
    }

    @Test
    void claimedSenderIsIgnoredAndTheConnectionsUserIsStamped() throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice");
                WireClient bob = WireClient.v1(running.address(), "Bob")) {
            alice.send(object("MSG").put("to_username", "Bob").put("message", "hi").put("from_username", "Mallory"));
            assertThat(bob.receive().path("from_username").asText()).isEqualTo("Alice");
        }
    }

    @Test
    void messagesUpTo64KiBArriveWholeAndLongerOnesAreRefused() throws Exception {
        try (WireClient alice = WireClient.obrol(running.address(), "Alice");
                WireClient bob = WireClient.obrol(running.address(), "Bob")) {
            String longest = "ä".repeat(64 * 1024);
            alice.send(object("MSG").put("to_username", "Bob").put("message", longest));
            assertThat(bob.receive("PEER_MSG").path("message").asText()).isEqualTo(longest);

            alice.send(object("MSG").put("to_username", "Bob").put("message", longest + "!"));
            JsonNode error = alice.receive("ERROR");
            assertThat(error.path("code").asText()).isEqualTo("TOO_LONG");
            assertThat(error.path("message").asText()).contains("65,537").contains("65,536");
        }
    }

    @Test
    void obrolClientsGetLimitsPresenceAndThemselvesInTheList() throws Exception {
        try (WireClient alice = new WireClient(running.address())) {
            alice.send("{\"type\":\"SET_USERNAME\",\"username\":\"Alice\",\"protocol\":2,\"client\":\"test\",\"lang\":\"en\"}");
            JsonNode success = alice.receive();
            assertThat(success.path("message").asText()).isEqualTo("Welcome, Alice!");
            assertThat(success.path("protocol").asInt()).isEqualTo(2);
            assertThat(success.path("limits").path("max_message_chars").asInt()).isEqualTo(65536);
            assertThat(success.path("limits").path("max_file_bytes").asLong()).isEqualTo(10L * 1024 * 1024);

            try (WireClient bob = WireClient.v1(running.address(), "Bob")) {
                assertThat(alice.receive().toString()).isEqualTo("{\"type\":\"PRESENCE\",\"username\":\"Bob\",\"status\":\"online\"}");
                alice.send(object("LIST"));
                assertThat(alice.receive().path("clients").toString())
                        .isEqualTo("[{\"username\":\"Alice\",\"you\":true},{\"username\":\"Bob\"}]");
                try (WireClient carol = WireClient.obrol(running.address(), "Carol")) {
                    assertThat(alice.receive().path("username").asText()).isEqualTo("Carol");
                    carol.awaitHandled(); // her login, and the presence notices it sends, are done
                    bob.assertNothingPending("a v1 client is sent nothing it does not know");
                }
                JsonNode left = alice.receive();
                assertThat(left.path("status").asText()).isEqualTo("offline");
                assertThat(left.path("username").asText()).isEqualTo("Carol");
            }
        }
    }

    @Test
    void severalOffersFromOneSenderAreAllKeptAndAnsweredOldestFirst() throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice");
                WireClient bob = WireClient.v1(running.address(), "Bob")) {
            for (String name : List.of("a.txt", "b.txt")) {
                alice.send(object("FILE").put("to_username", "Bob").put("filename", name).put("filedata", "eA=="));
                alice.receive("INFO");
                bob.receive("FILE_OFFER");
            }
            bob.send(object("FILE_RESPONSE").put("from_username", "Alice").put("accepted", false).put("filename", "a.txt"));
            assertThat(alice.receive().path("type").asText()).isEqualTo("FILE_REJECTED");
            bob.send(object("FILE_RESPONSE").put("from_username", "Alice").put("accepted", true).put("filename", "b.txt"));
            JsonNode accepted = alice.receive();
            assertThat(accepted.path("type").asText()).isEqualTo("FILE_ACCEPTED");
            assertThat(accepted.path("filename").asText()).isEqualTo("b.txt");
        }
    }

    @Test
    void hostileFileNameIsSanitizedBeforeItReachesTheReceiver() throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "Alice");
                WireClient bob = WireClient.v1(running.address(), "Bob")) {
            alice.send(object("FILE").put("to_username", "Bob").put("filename", "../../.ssh/authorized_keys").put("filedata", "eA=="));
            assertThat(bob.receive("FILE_OFFER").path("filename").asText())
                    .as("a v1 receiver does not sanitize, so the server does")
                    .isEqualTo("authorized_keys");
        }
    }

    @Test
    void racingForOneNameExactlyOneWins() throws Exception {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            names.add(i % 2 == 0 ? "Racer" : "rAcEr");
        }
        int wins = NameRace.winners(running.address(), names);
        assertThat(wins).as("exactly one of 16 racers gets the name").isEqualTo(1);
    }

    @Test
    void whatAV1ClientCannotReadIsRefusedToTheSenderNotSilentlyLost() throws Exception {
        try (WireClient alice = WireClient.obrol(running.address(), "Alice");
                WireClient bob = WireClient.v1(running.address(), "Bob")) {
            alice.send(object("MSG").put("to_username", "Bob").put("message", "x".repeat(5000)));
            JsonNode error = alice.receive("ERROR");
            assertThat(error.path("code").asText()).isEqualTo("TOO_LONG");
            assertThat(error.path("message").asText()).contains("Bob").contains("v1");

            String bigFile = Base64.getEncoder().encodeToString(new byte[8000]);
            alice.send(object("FILE").put("to_username", "Bob").put("filename", "big.bin").put("filedata", bigFile));
            assertThat(alice.receive("ERROR").path("code").asText()).isEqualTo("BAD_FILE");

            alice.awaitHandled();
            bob.assertNothingPending("the v1 client got nothing it would have broken on");
            alice.send(object("MSG").put("to_username", "Bob").put("message", "short is fine"));
            assertThat(bob.receive().path("message").asText()).isEqualTo("short is fine");
        }
    }

    @Test
    void closingTheServerTellsEveryClientBeforeClosingTheirConnections() throws Exception {
        try (WireClient alice = WireClient.obrol(running.address(), "Alice");
                WireClient bob = WireClient.v1(running.address(), "Bob")) {
            running.sut().close();
            assertThat(alice.receive("SERVER_MSG").path("message").asText()).isEqualTo("The server is shutting down.");
            assertThat(bob.receive().path("message").asText()).isEqualTo("Server sedang dimatikan.");
            assertThat(alice.isClosedByServer()).isTrue();
            assertThat(bob.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aLoneSurrogateIsRefusedToItsSenderAndNeverBreaksTheReceiversConnection() throws Exception {
        try (WireClient mallory = WireClient.v1(running.address(), "Mallory");
                WireClient bob = WireClient.obrol(running.address(), "Bob")) {
            mallory.send("{\"type\":\"MSG\",\"to_username\":\"Bob\",\"message\":\"boom \\ud800\"}");
            assertThat(mallory.receive().path("code").asText()).isEqualTo("BAD_FIELD");
            mallory.send(object("MSG").put("to_username", "Bob").put("message", "still fine"));
            assertThat(bob.receive("PEER_MSG").path("message").asText())
                    .as("Bob's connection survived and got the next message").isEqualTo("still fine");
        }
    }
}
