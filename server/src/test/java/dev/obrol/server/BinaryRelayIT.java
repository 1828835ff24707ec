package dev.obrol.server;

import dev.obrol.testing.RunningServer;
import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.testing.BinaryWireClient;
import dev.obrol.testing.BinaryWireClient.Chunk;
import dev.obrol.testing.BinaryWireClient.Json;
import dev.obrol.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Binary chunk frames through the server's relay, with raw-socket peers: negotiation, each pair
 * of shapes (binary to binary, binary to a Base64 receiver, Base64 to a binary receiver), and the
 * checks every chunk still passes (accept first, the window, the size, the sender's own id).
 */
class BinaryRelayIT {
    @RegisterExtension
    final RunningServer running = new RunningServer();

    private static void offer(BinaryWireClient from, String id, String to, long size) throws Exception {
        from.send(object("FILE_STREAM").put("transfer_id", id).put("to_username", to).put("filename", "f.bin").put("size", size) + "\n");
    }

    private static void send(BinaryWireClient from, String type, String id, String field, long value) throws Exception {
        from.send(object(type).put("transfer_id", id).put(field, value) + "\n");
    }

    /** Offers {@code size} bytes from Alice to Bob and has Bob accept; returns the id the server issued to Bob. */
    private static String accepted(BinaryWireClient alice, BinaryWireClient bob, String id, long size) throws Exception {
        offer(alice, id, "Bob", size);
        String issued = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText();
        send(bob, "FILE_STREAM_ACCEPT", issued, "offset", 0);
        assertThat(alice.receive("FILE_STREAM_ACCEPT").path("transfer_id").asText()).isEqualTo(id);
        return issued;
    }

    @Test
    void binaryChunksAreListedInTheLoginAnswer() throws Exception {
        try (WireClient c = new WireClient(running.address())) {
            c.send("{\"type\":\"SET_USERNAME\",\"username\":\"Alice\",\"protocol\":2}");
            assertThat(c.receive().path("features").toString()).contains(StreamLimits.BINARY_FEATURE);
        }
    }

    @Test
    void binaryToBinaryArrivesAsBinaryFramesByteForByteAndCompletes() throws Exception {
        byte[] file = random(StreamLimits.MAX_BINARY_CHUNK_BYTES * 2 + 1000, 1);
        try (BinaryWireClient alice = BinaryWireClient.login(running.address(), "Alice"); BinaryWireClient bob = BinaryWireClient.login(running.address(), "Bob")) {
            String issued = accepted(alice, bob, "b1", file.length);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            for (int at = 0; at < file.length; at += StreamLimits.MAX_BINARY_CHUNK_BYTES) {
                int length = Math.min(StreamLimits.MAX_BINARY_CHUNK_BYTES, file.length - at);
                alice.sendChunk("b1", at, Arrays.copyOfRange(file, at, at + length));
                Chunk chunk = (Chunk) bob.receiveSkippingPresence();
                assertThat(chunk.transferId()).as("renamed for the receiver").isEqualTo(issued);
                assertThat(chunk.offset()).isEqualTo(at);
                received.write(chunk.bytes());
            }
            assertThat(received.toByteArray()).as("byte for byte").isEqualTo(file);
            send(bob, "FILE_STREAM_ACK", issued, "received", file.length);
            assertThat(alice.receive("FILE_STREAM_ACK").path("received").asLong()).isEqualTo(file.length);
            alice.send(object("FILE_STREAM_END").put("transfer_id", "b1").put("sha256", "abc") + "\n");
            assertThat(bob.receive("FILE_STREAM_END").path("sha256").asText()).isEqualTo("abc");
            bob.send(object("FILE_STREAM_DONE").put("transfer_id", issued).put("sha256", "abc") + "\n");
            assertThat(alice.receive("FILE_STREAM_DONE").path("sha256").asText()).isEqualTo("abc");
        }
        await().untilAsserted(() -> assertThat(running.traffic().lines())
                .anyMatch(l -> l.startsWith("Alice -> FILE_DONE: Bob: f.bin (" + file.length + " bytes in ")));
    }

    @Test
    void binaryToAReceiverWithoutBinaryFramesArrivesAsBase64ChunksOfAtMost64KiB() throws Exception {
        byte[] file = random(StreamLimits.MAX_CHUNK_BYTES * 3 + 5, 2);
        try (BinaryWireClient alice = BinaryWireClient.login(running.address(), "Alice"); WireClient bob = WireClient.streaming(running.address(), "Bob")) {
            offer(alice, "b2", "Bob", file.length);
            String issued = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText();
            bob.send(object("FILE_STREAM_ACCEPT").put("transfer_id", issued).put("offset", 0L));
            alice.receive("FILE_STREAM_ACCEPT");
            alice.sendChunk("b2", 0, file);

            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (received.size() < file.length) {
                JsonNode chunk = bob.receive("FILE_CHUNK");
                assertThat(chunk.path("transfer_id").asText()).isEqualTo(issued);
                assertThat(chunk.path("offset").asLong()).as("pieces in order").isEqualTo(received.size());
                byte[] piece = Base64.getDecoder().decode(chunk.path("data").asText());
                assertThat(piece.length).as("what a client without binary frames accepts").isLessThanOrEqualTo(StreamLimits.MAX_CHUNK_BYTES);
                received.write(piece);
            }
            assertThat(received.toByteArray()).isEqualTo(file);
        }
    }

    @Test
    void base64FromAnOlderSenderReachesABinaryReceiverAsJson() throws Exception {
        byte[] piece = random(1000, 3);
        try (WireClient alice = WireClient.streaming(running.address(), "Alice"); BinaryWireClient bob = BinaryWireClient.login(running.address(), "Bob")) {
            alice.send(object("FILE_STREAM").put("transfer_id", "old").put("to_username", "Bob").put("filename", "f.bin")
                    .put("size", (long) piece.length));
            String issued = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText();
            send(bob, "FILE_STREAM_ACCEPT", issued, "offset", 0);
            alice.receive("FILE_STREAM_ACCEPT");
            alice.send("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"old\",\"offset\":0,\"data\":\""
                    + Base64.getEncoder().encodeToString(piece) + "\"}\n");
            var frame = bob.receiveSkippingPresence();
            assertThat(frame).as("relayed as it came, undecoded").isInstanceOf(Json.class);
            JsonNode chunk = ((Json) frame).node();
            assertThat(chunk.path("type").asText()).isEqualTo("FILE_CHUNK");
            assertThat(chunk.path("transfer_id").asText()).isEqualTo(issued);
            assertThat(Base64.getDecoder().decode(chunk.path("data").asText())).isEqualTo(piece);
        }
    }

    @Test
    void aBinaryChunkBeforeTheAcceptEndsTheTransferForBoth() throws Exception {
        try (BinaryWireClient alice = BinaryWireClient.login(running.address(), "Alice"); BinaryWireClient bob = BinaryWireClient.login(running.address(), "Bob")) {
            offer(alice, "eager", "Bob", 100);
            bob.receive("FILE_STREAM_OFFER");
            alice.sendChunk("eager", 0, new byte[10]);
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("bad_chunk");
            assertThat(((Json) bob.receiveSkippingPresence()).node().path("reason").asText())
                    .as("bytes only after an accept, and none relayed").isEqualTo("bad_chunk");
        }
    }

    @Test
    void aBinaryChunkPastTheWindowEndsTheTransferForBoth() throws Exception {
        long size = 2L * StreamLimits.BINARY_WINDOW_BYTES;
        try (BinaryWireClient alice = BinaryWireClient.login(running.address(), "Alice"); BinaryWireClient bob = BinaryWireClient.login(running.address(), "Bob")) {
            accepted(alice, bob, "w", size);
            byte[] piece = new byte[StreamLimits.MAX_BINARY_CHUNK_BYTES];
            int inWindow = StreamLimits.BINARY_WINDOW_BYTES / piece.length;
            for (int i = 0; i < inWindow; i++) {
                alice.sendChunk("w", (long) i * piece.length, piece);
                assertThat(bob.receiveSkippingPresence()).as("a whole window is relayed").isInstanceOf(Chunk.class);
            }
            alice.sendChunk("w", StreamLimits.BINARY_WINDOW_BYTES, piece);
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("bad_chunk");
            assertThat(((Json) bob.receiveSkippingPresence()).node().path("reason").asText())
                    .as("the chunk past the window is not relayed").isEqualTo("bad_chunk");
            assertThat(running.sut().relay().openTransfers()).isZero();
        }
    }

    @Test
    void moreBinaryBytesThanOfferedEndTheTransferAndNeverReachTheReceiver() throws Exception {
        try (BinaryWireClient alice = BinaryWireClient.login(running.address(), "Alice"); BinaryWireClient bob = BinaryWireClient.login(running.address(), "Bob")) {
            accepted(alice, bob, "liar", 10);
            alice.sendChunk("liar", 0, new byte[16]);
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("too_many_bytes");
            assertThat(((Json) bob.receiveSkippingPresence()).node().path("reason").asText()).isEqualTo("too_many_bytes");
        }
    }

    @Test
    void aBinaryChunkAtTheWrongOffsetEndsTheTransfer() throws Exception {
        try (BinaryWireClient alice = BinaryWireClient.login(running.address(), "Alice"); BinaryWireClient bob = BinaryWireClient.login(running.address(), "Bob")) {
            accepted(alice, bob, "gap", 100);
            alice.sendChunk("gap", 10, new byte[10]);
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("bad_chunk");
            assertThat(((Json) bob.receiveSkippingPresence()).node().path("reason").asText()).isEqualTo("bad_chunk");
        }
    }

    @Test
    void aBinaryChunkForSomeoneElsesTransferIsRefusedAndNotRelayed() throws Exception {
        try (BinaryWireClient alice = BinaryWireClient.login(running.address(), "Alice");
                BinaryWireClient bob = BinaryWireClient.login(running.address(), "Bob");
                BinaryWireClient mallory = BinaryWireClient.login(running.address(), "Mallory")) {
            String issued = accepted(alice, bob, "real", 100);
            mallory.sendChunk("real", 0, "evil".getBytes());
            assertThat(mallory.receive("ERROR").path("code").asText()).isEqualTo("NO_SUCH_TRANSFER");
            mallory.sendChunk(issued, 0, "evil".getBytes());
            assertThat(mallory.receive("ERROR").path("code").asText()).as("nor by the receiver's id").isEqualTo("NO_SUCH_TRANSFER");

            alice.sendChunk("real", 0, "good".getBytes());
            Chunk relayed = (Chunk) bob.receiveSkippingPresence();
            assertThat(relayed.bytes()).as("nothing of Mallory's came first").isEqualTo("good".getBytes());
        }
    }

    @Test
    void aBinaryFrameFromAClientThatDidNotNegotiateItIsRefusedAndTheConnectionClosed() throws Exception {
        try (WireClient old = WireClient.streaming(running.address(), "Old")) {
            // Every byte of this frame is ASCII, so the text-writing test client writes it unchanged.
            old.send(new String(BinaryWireClient.binaryFrame("t1", 0, new byte[] {'{', '}'}), StandardCharsets.US_ASCII));
            JsonNode error = old.receive("ERROR");
            assertThat(error.path("code").asText()).isEqualTo("MALFORMED");
            assertThat(error.path("message").asText()).contains("binary");
            assertThat(old.isClosedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(running.traffic().lines()).anyMatch(l -> l.contains("binary frame not negotiated")));
    }

    @Test
    void aBinaryFrameBeforeLoginIsRefusedAndTheConnectionClosed() throws Exception {
        try (Socket raw = new Socket(running.address().getAddress(), running.address().getPort())) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write(BinaryWireClient.binaryFrame("t1", 0, new byte[] {1, 2, 3}));
            byte[] answer = raw.getInputStream().readAllBytes(); // to the close
            assertThat(new String(answer, StandardCharsets.UTF_8)).contains("\"code\":\"MALFORMED\"");
        }
    }

    @Test
    void aBinaryPayloadOverTheLimitIsRefusedFromItsHeader() throws Exception {
        try (BinaryWireClient alice = BinaryWireClient.login(running.address(), "Alice")) {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(header);
            out.writeByte(0);
            out.writeByte(2);
            out.writeBytes("t1");
            out.writeLong(0);
            out.writeInt(StreamLimits.MAX_BINARY_CHUNK_BYTES + 1);
            alice.sendBytes(header.toByteArray());
            assertThat(alice.receive("ERROR").path("code").asText()).as("no payload sent: refused on the header alone")
                    .isEqualTo("FRAME_TOO_LONG");
            assertThat(alice.isClosedByServer()).isTrue();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
