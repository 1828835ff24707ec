package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.net.KnownServers;
import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import dev.obrol.server.TrafficLog;
import dev.obrol.server.guard.Access;
import dev.obrol.server.guard.ServerTls;
import dev.obrol.testing.TrafficRecorder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client against a real TLS server: trust on first use, known servers, --fingerprint, wrong modes. */
class TlsClientIT {
    @TempDir
    Path dir;

    private final List<ObrolServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ObrolServer::close);
    }

    private InetSocketAddress start(Access access) throws Exception {
        ObrolServer server = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withAccess(access),
                new TrafficLog(new TrafficRecorder().logger()));
        servers.add(server);
        return server.start();
    }

    private ScriptedClient client(Path configDir, InetSocketAddress address, String name, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("127.0.0.1", String.valueOf(address.getPort()), "--username", name, "--lang", "en"));
        args.addAll(List.of(options));
        // Always a test's own config folder: the real ~/.config/obrol/known_servers must stay untouched.
        return ScriptedClient.startWithEnvironment(Map.of("OBROL_CONFIG_DIR", configDir.toString()), args.toArray(String[]::new));
    }

    @Test
    void firstUseAskedOnStdinThenTrustedSilentlyAndAChangedCertificateIsRefusedLoudly() throws Exception {
        ServerTls tls = ServerTls.selfSigned(dir.resolve("server.p12"));
        InetSocketAddress address = start(Access.open().withTls(tls.context()));
        Path config = dir.resolve("config");

        try (ScriptedClient alice = client(config, address, "Alice", "--tls")) {
            alice.awaitOutput("(yes/no)");
            assertThat(alice.output()).as("the fingerprint is shown to compare").contains("is not known yet").contains(tls.fingerprint());
            alice.type("yes").awaitOutput("Connected to");
            assertThat(new KnownServers(config.resolve("known_servers")).lookup("127.0.0.1:" + address.getPort()))
                    .as("remembered for next time").contains(tls.fingerprint());
            alice.type("/list").awaitOutput("Alice (you)");
        }
        try (ScriptedClient bob = client(config, address, "Bob", "--tls")) {
            bob.awaitOutput("Connected to");
            assertThat(bob.output()).as("a known server is trusted without a question").doesNotContain("(yes/no)");
        }

        ServerTls other = ServerTls.selfSigned(dir.resolve("impostor.p12"));
        InetSocketAddress impostor = start(Access.open().withTls(other.context()));
        // As if the user had trusted the real server at this address before.
        new KnownServers(config.resolve("known_servers")).remember("127.0.0.1:" + impostor.getPort(), tls.fingerprint());
        try (ScriptedClient carol = client(config, impostor, "Carol", "--tls")) {
            assertThat(carol.awaitExit()).as("refused, non-zero exit").isEqualTo(Login.EXIT_FAILED);
            assertThat(carol.errors()).as("said loudly, with both fingerprints and the file to edit")
                    .contains("CERTIFICATE HAS CHANGED").contains(tls.fingerprint()).contains(other.fingerprint())
                    .contains(config.resolve("known_servers").toString()).doesNotContain("Exception");
            assertThat(carol.output()).doesNotContain("Connected to").doesNotContain("(yes/no)");
        }
    }

    @Test
    void answeringNoOrNothingRefusesAndShowsHowToPassTheFingerprint() throws Exception {
        ServerTls tls = ServerTls.selfSigned(dir.resolve("server.p12"));
        InetSocketAddress address = start(Access.open().withTls(tls.context()));

        try (ScriptedClient scripted = client(dir.resolve("c1"), address, "Alice", "--tls")) {
            scripted.endInput(); // a script with no one to answer
            assertThat(scripted.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(scripted.errors()).as("the fingerprint and how to pass it").contains("--fingerprint " + tls.fingerprint());
        }
        try (ScriptedClient doubtful = client(dir.resolve("c2"), address, "Alice", "--tls")) {
            doubtful.awaitOutput("(yes/no)").type("no");
            assertThat(doubtful.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(doubtful.errors()).contains("you did not trust");
        }
        assertThat(dir.resolve("c2").resolve("known_servers")).as("nothing remembered").doesNotExist();
    }

    @Test
    void fingerprintOptionConnectsWithoutAQuestionAndAnotherOneIsRefused() throws Exception {
        ServerTls tls = ServerTls.selfSigned(dir.resolve("server.p12"));
        InetSocketAddress address = start(Access.open().withTls(tls.context()));
        String typedCasually = tls.fingerprint().substring("SHA256:".length()).replace(":", "").toLowerCase(Locale.ROOT);

        try (ScriptedClient alice = client(dir.resolve("c1"), address, "Alice", "--fingerprint", typedCasually)) {
            alice.awaitOutput("Connected to");
            assertThat(alice.output()).doesNotContain("(yes/no)");
        }

        String otherFingerprint = ServerTls.selfSigned(dir.resolve("other.p12")).fingerprint();
        try (ScriptedClient bob = client(dir.resolve("c2"), address, "Bob", "--fingerprint", otherFingerprint)) {
            assertThat(bob.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(bob.errors()).contains("not the one given with --fingerprint").contains(tls.fingerprint());
            assertThat(bob.output()).doesNotContain("Connected to");
        }
        assertThat(dir.resolve("c2").resolve("known_servers")).as("a refused certificate is not remembered").doesNotExist();
    }

    @Test
    void wrongModesGetClearMessages() throws Exception {
        ServerTls tls = ServerTls.selfSigned(dir.resolve("server.p12"));
        InetSocketAddress tlsServer = start(Access.open().withTls(tls.context()));
        InetSocketAddress plainServer = start(Access.open());

        try (ScriptedClient plainToTls = client(dir.resolve("c"), tlsServer, "Alice")) {
            assertThat(plainToTls.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(plainToTls.errors()).contains("connect with --tls");
        }
        try (ScriptedClient tlsToPlain = client(dir.resolve("c"), plainServer, "Alice", "--tls")) {
            assertThat(tlsToPlain.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(tlsToPlain.errors()).contains("without --tls").doesNotContain("Exception");
        }
        try (ScriptedClient verifying = client(dir.resolve("c"), tlsServer, "Alice", "--tls-verify")) {
            assertThat(verifying.awaitExit()).isEqualTo(Login.EXIT_FAILED);
            assertThat(verifying.errors()).contains("could not be verified").contains("use --tls");
        }
        try (ScriptedClient both = client(dir.resolve("c"), tlsServer, "Alice", "--tls-verify", "--tls")) {
            assertThat(both.awaitExit()).as("usage error").isEqualTo(2);
            assertThat(both.errors()).contains("cannot be combined");
        }
        try (ScriptedClient typo = client(dir.resolve("c"), tlsServer, "Alice", "--fingerprint", "SHA256:AB:CD")) {
            assertThat(typo.awaitExit()).isEqualTo(2);
            assertThat(typo.errors()).contains("is not a SHA-256 fingerprint");
        }
        assertThat(Files.exists(dir.resolve("c").resolve("known_servers"))).isFalse();
    }
}
