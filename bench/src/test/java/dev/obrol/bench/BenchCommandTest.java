package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: bad options fail clearly with status 2; a tiny run prints JSON with zero loss; chart writes SVG. */
@ExtendWith(QuietTrafficLog.class)
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine sut = new CommandLine(new BenchCommand(InProcessServer::startKeepingLogging))
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));
        return sut.execute(args);
    }

    @Test
    void zeroPairsIsABadOption() {
        assertThat(run("messages", "--pairs", "0")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).as("error names the option").contains("--pairs must be at least 1");
    }

    @Test
    void tooSmallSizeIsABadOption() {
        assertThat(run("messages", "--size", "5")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("--size must be between");
    }

    @Test
    void unreadableDurationIsABadOption() {
        assertThat(run("messages", "--duration", "soon")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("not a duration");
    }

    @Test
    void hostAndStartServerExcludeEachOther() {
        assertThat(run("messages", "10.0.0.1", "--start-server")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("not both");
    }

    @Test
    void broadcastWithoutStartServerIsABadOption() {
        assertThat(run("broadcast", "127.0.0.1", "8000")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("needs --server-process or --start-server");
    }

    @Test
    void startServerAndServerProcessExcludeEachOther() {
        assertThat(run("messages", "--start-server", "--server-process")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("not both");
    }

    @Test
    void ircWithAServerToStartIsABadOption() {
        assertThat(run("messages", "--irc", "--server-process")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("--irc loads an IRC server at HOST PORT");
    }

    @Test
    void ircWithObrolLoginIsABadOption() {
        assertThat(run("messages", "--irc", "--obrol-login")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("--obrol-login is for obrol servers");
    }

    @Test
    void ircMessageLongerThanAnIrcLineAllowsIsABadOption() {
        assertThat(run("messages", "--irc", "--size", "401")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("--size must be at most 400 with --irc");
    }

    @Test
    void unreadableFileSizeIsABadOption() {
        assertThat(run("files", "--start-server", "--size", "huge")).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("not a size");
    }

    @Test
    void missingScenarioIsABadOption() {
        assertThat(run()).as("exit status").isEqualTo(2);
        assertThat(err.toString()).contains("Missing scenario");
    }

    @Test
    void unreachableServerFailsWithAMessage() {
        // Port 1 on loopback: nothing listens there, so the connect is refused.
        assertThat(run("messages", "127.0.0.1", "1", "--pairs", "1", "--duration", "1s")).as("exit status").isEqualTo(1);
        assertThat(err.toString()).contains("cannot connect");
    }

    @Test
    void tinyRunPrintsJsonWithZeroLoss(@TempDir Path dir) throws Exception {
        int status = run("messages", "--start-server", "--json", "--pairs", "2", "--rate", "200",
                "--duration", "500ms", "--warmup", "0s");

        assertThat(status).as("exit status; stderr: %s", err).isZero();
        JsonNode json = BenchCommand.JSON.readTree(out.toString());
        assertThat(json.path("scenario").asText()).isEqualTo("messages");
        assertThat(json.path("lost").asLong()).as("lost").isZero();
        assertThat(json.path("errors").asLong()).as("errors").isZero();
        assertThat(json.path("delivered").asLong()).as("delivered").isPositive();

        Path result = Files.writeString(dir.resolve("r.json"), out.toString());
        Path svg = dir.resolve("chart.svg");
        out.getBuffer().setLength(0);
        assertThat(run("chart", result.toString(), "-o", svg.toString())).as("chart exit status").isZero();
        assertThat(Files.readString(svg)).as("chart").startsWith("<svg").contains("<circle").endsWith("</svg>\n");
    }
}
