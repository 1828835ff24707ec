package dev.obrol.server;

import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's kick, stats, transfers and motd against a real server and raw-socket clients. */
class OperatorConsoleIT {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private ObrolServer server;
    private InetSocketAddress address;
    private OperatorConsole sut;

    @BeforeEach
    void start() throws Exception {
        server = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0), new TrafficLog(traffic.logger()));
        address = server.start();
        sut = new OperatorConsole(server, printed::add, ServerTexts.forLanguage("en"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String printedText() {
        return String.join("\n", printed);
    }

    @Test
    void kickTellsTheUserWhyInTheirLanguageClosesAndLogs() throws Exception {
        try (WireClient alice = WireClient.v1(address, "Alice");
                WireClient bob = WireClient.obrol(address, "Bob")) {
            sut.execute("kick alice spamming the channel");

            JsonNode told = alice.receive();
            assertThat(told.path("type").asText()).isEqualTo("ERROR");
            assertThat(told.path("code").asText()).isEqualTo("KICKED");
            assertThat(told.path("message").asText()).as("v1 clients read Indonesian")
                    .isEqualTo("Operator memutus koneksi Anda: spamming the channel");
            assertThat(alice.isClosedByServer()).isTrue();
            assertThat(bob.receive("PRESENCE").path("status").asText()).as("the others see them leave").isEqualTo("offline");
            assertThat(printed).contains("Disconnected Alice: spamming the channel");
            await().until(() -> traffic.lines().stream().anyMatch(l -> l.equals("SERVER -> KICK: Alice: spamming the channel")));

            sut.execute("kick bob");
            assertThat(bob.receive().path("message").asText()).isEqualTo("The operator disconnected you.");
            sut.execute("kick nobody");
            sut.execute("kick");
            assertThat(printed).contains("Disconnected Bob.", "User \"nobody\" is not online.", "Usage: kick <user> [reason]");
        }
    }

    @Test
    void statsCountMessagesBytesAndTransfers() throws Exception {
        try (WireClient alice = WireClient.obrol(address, "Alice");
                WireClient bob = WireClient.obrol(address, "Bob")) {
            alice.send(object("MSG").put("to_username", "Bob").put("message", "héllo")); // 6 bytes in UTF-8
            bob.receive("PEER_MSG");
            sut.execute("broadcast hi"); // 2 recipients, 2 bytes each
            bob.receive("BROADCAST");
            String data = Base64.getEncoder().encodeToString(new byte[100]);
            alice.send(object("FILE").put("to_username", "Bob").put("filename", "zeros.bin").put("filedata", data));
            bob.receive("FILE_OFFER");

            sut.execute("transfers");
            assertThat(printed).contains("File transfers (1):", "  Alice \u2192 Bob: \"zeros.bin\" (100 bytes), waiting for an answer");

            sut.execute("stats");
            assertThat(printedText()).containsPattern("Uptime: 0d \\d\\d:\\d\\d:\\d\\d")
                    .contains("Users online: 2", "Messages relayed: 3 (10 bytes)", "File data relayed: 100 bytes", "Transfers: 1 active, 0 done, 1 files offered in all");

            bob.send(object("FILE_RESPONSE").put("from_username", "Alice").put("accepted", true).put("filename", "zeros.bin"));
            alice.receive("FILE_ACCEPTED");
            printed.clear();
            sut.execute("stats");
            sut.execute("transfers");
            assertThat(printed).contains("Transfers: 0 active, 1 done, 1 files offered in all", "No file transfers in progress.");
        }
    }

    @Test
    void statsCountedFileBytesAsMessageBytes() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice");
                WireClient bob = WireClient.streaming(address, "Bob")) {
            alice.send(object("MSG").put("to_username", "Bob").put("message", "héllo")); // 6 bytes in UTF-8
            bob.receive("PEER_MSG");
            String whole = Base64.getEncoder().encodeToString(new byte[100]);
            alice.send(object("FILE").put("to_username", "Bob").put("filename", "zeros.bin").put("filedata", whole));
            bob.receive("FILE_OFFER");
            int piece = StreamLimits.MAX_CHUNK_BYTES;
            alice.send(object("FILE_STREAM").put("transfer_id", "s1").put("to_username", "Bob").put("filename", "big.bin").put("size", (long) piece));
            String issued = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // the server's id for it
            bob.send(object("FILE_STREAM_ACCEPT").put("transfer_id", issued).put("offset", 0L));
            alice.receive("FILE_STREAM_ACCEPT");
            alice.send(object("FILE_CHUNK").put("transfer_id", "s1").put("offset", 0L)
                    .put("data", Base64.getEncoder().encodeToString(new byte[piece])));
            bob.receive("FILE_CHUNK");

            sut.execute("stats");

            assertThat(printed).as("messages and their bytes apart from the bytes of files, whole and streamed")
                    .contains("Messages relayed: 1 (6 bytes)", "File data relayed: 64.1 KiB");
        }
    }

    @Test
    void streamedFilesShowInTransfersAndStatsWithTheirProgress() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice");
                WireClient bob = WireClient.streaming(address, "Bob")) {
            int piece = StreamLimits.MAX_CHUNK_BYTES;
            alice.send(object("FILE_STREAM").put("transfer_id", "s1").put("to_username", "Bob").put("filename", "big.bin").put("size", 4L * piece));
            String issued = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // the server's id for it

            sut.execute("transfers");
            sut.execute("stats");
            assertThat(printed).as("a streamed offer waits like a whole-file one")
                    .contains("File transfers (1):", "  Alice \u2192 Bob: \"big.bin\" (256.0 KiB), waiting for an answer",
                            "Transfers: 1 active, 0 done, 1 files offered in all");

            bob.send(object("FILE_STREAM_ACCEPT").put("transfer_id", issued).put("offset", 0L));
            alice.receive("FILE_STREAM_ACCEPT");
            String data = Base64.getEncoder().encodeToString(new byte[piece]);
            alice.send(object("FILE_CHUNK").put("transfer_id", "s1").put("offset", 0L).put("data", data));
            bob.receive("FILE_CHUNK");
            printed.clear();
            sut.execute("transfers");
            sut.execute("stats");
            assertThat(printed).as("the bytes relayed so far, counted in the stats as they pass")
                    .contains("  Alice \u2192 Bob: \"big.bin\" 25% of 256.0 KiB (64.0 KiB)",
                            "Messages relayed: 0 (0 bytes)", "File data relayed: 64.0 KiB", "Transfers: 1 active, 0 done, 1 files offered in all");

            for (int i = 1; i < 4; i++) {
                alice.send(object("FILE_CHUNK").put("transfer_id", "s1").put("offset", (long) i * piece).put("data", data));
                bob.receive("FILE_CHUNK");
            }
            alice.send(object("FILE_STREAM_END").put("transfer_id", "s1").put("sha256", "abc"));
            bob.receive("FILE_STREAM_END");
            bob.send(object("FILE_STREAM_DONE").put("transfer_id", issued).put("sha256", "abc"));
            alice.receive("FILE_STREAM_DONE");
            printed.clear();
            sut.execute("transfers");
            sut.execute("stats");
            assertThat(printed).contains("No file transfers in progress.", "File data relayed: 256.0 KiB",
                    "Transfers: 0 active, 1 done, 1 files offered in all");
        }
    }

    @Test
    void theMessageOfTheDayFollowsTheLoginAnswerInItsOwnMessage() throws Exception {
        sut.execute("motd");
        sut.execute("motd Server restarts at 18:00");
        sut.execute("motd");
        assertThat(printed).containsExactly(
                "No message of the day. Set one with: motd <text>",
                "Message of the day set: Server restarts at 18:00",
                "Message of the day: Server restarts at 18:00");

        try (WireClient v1 = new WireClient(address);
                WireClient obrol = new WireClient(address)) {
            v1.send("{\"type\":\"SET_USERNAME\",\"username\":\"Alice\"}");
            assertThat(v1.receive().path("type").asText()).as("the answer comes first, alone").isEqualTo("SUCCESS");
            JsonNode motd = v1.receive();
            assertThat(motd.path("type").asText()).isEqualTo("SERVER_MSG");
            assertThat(motd.path("message").asText()).isEqualTo("Pesan hari ini: Server restarts at 18:00");

            obrol.send("{\"type\":\"SET_USERNAME\",\"username\":\"Bob\",\"protocol\":2,\"lang\":\"en\"}");
            assertThat(obrol.receive().path("type").asText()).isEqualTo("SUCCESS");
            assertThat(obrol.receive().path("message").asText()).isEqualTo("Message of the day: Server restarts at 18:00");
        }

        sut.execute("motd clear");
        try (WireClient later = WireClient.obrol(address, "Carol")) {
            later.send(object("LIST"));
            JsonNode next = later.receive(node -> !node.path("type").asText().equals("PRESENCE")); // Alice and Bob leaving
            assertThat(next.path("type").asText()).as("no message of the day once cleared").isEqualTo("CLIENT_LIST");
        }
        assertThat(traffic.lines()).contains("SERVER -> MOTD: Server restarts at 18:00", "SERVER -> MOTD: (cleared)");
    }

    @Test
    void unknownCommandsPrintTheHelpWithEveryCommand() {
        sut.execute("dance");

        assertThat(printed.get(0)).isEqualTo("Unknown command: dance");
        for (String name : List.of("list", "send", "broadcast", "kick", "stats", "transfers", "motd", "help", "quit")) {
            assertThat(printedText()).contains("  " + name);
        }
    }

    @Test
    void theConsoleSpeaksIndonesian() {
        OperatorConsole indonesian = new OperatorConsole(server, printed::add, ServerTexts.forLanguage("id"));

        indonesian.execute("list");
        indonesian.execute("send");

        assertThat(printed).containsExactly("Online (0): tidak ada", "Cara pakai: send <user> <pesan>");
    }
}
