package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StylerTest {
    @Test
    void plainAddsNothing() {
        Styler sut = Styler.plain();

        assertThat(sut.line(Tone.ERROR, "! " + sut.name("bob"))).isEqualTo("! bob");
    }

    @Test
    void aNameHasTheSameColourInEveryRunAndIgnoringCase() {
        assertThat(Styler.nameColour("Alice")).isEqualTo(Styler.nameColour("alice"));
        assertThat(Styler.ansi().name("bob")).as("String.hashCode is specified: stable across JVMs")
                .isEqualTo("\u001b[38;5;" + Styler.nameColour("bob") + "mbob\u001b[39m");
        long distinct = java.util.stream.Stream.of("alice", "bob", "carol", "dave", "eko", "fitri", "gita", "hadi")
                .map(Styler::nameColour).distinct().count();
        assertThat(distinct).as("names spread over the palette").isGreaterThan(3);
    }

    @Test
    void theLineColourComesBackAfterAColouredName() {
        Styler sut = Styler.ansi();

        String line = sut.line(Tone.FILE, "* " + sut.name("bob") + " accepted your file");

        assertThat(line).startsWith("\u001b[36m* \u001b[38;5;")
                .contains("bob\u001b[0m\u001b[36m accepted your file")
                .endsWith("\u001b[0m");
        assertThat(sut.line(Tone.PLAIN, "list")).as("plain lines are left alone").isEqualTo("list");
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColourUnlessForced() {
        Map<String, String> plainEnv = Map.of("TERM", "xterm-256color");
        Map<String, String> noColor = Map.of("TERM", "xterm-256color", "NO_COLOR", "1");

        assertThat(ColorChoice.colour(ColorChoice.Mode.auto, false, true, plainEnv)).isTrue();
        assertThat(ColorChoice.colour(ColorChoice.Mode.auto, false, false, plainEnv)).as("not a terminal").isFalse();
        assertThat(ColorChoice.colour(ColorChoice.Mode.auto, false, true, noColor)).as("NO_COLOR").isFalse();
        assertThat(ColorChoice.colour(ColorChoice.Mode.auto, false, true, Map.of("NO_COLOR", ""))).as("empty NO_COLOR does not count").isTrue();
        assertThat(ColorChoice.colour(ColorChoice.Mode.auto, false, true, Map.of("TERM", "dumb"))).isFalse();
        assertThat(ColorChoice.colour(ColorChoice.Mode.auto, true, true, plainEnv)).as("--no-color").isFalse();
        assertThat(ColorChoice.colour(ColorChoice.Mode.always, false, true, noColor)).as("an explicit option beats NO_COLOR").isTrue();
        assertThat(ColorChoice.colour(ColorChoice.Mode.always, true, true, plainEnv)).as("--no-color wins over everything").isFalse();
        assertThat(ColorChoice.colour(ColorChoice.Mode.never, false, true, plainEnv)).isFalse();
    }
}
