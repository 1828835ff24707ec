package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.testing.JarProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients chatting through a server process with a 64 MiB heap: every message arrives
 * exactly once and in order per pair, and the server stays up. Bounded by message count, not time.
 */
class SoakProcessIT {
    private static final int CLIENTS = 100;
    private static final int MESSAGES_EACH = 200;

    @TempDir
    Path work;

    @Test
    void manyClientsUnderASmallHeapGetEveryMessageOnceAndInOrder() throws Exception {
        int port = JarProcess.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx64m", "-jar", JarProcess.jar(), "server", "127.0.0.1",
                String.valueOf(port), "--message-rate", "0", "--connection-rate", "0", "--max-connections-per-address", "0")
                .directory(work.toFile()).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.contains("[TRAFFIC]") || line.contains("DISCONNECT") || line.contains("ERROR")) {
                        output.add(line); // 20 000 message lines are not worth keeping
                    }
                }
            } catch (Exception ignored) {
                // process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        List<HostilePeer> peers = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> output.stream().anyMatch(l -> l.contains("listening on")));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            for (int i = 0; i < CLIENTS; i++) {
                peers.add(HostilePeer.v1(address, "soak" + i));
            }
            // Each client reads on its own thread and checks that its left neighbour's numbers come 0, 1, 2, ...
            ConcurrentHashMap<Integer, String> problems = new ConcurrentHashMap<>();
            AtomicInteger delivered = new AtomicInteger();
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int me = i;
                String from = "soak" + ((i + CLIENTS - 1) % CLIENTS);
                Thread reader = new Thread(() -> {
                    int expected = 0;
                    try {
                        while (expected < MESSAGES_EACH) {
                            JsonNode m = peers.get(me).receive();
                            if (!"PEER_MSG".equals(m.path("type").asText()) || !from.equals(m.path("from_username").asText())) {
                                problems.put(me, "unexpected " + m);
                                return;
                            }
                            int seq = Integer.parseInt(m.path("message").asText().split(" ")[0]);
                            if (seq != expected) {
                                problems.put(me, "expected " + expected + " got " + seq);
                                return;
                            }
                            expected++;
                            delivered.incrementAndGet();
                        }
                    } catch (Exception e) {
                        problems.put(me, e.toString());
                    }
                });
                reader.start();
                readers.add(reader);
            }
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int me = i;
                String to = "soak" + ((i + 1) % CLIENTS);
                Thread writer = new Thread(() -> {
                    try {
                        for (int seq = 0; seq < MESSAGES_EACH; seq++) {
                            peers.get(me).send("{\"type\":\"MSG\",\"to_username\":\"" + to + "\",\"message\":\"" + seq
                                    + " halo 👋 dari soak" + me + "\"}");
                        }
                    } catch (Exception e) {
                        problems.put(me, "send: " + e);
                    }
                });
                writer.start();
                writers.add(writer);
            }
            for (Thread t : writers) {
                t.join(120_000);
            }
            for (Thread t : readers) {
                t.join(120_000);
            }
            assertThat(problems).as("every message exactly once and in order").isEmpty();
            assertThat(delivered.get()).isEqualTo(CLIENTS * MESSAGES_EACH);
            // Once every client's PING is answered, every MSG has been handled and its delivery queued;
            // the second round's PONGs then come after anything extra, which would show first.
            for (int round = 0; round < 2; round++) {
                for (HostilePeer peer : peers) {
                    peer.assertNothingPending("no duplicate or extra message");
                }
            }
            assertThat(server.isAlive()).as("the server survived with a 64 MiB heap").isTrue();
            assertThat(output).noneMatch(l -> l.contains("OutOfMemoryError"));
        } finally {
            for (HostilePeer p : peers) {
                p.close();
            }
            server.destroy();
            server.waitFor();
        }
    }
}
