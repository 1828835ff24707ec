package dev.obrol.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A test peer that can send arbitrary bytes (invalid UTF-8, NULs, endless frames) and reads the
 * server's JSON replies. Optionally with a tiny receive buffer, to play a client that stops reading.
 */
final class HostilePeer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final JsonParser parser;

    HostilePeer(InetSocketAddress server) throws IOException {
        this(server, 0);
    }

    /** @param receiveBuffer SO_RCVBUF to ask for before connecting; 0 for the default */
    HostilePeer(InetSocketAddress server, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(server, 5_000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        parser = new JsonFactory().createParser(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Connects and logs in as a v1 client. */
    static HostilePeer v1(InetSocketAddress server, String name) throws IOException {
        HostilePeer peer = new HostilePeer(server);
        peer.send("{\"type\":\"SET_USERNAME\",\"username\":\"" + name + "\"}");
        peer.expect("SUCCESS");
        return peer;
    }

    /** Connects and logs in as an obrol (protocol 2) client announcing {@code features}. */
    static HostilePeer obrol(InetSocketAddress server, String name, String... features) throws IOException {
        HostilePeer peer = new HostilePeer(server);
        StringBuilder list = new StringBuilder();
        for (String f : features) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(f).append('"');
        }
        peer.send("{\"type\":\"SET_USERNAME\",\"username\":\"" + name
                + "\",\"protocol\":2,\"client\":\"test\",\"lang\":\"en\",\"features\":[" + list + "]}");
        peer.expect("SUCCESS");
        return peer;
    }

    void send(String text) throws IOException {
        sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next object from the server; fails after the socket timeout or at end of stream. */
    JsonNode receive() throws IOException {
        if (parser.nextToken() == null) {
            throw new IOException("connection closed by the server");
        }
        return JSON.readTree(parser);
    }

    /** The next object, which must be of {@code type} (presence notices are skipped). */
    JsonNode expect(String type) throws IOException {
        JsonNode node = receive();
        while (!type.equals("PRESENCE") && "PRESENCE".equals(node.path("type").asText())) {
            node = receive();
        }
        if (!type.equals(node.path("type").asText())) {
            throw new AssertionError("expected " + type + ", got " + node);
        }
        return node;
    }

    /** The next ERROR, whose code is returned (presence notices and the like are skipped). */
    String nextErrorCode() throws IOException {
        while (true) {
            JsonNode node = receive();
            if ("ERROR".equals(node.path("type").asText())) {
                return node.path("code").asText();
            }
        }
    }

    /** True if the server closed the connection (end of stream or reset) within the timeout. */
    boolean isClosedByServer() throws IOException {
        try {
            while (parser.nextToken() != null) {
                JSON.readTree(parser);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Sends PING and returns the very next object: the PONG when nothing was waiting for this
     * peer. PING is answered in any state (before login too) and in order after everything the
     * server already queued for this peer, so unlike "nothing arrived within N ms" this cannot
     * pass just because the server was slow.
     */
    JsonNode nextBeforePong() throws IOException {
        send("{\"type\":\"PING\"}");
        return receive();
    }

    /**
     * Fails unless nothing is waiting for this peer: the very next object after a PING must be
     * its PONG. Whatever could have sent the unwanted object must have been handled first: a
     * request of this peer's, or one of another peer's followed by its {@link #awaitHandled}.
     */
    void assertNothingPending(String why) throws IOException {
        JsonNode next = nextBeforePong();
        if (!"PONG".equals(next.path("type").asText())) {
            throw new AssertionError(why + ": expected nothing before the PONG, got " + next);
        }
    }

    /**
     * Returns once the server has handled everything this peer sent so far (requests from one
     * connection are handled in order): sends PING and reads up to its PONG, skipping the rest.
     */
    void awaitHandled() throws IOException {
        send("{\"type\":\"PING\"}");
        JsonNode node;
        do {
            node = receive(); // replies to earlier requests, then the PONG
        } while (!"PONG".equals(node.path("type").asText()));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
