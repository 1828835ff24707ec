package dev.obrol.client;

import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import dev.obrol.server.TrafficLog;
import dev.obrol.testing.JarProcess;
import dev.obrol.testing.Tmux;
import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real client (the built jar) in a pseudo-terminal (tmux), typed at like a person: a message
 * arriving mid-line leaves the half-typed text intact, Tab completes an online username, and the
 * history survives the run.
 */
class TerminalClientProcessIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path work;

    private ObrolServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Tmux.available(), "tmux is not installed; CI installs it (apt-get install -y tmux in .ci/run)");
        server = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0), new TrafficLog(new TrafficRecorder().logger()));
        port = server.start().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Tmux client(Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> env = Map.of("OBROL_CONFIG_DIR", config.toString(), "LANG", "C.UTF-8");
        return Tmux.start(work, env, 100, 24, List.of(java, "-Xmx128m", "-jar", JarProcess.jar(),
                "client", "127.0.0.1", String.valueOf(port), "--username", "alice", "--lang", "en"));
    }

    /** Waits until {@code text} is on the screen; on a timeout the failure shows the screen. */
    private static void seeOnScreen(Tmux tmux, String text) throws Exception {
        try {
            await().atMost(PATIENCE).until(() -> tmux.screenText().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("\"" + text + "\" never appeared on the screen:\n" + tmux.screenText(), e);
        }
    }

    /** The row the cursor is typing on: the last one with the prompt. */
    private static int promptRow(List<String> screen) {
        for (int i = screen.size() - 1; i >= 0; i--) {
            if (screen.get(i).startsWith("> ") || screen.get(i).startsWith("[\u2192")) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void tabCompletesANameAndAnArrivingMessageLeavesTheHalfTypedLineIntact() throws Exception {
        Path config = work.resolve("config");
        try (WireClient carol = WireClient.obrol(new java.net.InetSocketAddress("127.0.0.1", port), "carol");
                Tmux alice = client(config)) {
            seeOnScreen(alice, "Connected to 127.0.0.1:" + port + " as alice.");
            seeOnScreen(alice, "\u00b7 alice \u00b7");

            alice.type("/msg ca");
            alice.press("Tab");
            seeOnScreen(alice, "> /msg carol"); // Tab completed the online user carol (the screen keeps no trailing space)

            alice.type("half typ");
            seeOnScreen(alice, "> /msg carol half typ");
            carol.send(object("MSG").put("to_username", "alice").put("message", "ping from carol"));
            seeOnScreen(alice, "[carol] ping from carol");

            List<String> screen = alice.screen();
            int prompt = promptRow(screen);
            int message = screen.indexOf("[carol] ping from carol");
            assertThat(prompt).as("the prompt is still on screen:\n%s", String.join("\n", screen)).isNotNegative();
            assertThat(screen.get(prompt)).as("the half-typed line is intact").isEqualTo("> /msg carol half typ");
            assertThat(message).as("the message appears above the line being typed").isLessThan(prompt);

            alice.type("ed");
            alice.press("Enter");
            assertThat(carol.receive("PEER_MSG").path("message").asText()).isEqualTo("half typed");
            seeOnScreen(alice, "\u00b7 to carol \u00b7");

            alice.type("/quit");
            alice.press("Enter");
            Path history = config.resolve("history");
            await("history is kept between runs").atMost(PATIENCE).until(() -> Files.exists(history)
                    && Files.readString(history).contains("/msg carol half typed"));
        }
    }

    @Test
    void historyFromAnEarlierRunComesBackWithUp() throws Exception {
        Path config = work.resolve("config");
        Files.createDirectories(config);
        // JLine's history file: one "epoch-millis:line" entry per line.
        Files.writeString(config.resolve("history"), "1700000000000:/msg carol from yesterday\n");
        try (WireClient carol = WireClient.obrol(new java.net.InetSocketAddress("127.0.0.1", port), "carol");
                Tmux alice = client(config)) {
            seeOnScreen(alice, "as alice.");
            // A key pressed before the line editor runs goes to the terminal's cooked mode; wait for the editor.
            alice.type("x");
            seeOnScreen(alice, "> x");
            alice.press("BSpace", "Up");
            seeOnScreen(alice, "> /msg carol from yesterday");
            alice.press("Enter");

            assertThat(carol.receive("PEER_MSG").path("message").asText()).isEqualTo("from yesterday");
        }
    }

    /** "/quit" is typed and entered, "SIGTERM" is sent to the process; anything else is a key pressed by its tmux name. */
    @ParameterizedTest
    @ValueSource(strings = {"/quit", "C-c", "C-d", "SIGTERM"})
    void theStatusLineDoesNotStayOnScreenAfterLeaving(String wayOut) throws Exception {
        try (Tmux alice = client(work.resolve("config"))) {
            String statusLine = "127.0.0.1:" + port + " \u00b7 alice \u00b7";
            seeOnScreen(alice, statusLine);
            // A key pressed before the line editor runs goes to the terminal's cooked mode; wait for the editor.
            alice.type("x");
            seeOnScreen(alice, "> x");
            alice.press("BSpace");
            if (wayOut.startsWith("/")) {
                alice.type(wayOut);
                alice.press("Enter");
            } else if (wayOut.equals("SIGTERM")) {
                ProcessHandle.of(alice.pid()).orElseThrow().destroy();
            } else {
                alice.press(wayOut);
            }
            await("the client ends").atMost(PATIENCE).until(alice::exited);

            assertThat(alice.screenText()).as("the screen the shell gets back").doesNotContain(statusLine);
        }
    }
}
