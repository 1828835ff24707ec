package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.testing.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Alice-and-Bob scenario with the built jar: one server and two client processes. */
class ClientProcessIT {
    @TempDir
    Path work;

    @Test
    void aliceAndBobChatAndSendAFileThroughSeparateProcesses() throws Exception {
        Path serverDir = Files.createDirectories(work.resolve("server"));
        Path aliceDir = Files.createDirectories(work.resolve("alice"));
        Path bobDir = Files.createDirectories(work.resolve("bob"));
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Files.write(aliceDir.resolve("laporan akhir.pdf"), content);
        String port = String.valueOf(JarProcess.freePort());
        Map<String, String> env = Map.of("OBROL_LOG_DIR", serverDir.resolve("logs").toString());

        try (JarProcess server = JarProcess.start(serverDir, env, "server", "127.0.0.1", port)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> server.outputText().contains("listening on"));
            try (JarProcess alice = JarProcess.start(aliceDir, Map.of(), "client", "127.0.0.1", port, "--lang", "en");
                    JarProcess bob = JarProcess.start(bobDir, Map.of(), "client", "127.0.0.1", port, "--lang", "en")) {
                alice.type("Alice");
                await().atMost(Duration.ofSeconds(30)).until(() -> alice.outputText().contains("Welcome, Alice!"));
                bob.type("Bob");
                await().atMost(Duration.ofSeconds(30)).until(() -> bob.outputText().contains("Welcome, Bob!"));

                alice.type("/list");
                await().until(() -> alice.outputText().contains("Alice (you), Bob"));
                alice.type("/msg Bob Hello Bob, how are you?");
                await().until(() -> bob.outputText().contains("[Alice] Hello Bob, how are you?"));
                bob.type("/msg Alice Hi Alice! I'm good, thanks! 👋");
                await().until(() -> alice.outputText().contains("[Bob] Hi Alice! I'm good, thanks! 👋"));

                alice.type("/sendfile Bob laporan akhir.pdf");
                await().until(() -> bob.outputText().contains("/acceptfile Alice"));
                bob.type("/acceptfile Alice");
                Path received = bobDir.resolve("received_laporan akhir.pdf");
                await().until(() -> alice.outputText().contains("Bob accepted"));
                // Streamed between obrol clients: the bytes flow after the accept, so wait for the save.
                await().until(() -> bob.outputText().contains("Saved \"laporan akhir.pdf\""));
                await().until(() -> alice.outputText().contains("SHA-256 verified by Bob"));
                assertThat(Files.readAllBytes(received)).as("the file arrives byte for byte").isEqualTo(content);

                alice.type("/quit");
                assertThat(alice.waitFor(30)).isTrue();
                assertThat(alice.exitValue()).isZero();
                await().until(() -> bob.outputText().contains("Alice"));
                bob.closeInput(); // end of input means quit
                assertThat(bob.waitFor(30)).isTrue();
                assertThat(bob.exitValue()).isZero();
            }
            await().until(() -> server.outputText().contains("Bob -> DISCONNECT"));
            assertThat(server.outputText())
                    .contains("[TRAFFIC] Alice -> MSG: Bob: Hello Bob, how are you?")
                    .contains("[TRAFFIC] Alice -> FILE_STREAM: Bob: laporan akhir.pdf (300000 bytes, transfer ")
                    .contains("[TRAFFIC] Alice -> FILE_DONE: Bob: laporan akhir.pdf (300000 bytes in ")
                    .contains("[TRAFFIC] Bob -> FILE_ACCEPTED: Alice: laporan akhir.pdf");
        }
    }
}
