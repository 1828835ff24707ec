package dev.obrol.client;

import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import dev.obrol.server.TrafficLog;
import dev.obrol.testing.BinaryWireClient;
import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamed files end to end: the real server, real clients driven through their standard input,
 * files compared byte for byte on disk. Raw-socket peers stand in where a test needs a side that
 * stops at a chosen moment (killed mid-transfer) or never acknowledges (a stalled receiver).
 */
class StreamedFilesIT {
    @TempDir
    Path work;

    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer server;
    private InetSocketAddress address;
    private Path aliceDir;
    private Path bobDir;

    @BeforeEach
    void start() throws Exception {
        startServer(ServerConfig.defaults("127.0.0.1", 0));
        aliceDir = Files.createDirectory(work.resolve("alice"));
        bobDir = Files.createDirectory(work.resolve("bob"));
    }

    private void startServer(ServerConfig config) throws InterruptedException {
        server = new ObrolServer(config, new TrafficLog(traffic.logger()));
        address = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ScriptedClient client(String name, Path downloads) throws IOException {
        ScriptedClient c = ScriptedClient.start("127.0.0.1", String.valueOf(address.getPort()), "--username", name,
                "--download-dir", downloads.toString(), "--lang", "en");
        c.awaitOutput("Connected to");
        return c;
    }

    private Path file(String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(work.resolve(name), bytes);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static void chunk(WireClient from, String id, long offset, byte[] data) throws IOException {
        from.send("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"" + id + "\",\"offset\":" + offset + ",\"data\":\""
                + Base64.getEncoder().encodeToString(data) + "\"}\n");
    }

    @Test
    void aMultiMebibyteFileArrivesByteForByteAndBothSidesSummarize() throws Exception {
        Path big = file("big file.bin", 9 * 1024 * 1024 + 123, 1);
        try (ScriptedClient alice = client("Alice", aliceDir); ScriptedClient bob = client("Bob", bobDir)) {
            alice.type("/sendfile Bob " + big).awaitOutput("waiting for an answer");
            bob.awaitOutput("Alice offers you the file \"big file.bin\" (9.0 MiB)").type("/acceptfile Alice");
            bob.awaitOutput("Saved \"big file.bin\" from Alice").awaitOutput("verified.");
            alice.awaitOutput("Sent \"big file.bin\" to Bob: 9.0 MiB in ").awaitOutput("SHA-256 verified by Bob");
            assertThat(bobDir.resolve("received_big file.bin")).as("the same bytes on disk").hasSameBinaryContentAs(big);
            assertThat(names(bobDir)).as("no partial or sidecar left behind").containsExactly("received_big file.bin");
            assertThat(bob.output()).contains(sha256(Files.readAllBytes(big)));
        }
        await().untilAsserted(() -> assertThat(traffic.lines())
                .anyMatch(l -> l.startsWith("Alice -> FILE_DONE: Bob: big file.bin (9437307 bytes in ")));
    }

    @Test
    void severalTransfersAtOnceInBothDirections() throws Exception {
        Path one = file("one.bin", 3 * 1024 * 1024, 2);
        Path two = file("two.bin", 2 * 1024 * 1024 + 7, 3);
        Path back = file("back.bin", 1024 * 1024 + 1, 4);
        try (ScriptedClient alice = client("Alice", aliceDir); ScriptedClient bob = client("Bob", bobDir)) {
            alice.type("/sendfile Bob " + one).type("/sendfile Bob " + two);
            bob.type("/sendfile Alice " + back);
            bob.awaitOutput("\"two.bin\"").type("/files").awaitOutput("Files:").awaitOutput("offered to Alice: \"back.bin\"");
            assertThat(bob.output()).contains("offered by Alice: \"one.bin\"", "offered by Alice: \"two.bin\"");
            alice.awaitOutput("Bob offers you the file \"back.bin\"");
            bob.type("/acceptfile Alice two.bin").type("/acceptfile Alice");
            alice.type("/acceptfile Bob");
            bob.awaitOutput("Saved \"one.bin\"").awaitOutput("Saved \"two.bin\"");
            alice.awaitOutput("Saved \"back.bin\"");
            assertThat(bobDir.resolve("received_one.bin")).hasSameBinaryContentAs(one);
            assertThat(bobDir.resolve("received_two.bin")).hasSameBinaryContentAs(two);
            assertThat(aliceDir.resolve("received_back.bin")).hasSameBinaryContentAs(back);
            bob.type("/files").awaitOutput("No file offers or transfers.");
        }
    }

    @Test
    void theSameFileTwiceFromOneSenderIsKeptUnderTwoNames() throws Exception {
        Path same = file("same.bin", 300_000, 5);
        try (ScriptedClient alice = client("Alice", aliceDir); ScriptedClient bob = client("Bob", bobDir)) {
            alice.type("/sendfile Bob " + same).type("/sendfile Bob " + same);
            bob.awaitOutput("files from Alice are waiting").type("/acceptfile Alice").type("/acceptfile Alice");
            bob.awaitOutput("Saved \"same.bin\"", 2);
            assertThat(names(bobDir)).containsExactly("received_same.bin", "received_same_1.bin");
            assertThat(bobDir.resolve("received_same_1.bin")).hasSameBinaryContentAs(same);
        }
    }

    @Test
    void cancellingAnOfferTellsTheReceiverAndRejectingTellsTheSender() throws Exception {
        Path f = file("maybe.bin", 1000, 6);
        try (ScriptedClient alice = client("Alice", aliceDir); ScriptedClient bob = client("Bob", bobDir)) {
            alice.type("/sendfile Bob " + f);
            bob.awaitOutput("Alice offers you the file \"maybe.bin\"");
            alice.type("/cancelfile Bob").awaitOutput("Cancelled \"maybe.bin\" with Bob.");
            bob.awaitOutput("The offer of \"maybe.bin\" from Alice ended: cancelled.");
            bob.type("/acceptfile Alice").awaitOutput("No file offered by Alice is waiting.");

            alice.type("/sendfile Bob " + f);
            bob.awaitOutput("Alice offers you the file \"maybe.bin\"", 2).type("/rejectfile Alice maybe.bin");
            alice.awaitOutput("Bob rejected your file \"maybe.bin\"");
            assertThat(names(bobDir)).as("nothing written for a refused file").isEmpty();
        }
    }

    @Test
    void anUnansweredOfferExpiresAndBothSidesAreTold() throws Exception {
        server.close();
        startServer(ServerConfig.defaults("127.0.0.1", 0).withOfferExpiry(Duration.ofMillis(500)));
        Path f = file("late.bin", 1000, 7);
        try (ScriptedClient alice = client("Alice", aliceDir); ScriptedClient bob = client("Bob", bobDir)) {
            alice.type("/sendfile Bob " + f);
            bob.awaitOutput("ended: nobody answered the offer in time.");
            alice.awaitOutput("Your offer of \"late.bin\" to Bob ended: nobody answered the offer in time.");
            bob.type("/files").awaitOutput("No file offers or transfers.");
        }
    }

    /**
     * A raw-socket Alice offers {@code data} to the client Bob, sends {@code sentBefore} bytes (a
     * multiple of the chunk size), waits for Bob's acknowledgement of them and dies: Bob keeps a
     * resumable partial of exactly those bytes.
     */
    private void senderDiesAfter(ScriptedClient bob, byte[] data, int sentBefore) throws IOException {
        try (WireClient mortal = WireClient.streaming(address, "Alice")) {
            mortal.send(object("FILE_STREAM").put("transfer_id", "first").put("to_username", "Bob")
                    .put("filename", "resume.bin").put("size", data.length));
            bob.awaitOutput("Alice offers you the file \"resume.bin\"").type("/acceptfile Alice");
            assertThat(mortal.receive("FILE_STREAM_ACCEPT").path("offset").asLong()).isZero();
            for (int at = 0; at < sentBefore; at += StreamLimits.MAX_CHUNK_BYTES) {
                chunk(mortal, "first", at, Arrays.copyOfRange(data, at, at + StreamLimits.MAX_CHUNK_BYTES));
            }
            mortal.receive(n -> n.path("received").asLong() == sentBefore);
        } // killed: the socket closes mid-transfer
        bob.awaitOutput("Receiving \"resume.bin\" from Alice stopped: the other side disconnected.");
    }

    @Test
    void aSenderKilledMidTransferLeavesAResumablePartialAndTheResumeIsVerified() throws Exception {
        byte[] data = new byte[StreamLimits.ACK_EVERY_BYTES + StreamLimits.MAX_CHUNK_BYTES + 999];
        new Random(8).nextBytes(data);
        int sentBefore = StreamLimits.ACK_EVERY_BYTES; // acknowledged, so surely written before the sender dies
        try (ScriptedClient bob = client("Bob", bobDir)) {
            senderDiesAfter(bob, data, sentBefore);
            assertThat(names(bobDir)).as("nothing looks complete; the partial is hidden and kept")
                    .noneMatch(n -> n.startsWith("received_")).anyMatch(n -> n.startsWith(".obrol-partial-") && n.endsWith(".part"));

            Path again = Files.write(work.resolve("resume.bin"), data);
            try (ScriptedClient alice = client("Alice", aliceDir)) {
                alice.type("/sendfile Bob " + again);
                // Everything acknowledged before the sender died is kept: ACK_EVERY_BYTES of the file.
                String kept = "1.0 MiB (94%)";
                bob.awaitOutput(kept + " of it is already here").type("/acceptfile Alice resume.bin");
                bob.awaitOutput("Resuming \"resume.bin\" from Alice: " + kept + " is already here");
                alice.awaitOutput("Resuming \"resume.bin\" for Bob from " + kept);
                bob.awaitOutput("Saved \"resume.bin\" from Alice");
                alice.awaitOutput("SHA-256 verified by Bob");
            }
            assertThat(bobDir.resolve("received_resume.bin")).hasBinaryContent(data);
            assertThat(bob.output()).as("the digest covers the whole file, not the resumed part").contains(sha256(data));
            assertThat(names(bobDir)).containsExactly("received_resume.bin");
        }
        await().untilAsserted(() -> assertThat(traffic.lines())
                .anyMatch(l -> l.startsWith("Alice -> FILE_RESUME: Bob: resume.bin from byte " + sentBefore)));
    }

    @Test
    void aResumedTransferSummarizesTheBytesMovedThisTimeNotTheWholeFile() throws Exception {
        int sentBefore = 2 * StreamLimits.ACK_EVERY_BYTES;
        byte[] data = new byte[sentBefore + StreamLimits.MAX_CHUNK_BYTES / 2];
        new Random(13).nextBytes(data);
        try (ScriptedClient bob = client("Bob", bobDir)) {
            senderDiesAfter(bob, data, sentBefore);
            Path again = Files.write(work.resolve("resume.bin"), data);
            try (ScriptedClient alice = client("Alice", aliceDir)) {
                alice.type("/sendfile Bob " + again);
                bob.awaitOutput("of it is already here").type("/acceptfile Alice");
                bob.awaitOutput("Saved \"resume.bin\" from Alice").awaitOutput("verified.");
                alice.awaitOutput("SHA-256 verified by Bob");

                // 32.0 KiB moved this time, of a 2.0 MiB file.
                assertThat(bob.output()).as("the receiver's summary counts this run's bytes")
                        .contains("  32.0 KiB received this time (the rest of 2.0 MiB) in ").doesNotContain("  2.0 MiB in ");
                assertThat(alice.output()).as("the sender's summary counts this run's bytes")
                        .contains("Sent the rest of \"resume.bin\" to Bob: 32.0 KiB of 2.0 MiB in ").doesNotContain("Bob: 2.0 MiB in ");
            }
        }
    }

    @Test
    void aBinarySenderKilledMidTransferLeavesAResumablePartialAndARealClientResumesItVerified() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 4321];
        new Random(13).nextBytes(data);
        int sentBefore = 2 * StreamLimits.ACK_EVERY_BYTES; // acknowledged, so surely written before the sender dies
        try (ScriptedClient bob = client("Bob", bobDir)) {
            try (BinaryWireClient mortal = BinaryWireClient.login(address, "Alice")) {
                mortal.send(object("FILE_STREAM").put("transfer_id", "first").put("to_username", "Bob")
                        .put("filename", "resume.bin").put("size", data.length) + "\n");
                bob.awaitOutput("Alice offers you the file \"resume.bin\"").type("/acceptfile Alice");
                assertThat(mortal.receive("FILE_STREAM_ACCEPT").path("offset").asLong()).isZero();
                for (int at = 0; at < sentBefore; at += StreamLimits.MAX_BINARY_CHUNK_BYTES) {
                    mortal.sendChunk("first", at, Arrays.copyOfRange(data, at, at + StreamLimits.MAX_BINARY_CHUNK_BYTES));
                }
                while (mortal.receive("FILE_STREAM_ACK").path("received").asLong() < sentBefore) {
                    // Bob's client wrote and acknowledged the binary chunks up to here
                }
            } // killed: the socket closes mid-transfer
            bob.awaitOutput("Receiving \"resume.bin\" from Alice stopped: the other side disconnected.");
            assertThat(names(bobDir)).as("nothing looks complete; the partial is hidden and kept")
                    .noneMatch(n -> n.startsWith("received_")).anyMatch(n -> n.startsWith(".obrol-partial-") && n.endsWith(".part"));

            Path again = Files.write(work.resolve("resume.bin"), data);
            try (ScriptedClient alice = client("Alice", aliceDir)) {
                alice.type("/sendfile Bob " + again);
                String kept = "2.0 MiB (39%)";
                bob.awaitOutput(kept + " of it is already here").type("/acceptfile Alice resume.bin");
                bob.awaitOutput("Resuming \"resume.bin\" from Alice: " + kept + " is already here");
                alice.awaitOutput("Resuming \"resume.bin\" for Bob from " + kept);
                bob.awaitOutput("Saved \"resume.bin\" from Alice");
                alice.awaitOutput("SHA-256 verified by Bob");
            }
            assertThat(bobDir.resolve("received_resume.bin")).as("byte for byte").hasBinaryContent(data);
            assertThat(bob.output()).as("the digest covers the whole file, not the resumed part").contains(sha256(data));
            assertThat(names(bobDir)).containsExactly("received_resume.bin");
        }
        await().untilAsserted(() -> assertThat(traffic.lines())
                .anyMatch(l -> l.startsWith("Alice -> FILE_RESUME: Bob: resume.bin from byte " + sentBefore)));
    }

    @Test
    void theClientSendsBinaryChunksToAServerThatNegotiatedThem() throws Exception {
        Path f = file("raw.bin", StreamLimits.MAX_BINARY_CHUNK_BYTES + 77, 14);
        byte[] data = Files.readAllBytes(f);
        try (ScriptedClient alice = client("Alice", aliceDir); BinaryWireClient bob = BinaryWireClient.login(address, "Bob")) {
            alice.type("/sendfile Bob " + f);
            String id = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText();
            bob.send(object("FILE_STREAM_ACCEPT").put("transfer_id", id).put("offset", 0) + "\n");
            BinaryWireClient.Frame first = bob.receiveSkippingPresence();
            BinaryWireClient.Frame second = bob.receiveSkippingPresence();
            assertThat(first).as("raw bytes, not Base64 in JSON").isInstanceOf(BinaryWireClient.Chunk.class);
            assertThat(second).isInstanceOf(BinaryWireClient.Chunk.class);
            BinaryWireClient.Chunk a = (BinaryWireClient.Chunk) first;
            BinaryWireClient.Chunk b = (BinaryWireClient.Chunk) second;
            assertThat(a.bytes()).as("chunks as large as binary frames allow")
                    .isEqualTo(Arrays.copyOf(data, StreamLimits.MAX_BINARY_CHUNK_BYTES));
            assertThat(b.offset()).isEqualTo(StreamLimits.MAX_BINARY_CHUNK_BYTES);
            assertThat(b.bytes()).isEqualTo(Arrays.copyOfRange(data, StreamLimits.MAX_BINARY_CHUNK_BYTES, data.length));
            assertThat(bob.receive("FILE_STREAM_END").path("sha256").asText()).isEqualTo(sha256(data));
        }
    }

    @Test
    void aReceiverKilledMidTransferIsReportedToTheSender() throws Exception {
        Path f = file("half.bin", 4 * 1024 * 1024, 9);
        try (ScriptedClient alice = client("Alice", aliceDir)) {
            try (WireClient bob = WireClient.streaming(address, "Bob")) {
                alice.type("/sendfile Bob " + f);
                String id = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText();
                bob.send(object("FILE_STREAM_ACCEPT").put("transfer_id", id).put("offset", 0));
                bob.receive("FILE_CHUNK");
            }
            alice.awaitOutput("Sending \"half.bin\" to Bob stopped: the other side disconnected.");
            alice.type("/files").awaitOutput("No file offers or transfers.");
        }
        await().until(() -> server.relay().openTransfers() == 0);
    }

    @Test
    void theSendingClientInterleavesChatWithAStalledFile() throws Exception {
        Path f = file("stalled.bin", 8 * StreamLimits.WINDOW_BYTES, 10);
        try (ScriptedClient alice = client("Alice", aliceDir); WireClient bob = WireClient.streaming(address, "Bob")) {
            alice.type("/sendfile Bob " + f);
            String id = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText();
            bob.send(object("FILE_STREAM_ACCEPT").put("transfer_id", id).put("offset", 0));
            alice.awaitOutput("Bob accepted your file").type("/msg Bob while the file waits");
            long chunkBytes = 0;
            JsonNode next;
            while (!(next = bob.receive()).path("type").asText().equals("PEER_MSG")) {
                assertThat(next.path("type").asText()).isEqualTo("FILE_CHUNK");
                chunkBytes += Base64.getDecoder().decode(next.path("data").asText()).length;
            }
            assertThat(next.path("message").asText()).isEqualTo("while the file waits");
            // Alice's client negotiated binary chunks, so its window is theirs; the server Base64-encodes for Bob.
            assertThat(chunkBytes).as("never more than the window without acknowledgements")
                    .isLessThanOrEqualTo(StreamLimits.BINARY_WINDOW_BYTES);
        }
    }

    /** What {@code client} prints in answer to {@code line}: everything up to the answer to a /list typed after it (the fence). */
    private static List<String> linesAnswering(ScriptedClient client, String line) {
        int before = client.output().length();
        int lists = ScriptedClient.count(client.output(), "Online (");
        client.type(line).type("/list").awaitOutput("Online (", lists + 1);
        List<String> lines = client.output().substring(before).lines().toList();
        return lines.subList(0, lines.size() - 1);
    }

    @Test
    void sendingAFileToAUserWhoCannotStreamSaysOneThing() throws Exception {
        Path small = file("tiny.txt", 100, 11);
        Path medium = file("medium.bin", 20_000, 14); // whole-file size, but more than an original client can read
        Path big = file("huge.bin", 11 * 1024 * 1024, 12);
        try (ScriptedClient alice = client("Alice", aliceDir); WireClient old = WireClient.v1(address, "Old")) {
            alice.awaitOutput("* Old is online.");

            assertThat(linesAnswering(alice, "/sendfile Old " + small)).as("a small file goes whole, and only that is said")
                    .containsExactly("* File tiny.txt sent to Old, waiting for a response...");
            JsonNode offer = old.receive("FILE_OFFER");
            assertThat(Base64.getDecoder().decode(offer.path("filedata").asText())).isEqualTo(Files.readAllBytes(small));

            assertThat(linesAnswering(alice, "/sendfile Old " + medium)).as("the server's refusal is the one line")
                    .containsExactly("! Old uses an older (v1) client, which can only receive very small files (about 3 KB); medium.bin was not sent.");

            assertThat(linesAnswering(alice, "/sendfile Old " + big)).as("too big to go whole: said at once")
                    .containsExactly("Old's client cannot receive streamed files, and \"huge.bin\" (11.0 MiB) is over the 10.0 MiB that can be sent to it whole.");
        }
    }

    @Test
    void anOfferToSomeoneOfflineSaysOnlyThatItWasNotOffered() throws Exception {
        Path f = file("lonely.bin", 1000, 15);
        try (ScriptedClient alice = client("Alice", aliceDir)) {
            assertThat(linesAnswering(alice, "/sendfile Zaki " + f))
                    .containsExactly("\"lonely.bin\" was not offered to Zaki: User \"Zaki\" is not online.");
        }
    }
}
