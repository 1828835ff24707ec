package dev.obrol.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test peer that speaks raw JSON over a socket, like the original v1 client: one object per
 * write with no delimiter, reading whatever objects arrive. Can also speak protocol 2.
 */
public final class WireClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final JsonParser parser;

    public WireClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        // A Reader, not the InputStream: the byte parser would block detecting the encoding.
        parser = new JsonFactory().createParser(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Connects and logs in as a v1 client (only a username, no delimiter). */
    public static WireClient v1(InetSocketAddress server, String name) throws IOException {
        return loggedIn(server, "{\"type\":\"SET_USERNAME\",\"username\":" + quote(name) + "}");
    }

    /** Connects and logs in as an obrol (protocol 2) client reading English. */
    public static WireClient obrol(InetSocketAddress server, String name) throws IOException {
        return loggedIn(server, "{\"type\":\"SET_USERNAME\",\"username\":" + quote(name)
                + ",\"protocol\":2,\"client\":\"test\",\"lang\":\"en\"}");
    }

    /** Connects and logs in as an obrol client that announces streamed files ("stream_files"). */
    public static WireClient streaming(InetSocketAddress server, String name) throws IOException {
        return loggedIn(server, "{\"type\":\"SET_USERNAME\",\"username\":" + quote(name)
                + ",\"protocol\":2,\"client\":\"test\",\"lang\":\"en\",\"features\":[\"stream_files\"]}\n");
    }

    /** Connects and logs in as an obrol client announcing {@code features} (e.g. "presence_batch", "watch"). */
    public static WireClient obrolWith(InetSocketAddress server, String name, String... features) throws IOException {
        StringBuilder list = new StringBuilder();
        for (String feature : features) {
            list.append(list.length() == 0 ? "" : ",").append(quote(feature));
        }
        return loggedIn(server, "{\"type\":\"SET_USERNAME\",\"username\":" + quote(name)
                + ",\"protocol\":2,\"client\":\"test\",\"lang\":\"en\",\"features\":[" + list + "]}\n");
    }

    /** Connects, sends {@code handshake}, and fails unless the answer is SUCCESS. */
    private static WireClient loggedIn(InetSocketAddress server, String handshake) throws IOException {
        WireClient c = new WireClient(server);
        c.send(handshake);
        JsonNode answer = c.receive();
        if (!"SUCCESS".equals(answer.path("type").asText())) {
            c.close();
            throw new IllegalStateException("login refused: " + answer);
        }
        return c;
    }

    /** Writes raw text as one write, without a delimiter (as v1 does). */
    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void send(ObjectNode message) throws IOException {
        send(JSON.writeValueAsString(message));
    }

    /**
     * Sends a streamed-file control message, {@code {"type":TYPE,"transfer_id":ID,FIELD:VALUE}}: a
     * Long value as a number, anything else as text.
     */
    public void sendControl(String type, String transferId, String field, Object value) throws IOException {
        ObjectNode node = object(type).put("transfer_id", transferId);
        if (value instanceof Long l) {
            node.put(field, l);
        } else {
            node.put(field, String.valueOf(value));
        }
        send(node);
    }

    public static ObjectNode object(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    /** The next object from the server; fails after the socket timeout. */
    public JsonNode receive() throws IOException {
        if (parser.nextToken() == null) {
            throw new IOException("connection closed by the server");
        }
        return JSON.readTree(parser);
    }

    /** The next object of the given type, skipping others (e.g. presence notices). */
    public JsonNode receive(String type) throws IOException {
        return receive(node -> type.equals(node.path("type").asText()));
    }

    public JsonNode receive(Predicate<JsonNode> wanted) throws IOException {
        while (true) {
            JsonNode node = receive();
            if (wanted.test(node)) {
                return node;
            }
        }
    }

    /** True if the server closed the connection (end of stream) within the socket timeout. */
    public boolean isClosedByServer() throws IOException {
        try {
            while (parser.nextToken() != null) {
                JSON.readTree(parser);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    public void setTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /**
     * Sends PING and returns the very next object: the PONG when nothing was waiting for this
     * client. PING is answered in any state (before login too) and in order after everything the
     * server already queued for this client, so unlike "nothing arrived within N ms" this cannot
     * pass just because the server was slow.
     */
    public JsonNode nextBeforePong() throws IOException {
        send("{\"type\":\"PING\"}");
        return receive();
    }

    /**
     * Fails unless nothing is waiting for this client: the very next object after a PING must be
     * its PONG. Whatever could have sent the unwanted object must have been handled first: a
     * request of this client's, or one of another client's followed by its {@link #awaitHandled}.
     */
    public void assertNothingPending(String why) throws IOException {
        JsonNode next = nextBeforePong();
        if (!"PONG".equals(next.path("type").asText())) {
            throw new AssertionError(why + ": expected nothing before the PONG, got " + next);
        }
    }

    /**
     * Returns once the server has handled everything this client sent so far (requests from one
     * connection are handled in order): sends PING and reads up to its PONG. Returns what came before it.
     */
    public List<JsonNode> awaitHandled() throws IOException {
        send("{\"type\":\"PING\"}");
        List<JsonNode> before = new ArrayList<>();
        for (JsonNode node = receive(); !"PONG".equals(node.path("type").asText()); node = receive()) {
            before.add(node);
        }
        return before;
    }

    public static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
