package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The messages scenario speaking IRC, against a minimal IRC server in the test: everything counted, nothing lost. No timings asserted. */
class IrcScenarioIT {
    private TinyIrcServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TinyIrcServer();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void openLoopOverIrcDeliversEverythingInOrderAndAnswersPings() {
        var config = new MessagesScenario.Config(
                3, 100, 300, 8, Duration.ofMillis(600), Duration.ofMillis(200), Duration.ofSeconds(10), 1, new IrcWire());

        MessagesResult sut = new MessagesScenario(config, Progress.silent()).run(server.address());

        assertThat(sut.login()).isEqualTo("irc");
        assertThat(sut.sent()).as("messages sent").isPositive();
        assertThat(sut.delivered()).as("every sent message is delivered").isEqualTo(sut.sent());
        assertThat(server.relayed.size()).as("PRIVMSGs the server relayed, one per message").isEqualTo((int) sut.sent());
        assertThat(sut.lost()).as("lost").isZero();
        assertThat(sut.reordered()).as("reordered").isZero();
        assertThat(sut.errors()).as("errors (the welcome burst and PINGs must not count): %s", sut.errorSamples()).isZero();
        assertThat(sut.latencyMs().count()).as("latency samples in the measured window").isPositive();
        await().untilAsserted(() -> assertThat(server.pongs).as("a PONG with its token from every client").hasSize(6));
    }

    @Test
    void closedLoopOverIrcKeepsTheWindowsFull() {
        var config = new MessagesScenario.Config(
                2, 40, 0, 4, Duration.ofMillis(400), Duration.ZERO, Duration.ofSeconds(10), 1, new IrcWire());

        MessagesResult sut = new MessagesScenario(config, Progress.silent()).run(server.address());

        assertThat(sut.delivered()).as("delivered").isPositive().isEqualTo(sut.sent());
        assertThat(sut.lost()).as("lost").isZero();
        assertThat(sut.errors()).as("errors: %s", sut.errorSamples()).isZero();
    }

    /**
     * Just enough IRC for the bench, one thread per client: the welcome burst after NICK and USER
     * (001, then 422 and a PING as real servers send), PRIVMSG relayed to the named nick with the
     * sender's prefix. Remembers the PONGs and the relayed lines.
     */
    private static final class TinyIrcServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Map<String, Writer> byNick = new ConcurrentHashMap<>();
        final Set<String> pongs = ConcurrentHashMap.newKeySet();
        final Set<String> relayed = ConcurrentHashMap.newKeySet();

        TinyIrcServer() throws IOException {
            daemon(() -> {
                while (!socket.isClosed()) {
                    Socket client = socket.accept();
                    daemon(() -> serve(client));
                }
            });
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        private void serve(Socket client) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
            String nick = "*";
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.split(" ", 3);
                switch (words[0]) {
                    case "NICK" -> nick = words[1];
                    case "USER" -> {
                        byNick.put(nick, out);
                        send(out, ":tiny 001 " + nick + " :Welcome\r\n:tiny 422 " + nick + " :No MOTD\r\nPING :tiny-" + nick + "\r\n");
                    }
                    case "PONG" -> pongs.add(line);
                    case "PRIVMSG" -> {
                        relayed.add(nick + " " + words[2]); // sender and text (with its sequence number): unique
                        send(byNick.get(words[1]), ":" + nick + "!bench@127.0.0.1 " + line + "\r\n");
                    }
                    default -> send(out, ":tiny 421 " + nick + " " + words[0] + " :Unknown command\r\n");
                }
            }
            client.close();
        }

        private static void send(Writer out, String text) throws IOException {
            synchronized (out) {
                out.write(text);
                out.flush();
            }
        }

        private static void daemon(IoAction action) {
            Thread t = new Thread(() -> {
                try {
                    action.run();
                } catch (IOException e) {
                    // the socket closed: the run is over
                }
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private interface IoAction {
            void run() throws IOException;
        }
    }
}
