package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import dev.obrol.server.TrafficLog;
import dev.obrol.testing.TrafficRecorder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the real server on a free port, real clients driven through piped standard input. */
class ObrolServerIT {
    @TempDir
    Path work;

    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer server;
    private InetSocketAddress address;
    private Path aliceDownloads;
    private Path bobDownloads;

    @BeforeEach
    void start() throws Exception {
        server = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0), new TrafficLog(traffic.logger()));
        address = server.start();
        aliceDownloads = Files.createDirectory(work.resolve("alice"));
        bobDownloads = Files.createDirectory(work.resolve("bob"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ScriptedClient client(String name, Path downloads) throws IOException {
        return ScriptedClient.start("127.0.0.1", String.valueOf(address.getPort()), "--username", name,
                "--download-dir", downloads.toString(), "--lang", "en");
    }

    @Test
    void aliceAndBobChatAndSendFilesBothWays() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads)) {
            alice.awaitOutput("Connected to");
            assertThat(alice.output()).as("an obrol server is not v1").doesNotContain("original (v1) server");

            try (ScriptedClient bob = client("Bob", bobDownloads)) {
                bob.awaitOutput("Connected to");
                alice.awaitOutput("* Bob is online.");

                alice.type("/list").awaitOutput("Online (2): ");
                assertThat(alice.output()).contains("Alice (you)").contains("Bob");
                bob.type("/list").awaitOutput("Bob (you)");

                alice.type("/msg Bob Hello Bob, how are you? 👋 مرحبا");
                bob.awaitOutput("[Alice] Hello Bob, how are you? 👋 مرحبا");
                bob.type("/msg Alice Hi Alice! I'm good, thanks!").type("Kirim filenya ya");
                alice.awaitOutput("[Bob] Hi Alice! I'm good, thanks!").awaitOutput("[Bob] Kirim filenya ya");

                byte[] bytes = new byte[200_000]; // far over v1's 4 KiB: only possible with an obrol server
                new Random(42).nextBytes(bytes);
                Path file = Files.write(work.resolve("test file.bin"), bytes);
                alice.type("/sendfile Bob " + file);
                bob.awaitOutput("Alice offers you the file \"test file.bin\" (195.3 KiB)").awaitOutput("/acceptfile Alice");
                bob.type("/acceptfile Alice").awaitOutput("Saved \"test file.bin\" from Alice");
                assertThat(bobDownloads.resolve("received_test file.bin")).hasBinaryContent(bytes);
                alice.awaitOutput("Bob accepted your file \"test file.bin\"");

                Path unwanted = Files.writeString(work.resolve("unwanted.txt"), "no thanks");
                bob.type("/sendfile Alice '" + unwanted + "'");
                alice.awaitOutput("/rejectfile Bob").type("/rejectfile Bob").awaitOutput("Rejected \"unwanted.txt\" from Bob");
                bob.awaitOutput("Alice rejected your file \"unwanted.txt\"");
                assertThat(aliceDownloads.toFile().list()).as("a rejected file is never written").isEmpty();

                bob.type("/quit");
                assertThat(bob.awaitExit()).isZero();
            }
            alice.awaitOutput("* Bob left.");
        }
        assertThat(traffic.lines()).anyMatch(line -> line.contains("Alice") && line.contains("Bob") && line.contains("Hello Bob"));
    }

    @Test
    void aNameTakenIgnoringCaseIsRefusedAndAnotherIsTried() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads)) {
            alice.awaitOutput("Connected to");
            try (ScriptedClient impostor = client("aLiCe", bobDownloads)) {
                impostor.awaitOutput("The server refused the name \"aLiCe\"").awaitOutput("Enter your username: ");
                impostor.type("Bob").awaitOutput("as Bob.");
                alice.awaitOutput("* Bob is online.");
                assertThat(alice.output()).as("the refused impostor was never announced").doesNotContainIgnoringCase("alice is online");
            }
        }
    }

    @Test
    void aNameThatLooksLikeSomeoneOnlineIsRefusedWithTheReasonAndAnotherIsTried() throws IOException {
        String cyrillicAlice = "\u0430\u04CF\u0456\u0441\u0435"; // every letter Cyrillic, looks like "alice"
        try (ScriptedClient alice = client("alice", aliceDownloads)) {
            alice.awaitOutput("Connected to");
            try (ScriptedClient impostor = client(cyrillicAlice, bobDownloads)) {
                impostor.awaitOutput("The server refused the name \"" + cyrillicAlice + "\": Username \"" + cyrillicAlice
                        + "\" looks too much like \"alice\", who is online.").awaitOutput("Enter your username: ");
                impostor.type("Bob").awaitOutput("as Bob.");
                alice.awaitOutput("* Bob is online.");
            }
        }
    }

    @Test
    void aMixedScriptNameIsRefusedBeforeConnectingWithTheReasonAndAnotherIsAsked() throws IOException {
        try (ScriptedClient paypal = client("p\u0430ypal", bobDownloads)) {
            paypal.awaitOutput("The name \"p\u0430ypal\" cannot be used: a name uses the letters of one script;")
                    .awaitOutput("Enter your username: ");
            paypal.type("Bob").awaitOutput("as Bob.");
        }
        assertThat(traffic.lines()).as("refused before connecting").noneMatch(line -> line.contains("LOGIN_REFUSED"));
    }

    @Test
    void aMessageToSomeoneOfflineGetsAClearErrorAndTheSessionGoesOn() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads)) {
            alice.awaitOutput("Connected to");
            alice.type("/msg Nobody hello?").awaitOutput("! User \"Nobody\" is not online.");
            alice.type("/list").awaitOutput("Online (1): Alice (you)");
        }
    }

    @Test
    void aMessageToSomeoneOfflineDoesNotChangeWhomPlainTextGoesTo() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads)) {
            // Bob starts once Alice is in: had he logged in first, his arrival would be no news to her.
            alice.awaitOutput("Connected to");
            try (ScriptedClient bob = client("Bob", bobDownloads)) {
                bob.awaitOutput("Connected to");
                alice.awaitOutput("* Bob is online.");
                alice.type("/msg Bob first");
                bob.awaitOutput("[Alice] first");

                alice.type("/msg Zaki hello?").type("still there?");

                alice.awaitOutput("! User \"Zaki\" is not online.");
                bob.awaitOutput("[Alice] still there?");
                assertThat(ScriptedClient.count(alice.output(), "is not online")).as("only the message to Zaki was refused").isEqualTo(1);
            }
        }
    }

    @Test
    void aServerShutdownEndsTheClientWithAMessage() throws IOException {
        ScriptedClient alice = client("Alice", aliceDownloads);
        alice.awaitOutput("Connected to");
        alice.type("/list").awaitOutput("Online (1)");

        server.close();

        assertThat(alice.awaitExit()).isNotZero();
        // The server's goodbye (SERVER_MSG) is not asserted: ObrolServer.close() sometimes closes
        // before writing it, even to a raw socket client (reported to the server's owner).
        assertThat(alice.output()).contains("connection to the server was lost");
    }
}
