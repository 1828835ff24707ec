package dev.obrol.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the original Python server, answering as WIRE.md describes: SUCCESS with only a
 * message, each object written alone with no newline, CLIENT_LIST without the requester, names
 * compared case-sensitively, the whole file pushed with the offer. It reads back-to-back objects
 * leniently (better than v1 does) so the tests do not depend on TCP timing. Plain sockets, a
 * thread per client, as the original.
 *
 * <p>It has the original's worst defect too: everything is handled under one server lock, and
 * passing something to a user who is not online deadlocks on it, so from then on nobody gets an
 * answer and nobody can log in ({@link #frozen()}); only {@link #close} lets the threads go.
 */
final class FakeV1Server implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final ServerSocket listener;
    private final Map<String, OutputStream> clients = new ConcurrentHashMap<>();
    /** Every object received, as text, in arrival order. */
    final List<String> received = new CopyOnWriteArrayList<>();
    /** The same, with the name of the user who sent each (null before login). */
    private final List<Map.Entry<String, String>> receivedWithSender = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** The original's one lock (a non-reentrant one, taken again on the way to an error: held for good). */
    private final Object serverLock = new Object();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean frozen;

    FakeV1Server() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-v1-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket), "fake-v1-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String name = null;
        try (socket; MappingIterator<JsonNode> objects = json.readerFor(JsonNode.class).readValues(socket.getInputStream())) {
            OutputStream out = socket.getOutputStream();
            while (objects.hasNextValue()) {
                JsonNode message = objects.nextValue();
                received.add(message.toString());
                receivedWithSender.add(new AbstractMap.SimpleImmutableEntry<>(name, message.toString()));
                String type = message.path("type").asText();
                synchronized (serverLock) {
                    name = handleOne(name, out, type, message);
                }
                if (name == null) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            if (name != null) {
                clients.remove(name);
            }
        }
    }

    /** Handles one object, under the server lock; the sender's name afterwards, or null to hang up. */
    private String handleOne(String name, OutputStream out, String type, JsonNode message) throws IOException {
        if (name == null) {
            if (!type.equals("SET_USERNAME")) {
                return null;
            }
            String wanted = message.path("username").asText();
            if (clients.putIfAbsent(wanted, out) != null) {
                send(out, Map.of("type", "ERROR", "message", "Username \"" + wanted + "\" sudah digunakan. Koneksi ditutup."));
                return null;
            }
            send(out, Map.of("type", "SUCCESS", "message", "Selamat datang, " + wanted + "!"));
            return wanted;
        }
        handle(name, out, type, message);
        return name;
    }

    private void handle(String from, OutputStream out, String type, JsonNode m) throws IOException {
        switch (type) {
            case "MSG" -> relay(out, m.path("to_username").asText(),
                    Map.of("type", "PEER_MSG", "from_username", from, "message", m.path("message").asText()));
            case "FILE" -> {
                String to = m.path("to_username").asText();
                String file = m.path("filename").asText();
                if (relay(out, to, Map.of("type", "FILE_OFFER", "from_username", from, "filename", file,
                        "filedata", m.path("filedata").asText(), "message", from + " ingin mengirim file: " + file))) {
                    send(out, Map.of("type", "INFO", "message", "File " + file + " dikirim ke " + to + ", menunggu respons..."));
                }
            }
            case "FILE_RESPONSE" -> {
                boolean accepted = m.path("accepted").asBoolean();
                String file = m.path("filename").asText();
                relay(out, m.path("from_username").asText(), Map.of(
                        "type", accepted ? "FILE_ACCEPTED" : "FILE_REJECTED", "from_username", from, "filename", file,
                        "message", from + (accepted ? " menerima" : " menolak") + " file " + file));
            }
            case "LIST" -> {
                ObjectNode list = json.createObjectNode().put("type", "CLIENT_LIST");
                clients.keySet().stream().filter(n -> !n.equals(from)).sorted()
                        .forEach(n -> list.withArray("clients").addObject().put("username", n));
                if (!list.has("clients")) {
                    list.putArray("clients");
                }
                send(out, list);
            }
            default -> { } // v1 logs unknown input and does nothing else
        }
    }

    private boolean relay(OutputStream senderOut, String to, Object message) throws IOException {
        OutputStream target = clients.get(to);
        if (target == null) {
            // The original takes its lock a second time to send this error, and waits for itself forever.
            frozen = true;
            holdForGood();
        }
        send(target, message);
        return true;
    }

    /** Keeps the server lock until the server is closed, as the original keeps it until it is killed. */
    private void holdForGood() throws IOException {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("the server was stopped while frozen");
    }

    /** True once the server has deadlocked (something was to be passed to a user who is not online). */
    boolean frozen() {
        return frozen;
    }

    /** True while {@code name} is logged in. */
    boolean online(String name) {
        return clients.containsKey(name);
    }

    /** The types of the objects {@code name} sent after logging in, in order. */
    List<String> typesFrom(String name) {
        return receivedWithSender.stream().filter(e -> name.equals(e.getKey()))
                .map(e -> e.getValue().replaceFirst("^\\{\"type\":\"([A-Z_]+)\".*$", "$1")).toList();
    }

    /** One object, one write, no delimiter: exactly how v1 writes. */
    private void send(OutputStream out, Object message) throws IOException {
        byte[] bytes = json.writeValueAsString(message).getBytes(UTF_8);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Drops every connection, as a crashed server would. */
    void dropEveryone() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        listener.close();
    }
}
