package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** The console's completion and line routing, without a terminal. */
class TerminalConsoleTest {
    private final List<OperatorConsole.Command> commands =
            new OperatorConsole(new ObrolServer(ServerConfig.defaults("127.0.0.1", 0)), new PrintStream(PrintStream.nullOutputStream())).commands();

    private List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        TerminalConsole.complete(commands, () -> List.of("Alice", "bob"), new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void completesCommandsThenUsersForSendAndKickAndClearForMotd() {
        assertThat(complete("")).containsExactly("list", "send", "broadcast", "kick", "stats", "transfers", "motd", "help", "quit");
        assertThat(complete("kick ")).containsExactly("Alice", "bob");
        assertThat(complete("SEND ")).containsExactly("Alice", "bob");
        assertThat(complete("motd ")).containsExactly("clear");
        assertThat(complete("broadcast ")).as("free text").isEmpty();
        assertThat(complete("kick bob ")).as("the reason is free text").isEmpty();
    }

    @Test
    void printedBytesArriveAsWholeLines() {
        List<String> lines = new ArrayList<>();
        PrintStream sut = new PrintStream(new TerminalConsole.LineOutputStream(lines::add), true, StandardCharsets.UTF_8);

        sut.print("[TRAFFIC] Budi -> ");
        sut.print("LOGIN: dari 127.0.0.1 \u2713\r\n");
        sut.println("second");
        sut.print("unfinished");

        assertThat(lines).containsExactly("[TRAFFIC] Budi -> LOGIN: dari 127.0.0.1 \u2713", "second");
    }
}
