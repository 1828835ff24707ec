package dev.obrol.server;

import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's relay for streamed files (protocol 2), driven by raw-socket peers that can lie:
 * flow control, ownership of chunks, declared sizes, and the order offer, accept, chunks, end.
 */
class StreamRelayIT {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        sut = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withOfferExpiry(Duration.ofSeconds(1)),
                new TrafficLog(traffic.logger()));
        address = sut.start();
    }

    @AfterEach
    void stop() {
        sut.close();
    }

    private static void offer(WireClient from, String id, String to, String name, long size) throws Exception {
        from.send(object("FILE_STREAM").put("transfer_id", id).put("to_username", to).put("filename", name).put("size", size));
    }

    private static void chunk(WireClient from, String id, long offset, byte[] data) throws Exception {
        from.send("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"" + id + "\",\"offset\":" + offset + ",\"data\":\""
                + Base64.getEncoder().encodeToString(data) + "\"}\n");
    }

    @Test
    void theSuccessAnnouncesStreamedFiles() throws Exception {
        try (WireClient c = new WireClient(address)) {
            c.send("{\"type\":\"SET_USERNAME\",\"username\":\"Alice\",\"protocol\":2}");
            assertThat(c.receive().path("features").toString()).contains(StreamLimits.FEATURE);
        }
    }

    @Test
    void aSlowReceiverHoldsTheSenderToTheWindowWhileChatStillGetsThrough() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            long size = 4L * StreamLimits.WINDOW_BYTES;
            offer(alice, "t1", "Bob", "big.bin", size);
            JsonNode offered = bob.receive("FILE_STREAM_OFFER");
            String idOfT1 = offered.path("transfer_id").asText(); // issued by the server
            assertThat(offered.path("size").asLong()).isEqualTo(size);
            bob.sendControl("FILE_STREAM_ACCEPT", idOfT1, "offset", 0L);
            assertThat(alice.receive("FILE_STREAM_ACCEPT").path("offset").asLong()).isZero();

            byte[] piece = new byte[StreamLimits.MAX_CHUNK_BYTES];
            int inWindow = StreamLimits.WINDOW_BYTES / piece.length;
            for (int i = 0; i < inWindow; i++) {
                chunk(alice, "t1", (long) i * piece.length, piece);
            }
            alice.send(object("MSG").put("to_username", "Bob").put("message", "still there?"));
            for (int i = 0; i < inWindow; i++) {
                JsonNode relayed = bob.receive();
                assertThat(relayed.path("type").asText()).as("chunks come in order, chat after them at most").isEqualTo("FILE_CHUNK");
                assertThat(relayed.path("offset").asLong()).isEqualTo((long) i * piece.length);
            }
            assertThat(bob.receive().path("message").asText()).as("chat interleaves with a stalled file").isEqualTo("still there?");

            // One chunk past an unacknowledged window ends the transfer for both: the server never buffers more.
            chunk(alice, "t1", StreamLimits.WINDOW_BYTES, piece);
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("bad_chunk");
            assertThat(bob.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("bad_chunk");
            assertThat(sut.relay().openTransfers()).isZero();
        }
    }

    @Test
    void acknowledgementsOpenTheWindowAndEndAndDoneCompleteTheTransfer() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            byte[] data = new byte[3 * StreamLimits.MAX_CHUNK_BYTES];
            Arrays.fill(data, (byte) 7);
            offer(alice, "t2", "Bob", "three.bin", data.length);
            String idOfT2 = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // issued by the server
            bob.sendControl("FILE_STREAM_ACCEPT", idOfT2, "offset", 0L);
            alice.receive("FILE_STREAM_ACCEPT");
            for (int i = 0; i < 3; i++) {
                chunk(alice, "t2", (long) i * StreamLimits.MAX_CHUNK_BYTES, Arrays.copyOf(data, StreamLimits.MAX_CHUNK_BYTES));
                bob.receive("FILE_CHUNK");
                bob.sendControl("FILE_STREAM_ACK", idOfT2, "received", (long) (i + 1) * StreamLimits.MAX_CHUNK_BYTES);
                assertThat(alice.receive("FILE_STREAM_ACK").path("received").asLong()).isEqualTo((long) (i + 1) * StreamLimits.MAX_CHUNK_BYTES);
            }
            alice.sendControl("FILE_STREAM_END", "t2", "sha256", "abc");
            assertThat(bob.receive("FILE_STREAM_END").path("sha256").asText()).isEqualTo("abc");
            bob.sendControl("FILE_STREAM_DONE", idOfT2, "sha256", "abc");
            assertThat(alice.receive("FILE_STREAM_DONE").path("sha256").asText()).isEqualTo("abc");
        }
        await().untilAsserted(() -> assertThat(traffic.lines()).anyMatch(l -> l.startsWith("Alice -> FILE_STREAM: Bob: three.bin (196608 bytes"))
                .anyMatch(l -> l.startsWith("Bob -> FILE_ACCEPTED: Alice: three.bin"))
                .anyMatch(l -> l.startsWith("Alice -> FILE_START: Bob: three.bin"))
                .anyMatch(l -> l.startsWith("Alice -> FILE_DONE: Bob: three.bin (196608 bytes in ") && l.contains("MB/s, sha256 abc")));
    }

    @Test
    void moreBytesThanOfferedEndTheTransferAndNeverReachTheReceiver() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            offer(alice, "liar", "Bob", "small.txt", 10);
            String idOfLiar = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // issued by the server
            bob.sendControl("FILE_STREAM_ACCEPT", idOfLiar, "offset", 0L);
            alice.receive("FILE_STREAM_ACCEPT");
            chunk(alice, "liar", 0, new byte[16]);
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("too_many_bytes");
            assertThat(bob.receive().path("type").asText()).as("the oversized chunk is not relayed").isEqualTo("FILE_STREAM_CANCEL");
        }
        await().untilAsserted(() -> assertThat(traffic.lines()).anyMatch(l -> l.contains("FILE_FAILED") && l.contains("too_many_bytes")));
    }

    @Test
    void aPathInTheNameIsCutToABareName() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            offer(alice, "p1", "Bob", "../../etc/passwd", 5);
            assertThat(bob.receive("FILE_STREAM_OFFER").path("filename").asText()).isEqualTo("passwd");
        }
    }

    @Test
    void transferIdsAreIssuedByTheServerSoTwoSendersMayPickTheSameOwnId() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice");
                WireClient carol = WireClient.streaming(address, "Carol");
                WireClient bob = WireClient.streaming(address, "Bob")) {
            offer(alice, "same", "Bob", "from-alice.txt", 3);
            offer(carol, "same", "Bob", "from-carol.txt", 3);
            JsonNode first = bob.receive("FILE_STREAM_OFFER");
            JsonNode second = bob.receive("FILE_STREAM_OFFER");
            String aliceFileId = first.path("from_username").asText().equals("Alice") ? first.path("transfer_id").asText()
                    : second.path("transfer_id").asText();
            assertThat(first.path("transfer_id").asText()).as("the receiver sees ids the server issued")
                    .isNotEqualTo("same").isNotEqualTo(second.path("transfer_id").asText()).matches("t[0-9a-z]{6}-[0-9a-z]+");

            bob.sendControl("FILE_STREAM_ACCEPT", aliceFileId, "offset", 0L);
            assertThat(alice.receive("FILE_STREAM_ACCEPT").path("transfer_id").asText()).as("the sender hears its own id")
                    .isEqualTo("same");
            chunk(alice, "same", 0, "abc".getBytes());
            JsonNode relayed = bob.receive("FILE_CHUNK");
            assertThat(relayed.path("transfer_id").asText()).as("chunks are renamed for the receiver").isEqualTo(aliceFileId);
            assertThat(carol.awaitHandled()).as("Carol's offer is untouched by Alice's")
                    .noneMatch(frame -> frame.path("type").asText().startsWith("FILE_STREAM"));
        }
        await().untilAsserted(() -> assertThat(traffic.lines())
                .anyMatch(l -> l.startsWith("Alice -> FILE_STREAM: Bob: from-alice.txt (3 bytes, transfer t")));
    }

    @Test
    void chunksForSomeoneElsesTransferAreRefusedAndNotRelayed() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice");
                WireClient bob = WireClient.streaming(address, "Bob");
                WireClient mallory = WireClient.streaming(address, "Mallory")) {
            offer(alice, "real", "Bob", "real.bin", 100);
            String idOfReal = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // issued by the server
            bob.sendControl("FILE_STREAM_ACCEPT", idOfReal, "offset", 0L);
            alice.receive("FILE_STREAM_ACCEPT");

            chunk(mallory, "real", 0, "evil".getBytes());
            assertThat(mallory.receive("ERROR").path("code").asText()).isEqualTo("NO_SUCH_TRANSFER");
            mallory.sendControl("FILE_STREAM_CANCEL", "real", "reason", "cancelled");
            assertThat(mallory.receive("ERROR").path("code").asText()).isEqualTo("NO_SUCH_TRANSFER");
            chunk(mallory, idOfReal, 0, "evil".getBytes());
            assertThat(mallory.receive("ERROR").path("code").asText()).as("nor by the receiver's id").isEqualTo("NO_SUCH_TRANSFER");
            mallory.sendControl("FILE_STREAM_CANCEL", idOfReal, "reason", "cancelled");
            assertThat(mallory.receive("ERROR").path("code").asText()).isEqualTo("NO_SUCH_TRANSFER");

            byte[] good = "good".getBytes();
            chunk(alice, "real", 0, good);
            JsonNode relayed = bob.receive();
            assertThat(relayed.path("type").asText()).as("nothing of Mallory's came first").isEqualTo("FILE_CHUNK");
            assertThat(Base64.getDecoder().decode(relayed.path("data").asText())).isEqualTo(good);
        }
    }

    @Test
    void chunksBeforeAcceptEndTheTransferAndChunksAfterRejectAreDropped() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            offer(alice, "eager", "Bob", "a.bin", 100);
            bob.receive("FILE_STREAM_OFFER");
            chunk(alice, "eager", 0, new byte[10]);
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("bad_chunk");
            assertThat(bob.receive().path("reason").asText()).as("bytes only after an accept").isEqualTo("bad_chunk");

            offer(alice, "late", "Bob", "b.bin", 100);
            String idOfLate = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // issued by the server
            bob.sendControl("FILE_STREAM_CANCEL", idOfLate, "reason", "rejected");
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("rejected");
            chunk(alice, "late", 0, new byte[10]);
            alice.send(object("MSG").put("to_username", "Bob").put("message", "marker"));
            assertThat(bob.receive().path("message").asText()).as("the chunk after the reject was dropped").isEqualTo("marker");
            alice.assertNothingPending("and not answered: the sender already knows");
        }
    }

    @Test
    void anOfferNobodyAnswersExpiresForBothSides() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            offer(alice, "old", "Bob", "a.bin", 1);
            String idOfOld = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // issued by the server
            assertThat(bob.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("expired");
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("expired");
            bob.sendControl("FILE_STREAM_ACCEPT", idOfOld, "offset", 0L);
            alice.send(object("MSG").put("to_username", "Bob").put("message", "marker"));
            assertThat(bob.receive("PEER_MSG").path("message").asText()).isEqualTo("marker");
            bob.awaitHandled(); // the late accept
            alice.assertNothingPending("an accept after expiry starts nothing");
        }
    }

    @Test
    void eitherSideLeavingTellsTheOtherAndLeavesNothingOnTheServer() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice")) {
            WireClient bob = WireClient.streaming(address, "Bob");
            offer(alice, "gone", "Bob", "a.bin", 100);
            String idOfGone = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // issued by the server
            bob.sendControl("FILE_STREAM_ACCEPT", idOfGone, "offset", 0L);
            alice.receive("FILE_STREAM_ACCEPT");
            bob.close();
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("peer_left");
            await().until(() -> sut.relay().openTransfers() == 0);
        }
    }

    @Test
    void aReceiverThatCannotStreamIsReportedToTheSender() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient old = WireClient.v1(address, "Old")) {
            offer(alice, "v1", "Old", "a.bin", 100);
            JsonNode refused = alice.receive("FILE_STREAM_CANCEL");
            assertThat(refused.path("reason").asText()).isEqualTo("unsupported");
            assertThat(refused.path("message").asText()).contains("Old");
            alice.awaitHandled();
            old.assertNothingPending("a v1 client is sent nothing it does not know");
        }
    }

    @Test
    void theServerStoppingTellsBothEnds() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            offer(alice, "stop", "Bob", "a.bin", 100);
            bob.receive("FILE_STREAM_OFFER");
            sut.close();
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("shutdown");
            assertThat(bob.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("shutdown");
        }
    }
}
