package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Normalizer2;
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
    void theAsciiFastPathFoldsEveryAsciiCharacterAsIcuNfkcCaseFoldingDoes() {
        Normalizer2 icu = Normalizer2.getNFKCCasefoldInstance();
        for (char c = 0; c < 0x80; c++) {
            String one = String.valueOf(c);
            assertThat(Usernames.key(one)).as("U+%04X", (int) c).isEqualTo(icu.normalize(one));
        }
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 10_000; round++) {
            StringBuilder name = new StringBuilder();
            for (int i = 1 + random.nextInt(32); i > 0; i--) {
                name.append((char) (0x20 + random.nextInt(0x5F)));
            }
            assertThat(Usernames.key(name.toString())).as(name.toString()).isEqualTo(icu.normalize(name));
        }
        // A non-ASCII letter whose lower case is ASCII (KELVIN SIGN) takes the full folding.
        assertThat(Usernames.key("\u212Aarl")).isEqualTo(Usernames.key("karl"));
    }

    @Test
    void precomposedAndDecomposedAccentsAreOneKey() {
        assertThat(Usernames.key("Ren\u00E9")).as("é as one code point, and as e + U+0301")
                .isEqualTo(Usernames.key("Rene\u0301"));
    }

    @Test
    void fullwidthLettersAndLigaturesFoldToTheirPlainForms() {
        assertThat(Usernames.key("\uFF21lice")).as("fullwidth A").isEqualTo(Usernames.key("alice"));
        assertThat(Usernames.key("\uFB01sh")).as("the fi ligature").isEqualTo(Usernames.key("fish"));
        assertThat(Usernames.key("\uD835\uDC1Alice")).as("mathematical bold a").isEqualTo(Usernames.key("alice"));
    }

    @Test
    void theDisplayFormIsComposedButKeepsCaseWidthAndLigatures() {
        assertThat(Usernames.display("Rene\u0301")).isEqualTo("Ren\u00E9");
        assertThat(Usernames.display("\uFF21lice")).isEqualTo("\uFF21lice");
        assertThat(Usernames.display("\uFB01sh")).isEqualTo("\uFB01sh");
        assertThat(Usernames.display("Alice")).isEqualTo("Alice");
        assertThat(Usernames.display(null)).isNull();
    }

    @Test
    void namesThatLookAlikeHaveOneSkeleton() {
        String latin = Usernames.skeleton("alice");
        assertThat(Usernames.skeleton("Alice")).isEqualTo(latin);
        assertThat(Usernames.skeleton("aIice")).as("capital I for l").isEqualTo(latin);
        assertThat(Usernames.skeleton("\u0430\u04CF\u0456\u0441\u0435")).as("all Cyrillic").isEqualTo(latin);
        assertThat(Usernames.skeleton("\u0430lice")).as("one Cyrillic a").isEqualTo(latin);
        assertThat(Usernames.skeleton("\uFF41lice")).as("fullwidth a").isEqualTo(latin);
        assertThat(Usernames.skeleton("alicia")).isNotEqualTo(latin);
        assertThat(Usernames.skeleton("bob")).isNotEqualTo(latin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p\u0430ypal", "\u0430lice", "ali_\u0639\u0644\u064A", "g\u0585\u0585gle", "\u0391LICE"})
    void mixedScriptNamesAreRefused(String name) {
        assertThat(Usernames.check(name)).as(name).contains(Usernames.Problem.MIXED_SCRIPTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0414\u043C\u0438\u0442\u0440\u0438\u0439", "\u0391\u03BB\u03AD\u03BE\u03B1\u03BD\u03B4\u03C1\u03BF\u03C2",
            "\u305F\u306A\u304B", "\u7530\u4E2D\u305F\u306A\u304B", "tanaka_\u7530\u4E2D", "\uA997\uA9AE", "Ren\u00E9_2",
            "\u0130lker", "Nguy\u1EC5n", "na\u00EFve", "\u0E01\u0E34\u0E19"})
    void singleScriptNamesAndLatinWithJapaneseAreAccepted(String name) {
        assertThat(Usernames.check(name)).as(name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\u3164", "\u3164", "ali\u200Bce", "al\uFE0Fice", "evil\u202Etxt", "a\u2066b", "a\u034Fb", "a\u200Db"})
    void invisibleCharactersAndBidiControlsAreRefusedAsSuch(String name) {
        assertThat(Usernames.check(name)).as(name).contains(Usernames.Problem.INVISIBLE);
    }

    @Test
    void aMarkThatCannotBeSeenIsRefused() {
        assertThat(Usernames.check("Rene\u0301\u0301")).contains(Usernames.Problem.HIDDEN_MARK);
        assertThat(Usernames.check(Usernames.display("Rene\u0301\u0301"))).as("composed: \u00E9 + U+0301")
                .contains(Usernames.Problem.HIDDEN_MARK);
        assertThat(Usernames.check("bi\u0307ll")).contains(Usernames.Problem.HIDDEN_MARK);
    }

    @Test
    void digitsOfDifferentScriptsAreRefused() {
        assertThat(Usernames.check("a1\u0661")).contains(Usernames.Problem.MIXED_DIGITS);
        assertThat(Usernames.check("\u0639\u0644\u064A\u0661")).as("Arabic with its own digits").isEmpty();
    }

    @Test
    void keyIgnoresCase() {
        assertThat(Usernames.key("Alice")).isEqualTo(Usernames.key("aLICE"));
        assertThat(Usernames.key("STRASSE")).isEqualTo(Usernames.key("strasse"));
        assertThat(Usernames.key("Alice")).isNotEqualTo(Usernames.key("Alicia"));
    }
}
