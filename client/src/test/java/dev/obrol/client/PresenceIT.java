package dev.obrol.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.MessageCodec;
import dev.obrol.server.LocalDelivery;
import dev.obrol.server.LocalDirectory;
import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import dev.obrol.server.Topology;
import dev.obrol.server.TrafficLog;
import dev.obrol.server.presence.ScopedPresence;
import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a busy server: the real server on a free port, its small-server limit set to one
 * user so that the scoped presence rule applies from the second login on; real clients driven
 * through piped standard input, each with its own config folder; the others are raw sockets.
 */
class PresenceIT {
    /** Above this many online, only watchers and conversation partners hear of a login. */
    private static final int SMALL_SERVER_LIMIT = 1;

    @TempDir
    Path work;

    private final TrafficRecorder traffic = new TrafficRecorder();
    private final List<WireClient> crowd = new ArrayList<>();
    private ObrolServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0);
        LocalDirectory directory = new LocalDirectory();
        Topology topology = new Topology(directory, new LocalDelivery(directory, new MessageCodec(config.limits().maxFrameBytes())),
                new ScopedPresence(directory, SMALL_SERVER_LIMIT));
        server = new ObrolServer(config, new TrafficLog(traffic.logger()), topology);
        address = server.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (WireClient c : crowd) {
            c.close();
        }
        server.close();
    }

    /** {@code obrol client} logged in as {@code name}, its config folder (and so its watch list) in work/name. */
    private ScriptedClient client(String name) throws IOException {
        Path config = work.resolve(name.toLowerCase());
        Files.createDirectories(config);
        return ScriptedClient.startWithEnvironment(Map.of("OBROL_CONFIG_DIR", config.toString()),
                "127.0.0.1", String.valueOf(address.getPort()), "--username", name, "--download-dir", config.toString(), "--lang", "en");
    }

    /**
     * {@code name} logged in over a raw socket, once the server has finished with the login: the
     * answer to a LIST sent after it comes when every login listener (presence included) has run.
     */
    private WireClient rawLogin(String name) throws IOException {
        WireClient c = WireClient.obrolWith(address, name, "presence_batch");
        c.send(WireClient.object("LIST"));
        c.receive("CLIENT_LIST");
        return c;
    }

    /** What the client printed after its login lines. */
    private static List<String> linesAfterLogin(ScriptedClient client) {
        List<String> lines = Arrays.asList(client.output().split("\\R"));
        return lines.subList(lines.indexOf("Type /help for the commands.") + 1, lines.size());
    }

    @Test
    void onABusyServerAWatcherHearsOfALoginAndSomeoneWhoNeitherWatchesNorTalkedToTheUserDoesNot() throws IOException {
        try (ScriptedClient carol = client("Carol"); ScriptedClient dewi = client("Dewi")) {
            carol.awaitOutput("Connected to");
            dewi.awaitOutput("Connected to");
            carol.type("/watch Bob").awaitOutput("* Not online now: Bob.");

            try (WireClient bob = rawLogin("Bob")) {
                carol.awaitOutput("* Bob is online.");

                // The fence: had Dewi been told of Bob, it would have come before this answer.
                dewi.type("/list").awaitOutput("Online (3): Bob, Carol, Dewi (you)");
                assertThat(linesAfterLogin(dewi)).as("the answer to /list is the first thing Dewi sees")
                        .containsExactly("Online (3): Bob, Carol, Dewi (you)");

                dewi.type("/msg Bob hi");
                assertThat(bob.receive("PEER_MSG").path("message").asText()).isEqualTo("hi");
            }
            carol.awaitOutput("* Bob left.");
            dewi.awaitOutput("* Bob left."); // a conversation partner now
        }
    }

    @Test
    void theWatchListSurvivesARestartAndIsSentAgainAfterTheNextLogin() throws IOException {
        try (ScriptedClient carol = client("Carol")) {
            carol.awaitOutput("Connected to");
            carol.type("/watch Bob Dewi").awaitOutput("* Not online now: Bob, Dewi.");
            carol.type("/quit");
            assertThat(carol.awaitExit()).isZero();
        }
        assertThat(Files.readAllLines(work.resolve("carol").resolve("watchlist"), UTF_8)).contains("Bob", "Dewi");

        crowd.add(rawLogin("Bob"));
        try (ScriptedClient carol = client("Carol")) {
            carol.awaitOutput("* Online now: Bob.");
            assertThat(carol.output()).as("after a login, only who is here is worth a line").doesNotContain("Not online now");

            WireClient dewi = rawLogin("Dewi");
            carol.awaitOutput("* Dewi is online.");
            dewi.close();
            carol.awaitOutput("* Dewi left.");
            carol.type("/watching").awaitOutput("  Dewi \u2014 offline");
            assertThat(carol.output()).contains("You watch 2 people:", "  Bob \u2014 online");
        }
    }

    @Test
    void listShowsAPageAtATimeWhenMoreThanAPageOfUsersIsOnline() throws IOException {
        for (int i = 0; i <= 500; i++) {
            crowd.add(WireClient.obrol(address, String.format("user%03d", i)));
        }
        try (ScriptedClient alice = client("Alice")) {
            alice.awaitOutput("Connected to");

            alice.type("/list").awaitOutput("502 online, showing 1 to 500. Type /list more for the next page.");
            assertThat(alice.output()).contains("Online (500): Alice (you), user000, user001, ")
                    .contains(", user498" + System.lineSeparator()).doesNotContain("user499");

            alice.type("/list more").awaitOutput("502 online, showing 501 to 502.");
            assertThat(alice.output()).contains("Online (2): user499, user500" + System.lineSeparator());

            alice.type("/list more").awaitOutput("There is no further page of the online list; /list shows it from the start.");
        }
    }

    /**
     * A name of 17 letters outside the Basic Multilingual Plane (CJK Extension B) is a valid name
     * of at most 32 characters, counted in code points, though it takes 34 UTF-16 units: watching
     * it must work (the server once skipped it in WATCH, comparing String.length()).
     */
    @Test
    void aWatcherHearsOfAUserWhoseNameIsMadeOfLettersBeyondTheBasicPlane() throws IOException {
        String name = "\uD840\uDC00".repeat(17); // U+20000, a Han letter, 17 times
        try (ScriptedClient carol = client("Carol")) {
            carol.awaitOutput("Connected to");
            carol.type("/watch " + name).awaitOutput("* Not online now: " + name + ".");

            crowd.add(rawLogin(name));

            carol.awaitOutput("* " + name + " is online.");
        }
    }
}
