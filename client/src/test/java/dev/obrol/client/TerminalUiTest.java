package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The terminal UI on a dumb in-memory terminal: what it hands to the status line. */
class TerminalUiTest {
    private final StatusModel status = new StatusModel();

    private TerminalUi terminalUi() throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).type("dumb")
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
        return new TerminalUi(terminal, new TerminalUi.Options(Texts.forLocale(Locale.ENGLISH), false, null, null, status));
    }

    @Test
    void transferProgressGoesToTheOneStatusLineAndLeavesItWhenDone() throws Exception {
        try (TerminalUi sut = terminalUi()) {
            sut.progress("t1", "big.iso 10%");
            sut.progress("t2", "notes.txt 50%");
            sut.progress("t1", "big.iso 42%");

            assertThat(status.snapshot().transfers()).as("updated in place, one entry per transfer, in start order")
                    .containsExactly(java.util.Map.entry("t1", "big.iso 42%"), java.util.Map.entry("t2", "notes.txt 50%"));

            sut.progressDone("t1");

            assertThat(status.snapshot().transfers()).containsOnlyKeys("t2");
        }
    }
}
