package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "bob_2", "a.b-c", "Siti", "Ñandú", "Дмитрий", "たなか", "علي", "देवनागरी", "x"})
    void acceptsLettersOfAnyScriptDigitsAndPunctuationAllowed(String name) {
        assertThat(Usernames.check(name)).as(name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "two words", "tab\tname", "nul\u0000", "esc\u001b[31m", "bidi\u202Eevil", "emoji😀", "a/b", "semi;colon"})
    void refusesSpacesControlsAndSymbols(String name) {
        assertThat(Usernames.check(name)).as("'%s' must be refused", name).isPresent();
    }

    @Test
    void refusesMoreThan32Characters() {
        assertThat(Usernames.check("a".repeat(32))).isEmpty();
        assertThat(Usernames.check("a".repeat(33))).contains(Usernames.Problem.TOO_LONG);
    }

    @Test
    void asciiNamesFoldAsTheFullFoldingDoes() {
        java.util.Random random = new java.util.Random(3);
        String chars = "abcXYZ019_-.";
        for (int round = 0; round < 10_000; round++) {
            StringBuilder name = new StringBuilder();
            for (int i = 1 + random.nextInt(32); i > 0; i--) {
                name.append(chars.charAt(random.nextInt(chars.length())));
            }
            String full = name.toString().toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            assertThat(Usernames.key(name.toString())).isEqualTo(full);
        }
        // A non-ASCII letter whose lower case is ASCII (KELVIN SIGN) takes the full folding.
        assertThat(Usernames.key("\u212Aarl")).isEqualTo(Usernames.key("karl"));
    }

    @Test
    void keyIgnoresCase() {
        assertThat(Usernames.key("Alice")).isEqualTo(Usernames.key("aLICE"));
        assertThat(Usernames.key("STRASSE")).isEqualTo(Usernames.key("strasse"));
        assertThat(Usernames.key("Alice")).isNotEqualTo(Usernames.key("Alicia"));
    }
}
