package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client, driven through piped standard input, against a server that behaves like v1. */
class V1ServerIT {
    @TempDir
    Path work;

    private FakeV1Server server;
    private Path aliceDownloads;
    private Path bobDownloads;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeV1Server();
        aliceDownloads = Files.createDirectory(work.resolve("alice"));
        bobDownloads = Files.createDirectory(work.resolve("bob"));
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    private ScriptedClient client(String name, Path downloads) throws IOException {
        return ScriptedClient.start("127.0.0.1", String.valueOf(server.port()), "--username", name,
                "--download-dir", downloads.toString(), "--lang", "en");
    }

    @Test
    void aliceAndBobListMessageAndExchangeAFile() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads); ScriptedClient bob = client("Bob", bobDownloads)) {
            alice.awaitOutput("Connected to").awaitOutput("original (v1) server");
            bob.awaitOutput("Connected to");

            alice.type("/list").awaitOutput("Online (2): Alice (you), Bob");

            alice.type("/msg Bob Halo Bob, apa kabar? 👋");
            bob.awaitOutput("[Alice] Halo Bob, apa kabar? 👋");
            bob.type("/msg Alice Baik! 🙂").type("and you?");
            alice.awaitOutput("[Bob] Baik! 🙂").awaitOutput("[Bob] and you?");

            Path file = Files.writeString(work.resolve("catatan rapat.txt"), "agenda: ✓ obrol\n");
            alice.type("/sendfile Bob " + file).awaitOutput("menunggu respons");
            bob.awaitOutput("Alice offers you the file \"catatan rapat.txt\" (18 bytes)").awaitOutput("/acceptfile Alice");
            bob.type("/acceptfile Alice");

            Path received = bobDownloads.resolve("received_catatan rapat.txt");
            bob.awaitOutput("Saved \"catatan rapat.txt\" from Alice");
            assertThat(received).hasBinaryContent(Files.readAllBytes(file));
            alice.awaitOutput("Bob accepted your file \"catatan rapat.txt\"");
        }
        assertThat(server.received).as("the v1 server only ever got objects it knows")
                .allMatch(json -> json.matches("\\{\"type\":\"(SET_USERNAME|LIST|MSG|FILE|FILE_RESPONSE)\".*"));
    }

    @Test
    void aMessageToSomeoneNotOnlineNeverReachesTheServerItWouldFreeze() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads); ScriptedClient bob = client("Bob", bobDownloads)) {
            alice.awaitOutput("Connected to");
            bob.awaitOutput("Connected to");

            alice.type("/msg Zaki halo?").awaitOutput("Zaki is not online.");
            alice.type("/msg bob halo?").awaitOutput("bob is not online; Bob is (this original server tells names apart by case).");
            Path file = Files.writeString(work.resolve("catatan.txt"), "isi");
            alice.type("/sendfile Zaki " + file).awaitOutput("Zaki is not online.", 2);
            alice.type("/list").awaitOutput("Online (2): Alice (you), Bob");

            assertThat(server.typesFrom("Alice")).as("a LIST before each, then the /list: nothing in between")
                    .containsExactly("LIST", "LIST", "LIST", "LIST");
            assertThat(server.frozen()).isFalse();
            try (ScriptedClient carol = client("Carol", work)) {
                carol.awaitOutput("Connected to");
            }
        }
    }

    @Test
    void plainTextToSomeoneWhoLeftNeverReachesTheServerItWouldFreeze() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads)) {
            alice.awaitOutput("Connected to");
            try (ScriptedClient bob = client("Bob", bobDownloads)) {
                bob.awaitOutput("Connected to");
                alice.type("/msg Bob sampai nanti");
                bob.awaitOutput("[Alice] sampai nanti");
            }
            await().atMost(ScriptedClient.PATIENCE).until(() -> !server.online("Bob"));

            alice.type("masih di sana?").awaitOutput("Bob is not online.");
            alice.type("/list").awaitOutput("Online (1): Alice (you)");

            assertThat(server.typesFrom("Alice")).as("the message to Bob, then a LIST before the plain text, then the /list")
                    .containsExactly("LIST", "MSG", "LIST", "LIST");
            assertThat(server.frozen()).isFalse();
        }
    }

    @Test
    void aRejectedFileIsReportedToTheSender() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads); ScriptedClient bob = client("Bob", bobDownloads)) {
            bob.awaitOutput("Connected to");
            Path file = Files.writeString(work.resolve("spam.txt"), "buy now");
            alice.awaitOutput("Connected to").type("/sendfile Bob \"" + file + "\"");
            bob.awaitOutput("/rejectfile Alice").type("/rejectfile Alice").awaitOutput("Rejected \"spam.txt\" from Alice");
            alice.awaitOutput("Bob rejected your file \"spam.txt\"");
            assertThat(bobDownloads.toFile().list()).isEmpty();
        }
    }

    @Test
    void aTakenNameIsRefusedAndAnotherIsAskedForOnStandardInput() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads)) {
            alice.awaitOutput("Connected to");
            try (ScriptedClient impostor = client("Alice", bobDownloads)) {
                impostor.awaitOutput("The server refused the name \"Alice\"").awaitOutput("Enter your username: ");
                impostor.type("Carol").awaitOutput("Connected to 127.0.0.1:" + server.port() + " as Carol.");
                impostor.type("/list").awaitOutput("Carol (you)");
            }
        }
    }

    @Test
    void whenInputEndsWhileAskingForANameTheClientExitsWithAnError() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads)) {
            alice.awaitOutput("Connected to");
            ScriptedClient impostor = client("Alice", bobDownloads);
            impostor.awaitOutput("Enter your username: ");
            impostor.endInput();

            assertThat(impostor.awaitExit()).isNotZero();
            assertThat(impostor.errors()).contains("No username given");
        }
    }

    @Test
    void endOfInputSendsWhatWasTypedThenLeavesCleanly() throws IOException {
        try (ScriptedClient alice = client("Alice", aliceDownloads)) {
            alice.awaitOutput("Connected to");
            ScriptedClient bob = client("Bob", bobDownloads);
            bob.awaitOutput("Connected to");

            bob.type("/msg Alice one").type("two").type("three").endInput();

            assertThat(bob.awaitExit()).as("end of input is a normal quit").isZero();
            alice.awaitOutput("[Bob] three");
            assertThat(alice.output()).contains("[Bob] one", "[Bob] two");
        }
    }

    @Test
    void noServerMeansAClearMessageAndANonZeroExit() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        ScriptedClient lonely = ScriptedClient.start("127.0.0.1", String.valueOf(closedPort), "--username", "Alice", "--lang", "en");

        assertThat(lonely.awaitExit()).isNotZero();
        assertThat(lonely.errors()).contains("Cannot connect to 127.0.0.1:" + closedPort).doesNotContain("Exception", "\tat ");
    }

    @Test
    void theServerGoingAwayEndsTheClientWithAnError() throws IOException {
        ScriptedClient alice = client("Alice", aliceDownloads);
        alice.awaitOutput("Connected to");
        server.close();
        server.dropEveryone();

        assertThat(alice.awaitExit()).isNotZero();
        assertThat(alice.output()).contains("connection to the server was lost");
    }
}
