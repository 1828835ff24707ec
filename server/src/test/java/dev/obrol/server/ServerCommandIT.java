package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code obrol server} run through picocli in this JVM, for what happens before it serves. */
class ServerCommandIT {
    private final StringWriter err = new StringWriter();
    private CommandLine sut;

    @BeforeEach
    void quietLogging() throws Exception {
        // The command switches Logback to the server's configuration (a log file in the working
        // directory); pointed at the default configuration instead, it leaves the test JVM as it was.
        System.setProperty("obrol.logback", Path.of(ServerCommandIT.class.getResource("/logback.xml").toURI()).toString());
        sut = new CommandLine(new ServerCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        sut.setErr(new PrintWriter(err, true));
    }

    @AfterEach
    void restore() {
        System.clearProperty("obrol.logback");
    }

    @Test
    void aBusyPortPrintedTheNativeBindErrorAndNotThatThePortIsInUse() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = String.valueOf(held.getLocalPort());

            int exit = sut.execute("127.0.0.1", port, "--lang", "en");

            assertThat(exit).as("a server that cannot listen exits with an error").isEqualTo(1);
            assertThat(err.toString()).as("the operator reads what is wrong, with the host, in the console's language")
                    .contains("Cannot listen on 127.0.0.1:" + port + ": port " + port + " is already in use.")
                    .doesNotContain("bind(..)").doesNotContain("error(-98)").doesNotContain("Exception");
        }
    }

    @Test
    void aBusyPortIsNamedInIndonesianOnAnIndonesianConsole() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = String.valueOf(held.getLocalPort());

            int exit = sut.execute("127.0.0.1", port, "--lang", "id");

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("Tidak bisa mendengarkan di 127.0.0.1:" + port + ": port " + port + " sudah dipakai.");
        }
    }
}
