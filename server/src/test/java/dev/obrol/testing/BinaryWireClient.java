package dev.obrol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.protocol.StreamLimits;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A raw-socket obrol peer that negotiates binary chunk frames ("binary_chunks"): writes JSON lines
 * and binary chunk frames byte by byte as a client would (or as a hostile one might), and reads
 * what the server sends as either, so tests see exactly which shape each chunk arrived in.
 */
public final class BinaryWireClient implements AutoCloseable {
    /** One thing the server sent: a JSON object or a binary chunk. */
    public sealed interface Frame permits Json, Chunk {}

    /** A JSON object (one line). */
    public record Json(JsonNode node) implements Frame {
        public String type() {
            return node.path("type").asText();
        }
    }

    /** A binary chunk frame, as read off the wire. */
    public record Chunk(String transferId, long offset, byte[] bytes) implements Frame {}

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    private BinaryWireClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
    }

    /** Connects and logs in announcing streamed files and binary chunks; fails unless the server lists binary chunks too. */
    public static BinaryWireClient login(InetSocketAddress server, String name) throws IOException {
        BinaryWireClient c = new BinaryWireClient(server);
        c.send("{\"type\":\"SET_USERNAME\",\"username\":" + WireClient.quote(name) + ",\"protocol\":2,\"client\":\"test\","
                + "\"lang\":\"en\",\"features\":[\"" + StreamLimits.FEATURE + "\",\"" + StreamLimits.BINARY_FEATURE + "\"]}\n");
        JsonNode answer = ((Json) c.receive()).node();
        if (!"SUCCESS".equals(answer.path("type").asText())
                || !answer.path("features").toString().contains(StreamLimits.BINARY_FEATURE)) {
            c.close();
            throw new IllegalStateException("no binary chunks negotiated: " + answer);
        }
        return c;
    }

    /** Writes one JSON line (or any text) in one write. */
    public void send(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes {@code bytes} as they are, in one write (a header alone, say). */
    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes one binary chunk frame: marker, id length, id, offset, payload length, payload. */
    public void sendChunk(String transferId, long offset, byte[] bytes) throws IOException {
        out.write(binaryFrame(transferId, offset, bytes));
        out.flush();
    }

    /** The bytes of one binary chunk frame, for tests that write it on another kind of socket. */
    public static byte[] binaryFrame(String transferId, long offset, byte[] bytes) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.length + 64);
        DataOutputStream frame = new DataOutputStream(buffer);
        try {
            frame.writeByte(0);
            frame.writeByte(transferId.length());
            frame.write(transferId.getBytes(StandardCharsets.US_ASCII));
            frame.writeLong(offset);
            frame.writeInt(bytes.length);
            frame.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e); // an in-memory stream does not fail
        }
        return buffer.toByteArray();
    }

    /** The next frame the server sent; fails after the socket timeout or at the end of the stream. */
    public Frame receive() throws IOException {
        int first;
        do {
            first = in.read();
            if (first < 0) {
                throw new EOFException("connection closed by the server");
            }
        } while (first == '\n' || first == ' ' || first == '\r');
        if (first == 0) {
            byte[] id = new byte[in.readUnsignedByte()];
            in.readFully(id);
            long offset = in.readLong();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new Chunk(new String(id, StandardCharsets.US_ASCII), offset, bytes);
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.write(first);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the middle of a line");
            }
            line.write(b);
        }
        return new Json(WireClient.JSON.readTree(line.toByteArray()));
    }

    /** The next JSON object of type {@code type}, skipping other objects (presence notices); a chunk in between fails. */
    public JsonNode receive(String type) throws IOException {
        return receiveJson(node -> type.equals(node.path("type").asText()));
    }

    private JsonNode receiveJson(Predicate<JsonNode> wanted) throws IOException {
        while (true) {
            Frame frame = receive();
            if (!(frame instanceof Json json)) {
                throw new AssertionError("a binary chunk where a JSON object was expected: " + frame);
            }
            if (wanted.test(json.node())) {
                return json.node();
            }
        }
    }

    /** The next frame that is not a presence notice. */
    public Frame receiveSkippingPresence() throws IOException {
        while (true) {
            Frame frame = receive();
            if (!(frame instanceof Json json) || !json.type().startsWith("PRESENCE")) {
                return frame;
            }
        }
    }

    /** True if the server closed the connection within the socket timeout (after whatever it sent first). */
    public boolean isClosedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // what came before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
