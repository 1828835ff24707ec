package dev.obrol.server;

import dev.obrol.testing.RunningServer;
import dev.obrol.testing.TrafficRecorder;
import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.protocol.Limits;
import dev.obrol.server.guard.GuardConfig;
import dev.obrol.testing.WireClient;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whose language each text is in: the traffic log is the operator's (the console's language,
 * English here), what a user reads is theirs (v1: Indonesian), and no parser's text reaches a peer.
 */
class TrafficLanguageIT {
    private static final ServerTexts ENGLISH = ServerTexts.forLanguage("en");
    private static final ServerTexts INDONESIAN = ServerTexts.forLanguage("id");

    @RegisterExtension
    final RunningServer running = new RunningServer();

    private static String handshake(String name, String lang) {
        return "{\"type\":\"SET_USERNAME\",\"username\":" + WireClient.quote(name)
                + ",\"protocol\":2,\"client\":\"test\",\"lang\":\"" + lang + "\",\"features\":[\"stream_files\"]}\n";
    }

    @Test
    void anEnglishConsoleLoggedRefusedLoginsInTheUsersLanguage() throws Exception {
        String badChars = ENGLISH.format("username.bad_chars");
        try (WireClient v1 = new WireClient(running.address());
                WireClient indonesian = new WireClient(running.address());
                WireClient english = new WireClient(running.address())) {
            v1.send("{\"type\":\"SET_USERNAME\",\"username\":\"two words\"}");
            assertThat(v1.receive().path("message").asText()).as("a v1 user reads Indonesian")
                    .isEqualTo(INDONESIAN.format("username.invalid", INDONESIAN.format("username.bad_chars")));
            indonesian.send(handshake("dua kata", "id"));
            assertThat(indonesian.receive().path("message").asText()).as("an obrol client that asked for Indonesian")
                    .isEqualTo(INDONESIAN.format("username.invalid", INDONESIAN.format("username.bad_chars")));
            english.send(handshake("two more", "en"));
            assertThat(english.receive().path("message").asText()).as("an obrol client that asked for English")
                    .isEqualTo(ENGLISH.format("username.invalid", badChars));
        }
        await().untilAsserted(() -> assertThat(running.traffic().lines()).filteredOn(l -> l.contains("LOGIN_REFUSED")).hasSize(3));
        assertThat(running.traffic().lines()).filteredOn(l -> l.contains("LOGIN_REFUSED"))
                .as("the operator reads every refusal in the console's language")
                .allSatisfy(line -> assertThat(line).endsWith(": " + badChars))
                .noneSatisfy(line -> assertThat(line).contains(INDONESIAN.format("username.bad_chars")));
    }

    @Test
    void anIndonesianConsoleLogsRefusalsInIndonesianWhateverTheUserReads() throws Exception {
        TrafficRecorder indonesianTraffic = new TrafficRecorder();
        ObrolServer indonesianConsole = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0)
                .withOperatorLocale(Locale.forLanguageTag("id")), new TrafficLog(indonesianTraffic.logger()));
        try (WireClient english = new WireClient(indonesianConsole.start())) {
            english.send(handshake("two words", "en"));
            assertThat(english.receive().path("message").asText()).as("the user reads their own language")
                    .isEqualTo(ENGLISH.format("username.invalid", ENGLISH.format("username.bad_chars")));
            await().untilAsserted(() -> assertThat(indonesianTraffic.lines()).anySatisfy(line -> assertThat(line)
                    .contains("LOGIN_REFUSED").endsWith(": " + INDONESIAN.format("username.bad_chars"))));
        } finally {
            indonesianConsole.close();
        }
    }

    @Test
    void theGuardsLoggedTheirRefusalsInTheUsersLanguage() throws Exception {
        TrafficRecorder guardedTraffic = new TrafficRecorder();
        GuardConfig guards = GuardConfig.unlimitedRates().withConnectionCaps(1, 0, 0).withMessageRate(1, 2);
        ObrolServer guarded = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withGuards(guards),
                new TrafficLog(guardedTraffic.logger()));
        InetSocketAddress guardedAddress = guarded.start();
        try (WireClient alice = WireClient.v1(guardedAddress, "Alice");
                WireClient second = new WireClient(guardedAddress)) {
            assertThat(second.receive().path("message").asText()).as("refused before any handshake: v1's language")
                    .isEqualTo(INDONESIAN.format("connections.too_many", 1));
            // One write: the login took a token, so at least one of these is over the burst (too few to be a flood).
            alice.send(object("LIST").toString().repeat(3));
            assertThat(alice.receive("ERROR").path("message").asText()).isEqualTo(INDONESIAN.format("rate.limited", 1));
            await().untilAsserted(() -> assertThat(guardedTraffic.lines())
                    .anySatisfy(line -> assertThat(line).endsWith("-> ERROR: CONNECT: " + ENGLISH.format("connections.too_many", 1)))
                    .contains("Alice -> ERROR: LIST: " + ENGLISH.format("rate.limited", 1)));
        } finally {
            guarded.close();
        }
    }

    @Test
    void aFileForAV1UserWasLoggedAsAnErrorInTheSendersLanguage() throws Exception {
        try (WireClient alice = new WireClient(running.address());
                WireClient old = WireClient.v1(running.address(), "Old")) {
            alice.send(handshake("Alice", "id"));
            assertThat(alice.receive().path("type").asText()).isEqualTo("SUCCESS");

            alice.send(object("FILE_STREAM").put("transfer_id", "t1").put("to_username", "Old")
                    .put("filename", "notes.txt").put("size", 11L));
            JsonNode fallback = alice.receive("FILE_STREAM_CANCEL");
            assertThat(fallback.path("reason").asText()).isEqualTo("unsupported");
            assertThat(fallback.path("message").asText()).as("the sender reads their own language")
                    .isEqualTo(INDONESIAN.format("stream.unsupported", "Old"));
            String small = Base64.getEncoder().encodeToString("hello file\n".getBytes());
            alice.send(object("FILE").put("to_username", "Old").put("filename", "notes.txt").put("filedata", small));
            assertThat(old.receive("FILE_OFFER").path("filename").asText()).as("the whole-file fallback arrives")
                    .isEqualTo("notes.txt");

            String big = Base64.getEncoder().encodeToString(new byte[Limits.V1_MAX_FRAME_BYTES]);
            alice.send(object("FILE").put("to_username", "Old").put("filename", "big.bin").put("filedata", big));
            assertThat(alice.receive("ERROR").path("message").asText()).as("a refusal in the sender's language")
                    .isEqualTo(INDONESIAN.format("v1.file_too_big", "Old", "big.bin"));
        }
        await().untilAsserted(() -> assertThat(running.traffic().lines()).contains(
                "Alice -> ERROR: FILE: " + ENGLISH.format("v1.file_too_big", "Old", "big.bin")));
        // Alice's requests are logged in order on her event loop: the fallback's line came before these.
        assertThat(running.traffic().lines()).contains(
                "Alice -> FILE_FALLBACK: Old: notes.txt (11 bytes, transfer t1): Old's client cannot receive streamed files;"
                        + " the sender's client may offer it whole",
                "Alice -> FILE: Old: notes.txt (11 bytes)");
        assertThat(running.traffic().lines()).as("a normal fallback is not an error").noneMatch(l -> l.contains("ERROR: FILE_STREAM"));
        assertThat(running.traffic().lines()).as("no Indonesian on an English console")
                .noneMatch(l -> l.contains(INDONESIAN.format("stream.unsupported", "Old")))
                .noneMatch(l -> l.contains(INDONESIAN.format("v1.file_too_big", "Old", "big.bin")));
    }

    @Test
    void aChunkForSomeoneElsesTransferWasRefusedInEnglishToEveryone() throws Exception {
        try (WireClient mallory = new WireClient(running.address())) {
            mallory.send(handshake("Mallory", "id"));
            assertThat(mallory.receive().path("type").asText()).isEqualTo("SUCCESS");

            mallory.send("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"nothere\",\"offset\":0,\"data\":\"AAAA\"}\n");
            JsonNode refused = mallory.receive("ERROR");
            assertThat(refused.path("code").asText()).isEqualTo("NO_SUCH_TRANSFER");
            assertThat(refused.path("message").asText()).isEqualTo(INDONESIAN.format("stream.chunk_not_yours"));
        }
        await().untilAsserted(() -> assertThat(running.traffic().lines()).contains("Mallory -> ERROR: ?: "
                + ENGLISH.format("stream.chunk_not_yours") + " (FILE_CHUNK for transfer nothere, which you are not sending.)"));
    }

    @Test
    void aParsersEnglishReachedV1Users() throws Exception {
        try (WireClient v1 = WireClient.v1(running.address(), "Alice");
                WireClient english = WireClient.obrol(running.address(), "Bob")) {
            v1.send("{\"type\":\"MSG\",\"type\":\"LIST\"}"); // a duplicate key: Jackson's own words before
            JsonNode duplicate = v1.receive("ERROR");
            assertThat(duplicate.path("code").asText()).isEqualTo("MALFORMED");
            assertThat(duplicate.path("message").asText()).isEqualTo(INDONESIAN.format("request.malformed"));
            v1.send("{\"type\":\"NOPE\"}");
            JsonNode unknown = v1.receive("ERROR");
            assertThat(unknown.path("code").asText()).isEqualTo("UNKNOWN_TYPE");
            assertThat(unknown.path("message").asText()).isEqualTo(INDONESIAN.format("request.unknown_type"));
            v1.send("{\"type\":\"MSG\",\"to_username\":5,\"message\":\"x\"}");
            JsonNode wrongType = v1.receive("ERROR");
            assertThat(wrongType.path("code").asText()).isEqualTo("BAD_FIELD");
            assertThat(wrongType.path("message").asText()).isEqualTo(INDONESIAN.format("request.bad_field"));

            english.send("{\"type\":\"MSG\",\"type\":\"LIST\"}");
            assertThat(english.receive("ERROR").path("message").asText()).as("an obrol client reads its own language")
                    .isEqualTo(ENGLISH.format("request.malformed"));
        }
        await().untilAsserted(() -> assertThat(running.traffic().lines()).filteredOn(l -> l.contains(" -> ERROR: ?: ")).hasSize(4));
        assertThat(running.traffic().lines()).as("the operator reads the console's language and the parser's detail")
                .contains("Alice -> ERROR: ?: " + ENGLISH.format("request.malformed") + " (Not a valid JSON object: Duplicate field 'type')")
                .contains("Alice -> ERROR: ?: " + ENGLISH.format("request.unknown_type") + " (Unknown message type 'NOPE'.)");
    }
}
