package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import dev.obrol.server.TrafficLog;
import dev.obrol.server.guard.Access;
import dev.obrol.server.guard.ServerPassword;
import dev.obrol.server.guard.ServerTls;
import dev.obrol.testing.TrafficRecorder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client against a real password-protected server: from a file, the environment, or asked for. */
class PasswordClientIT {
    private static final String PASSWORD = "s3cret-pass";

    @TempDir
    Path dir;

    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(Access access) throws Exception {
        server = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withAccess(access), new TrafficLog(traffic.logger()));
        return server.start();
    }

    private ScriptedClient client(Map<String, String> env, InetSocketAddress address, String name, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("127.0.0.1", String.valueOf(address.getPort()), "--username", name, "--lang", "en"));
        args.addAll(List.of(options));
        Map<String, String> whole = new HashMap<>(env);
        whole.put("OBROL_CONFIG_DIR", dir.resolve("config").toString());
        return ScriptedClient.startWithEnvironment(whole, args.toArray(String[]::new));
    }

    @Test
    void passwordFromFileOrEnvironmentIsAcceptedAndNeverShownOrLogged() throws Exception {
        InetSocketAddress address = start(Access.open().withPassword(ServerPassword.of(PASSWORD)));
        Path file = Files.writeString(dir.resolve("password.txt"), PASSWORD + "\nsecond line is ignored\n");

        try (ScriptedClient alice = client(Map.of(), address, "Alice", "--password-file", file.toString())) {
            alice.awaitOutput("Connected to");
            try (ScriptedClient bob = client(Map.of("OBROL_PASSWORD", PASSWORD), address, "Bob")) {
                bob.awaitOutput("Connected to");
                alice.type("/msg Bob hi");
                bob.awaitOutput("[Alice] hi");
                assertThat(bob.output() + bob.errors()).doesNotContain(PASSWORD);
            }
            assertThat(alice.output() + alice.errors()).doesNotContain(PASSWORD);
        }
        assertThat(traffic.lines()).as("the traffic log never holds the password").noneMatch(l -> l.contains("s3cret"));
    }

    @Test
    void wrongGivenPasswordEndsTheLoginWithItsOriginAndNoQuestion() throws Exception {
        InetSocketAddress address = start(Access.open().withPassword(ServerPassword.of(PASSWORD)));
        Path file = Files.writeString(dir.resolve("password.txt"), "s3cret-pasS");

        try (ScriptedClient alice = client(Map.of(), address, "Alice", "--password-file", file.toString())) {
            assertThat(alice.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(alice.errors()).contains("The server refused the password from --password-file " + file);
            assertThat(alice.output()).doesNotContain("Server password:").doesNotContain("Connected to");
        }
        try (ScriptedClient bob = client(Map.of("OBROL_PASSWORD", "guess"), address, "Bob")) {
            assertThat(bob.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(bob.errors()).contains("from OBROL_PASSWORD").doesNotContain("guess");
        }
        try (ScriptedClient typo = client(Map.of(), address, "Carol", "--password-file", dir.resolve("missing").toString())) {
            assertThat(typo.awaitExit()).as("usage error").isEqualTo(2);
            assertThat(typo.errors()).contains("cannot be read");
        }
        assertThat(server.directory().size()).isZero();
    }

    @Test
    void missingPasswordIsAskedForUntilRightOrGivenUp() throws Exception {
        InetSocketAddress address = start(Access.open().withPassword(ServerPassword.of(PASSWORD)));

        try (ScriptedClient alice = client(Map.of(), address, "Alice")) {
            alice.awaitOutput("This server needs a password.").awaitOutput("Server password: ");
            alice.type("not-it").awaitOutput("Wrong password.").awaitOutput("Server password: ", 2);
            alice.type(PASSWORD).awaitOutput("Connected to");
            assertThat(alice.output()).as("the same name, not asked again").doesNotContain("Enter your username");
        }
        try (ScriptedClient bob = client(Map.of(), address, "Bob")) {
            bob.awaitOutput("Server password: ");
            bob.endInput();
            assertThat(bob.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(bob.errors()).contains("--password-file FILE or the environment variable OBROL_PASSWORD");
        }
        try (ScriptedClient carol = client(Map.of(), address, "Carol")) {
            for (int i = 1; i <= PasswordSource.MAX_TRIES; i++) {
                carol.awaitOutput("Server password: ", i).type("wrong-" + i);
            }
            assertThat(carol.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(carol.errors()).contains("Wrong password 3 times: giving up.");
        }
    }

    @Test
    void passwordSentInPlainTextToATlsPortIsNotDumpedIntoTheServerLog() throws Exception {
        ServerTls tls = ServerTls.selfSigned(dir.resolve("server.p12"));
        InetSocketAddress address = start(Access.open().withTls(tls.context()).withPassword(ServerPassword.of(PASSWORD)));

        try (ScriptedClient alice = client(Map.of("OBROL_PASSWORD", PASSWORD), address, "Alice")) {
            assertThat(alice.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(alice.errors()).contains("connect with --tls");
        }
        await().untilAsserted(() -> assertThat(traffic.lines()).anyMatch(l -> l.contains("TLS failed")));
        String hex = HexFormat.of().formatHex(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(traffic.lines()).as("neither as text nor as a hex dump of the bytes")
                .noneMatch(l -> l.contains(PASSWORD) || l.toLowerCase(Locale.ROOT).contains(hex));
    }
}
