package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.Usernames;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TextsTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TextsTest.class.getResourceAsStream("/dev/obrol/client/" + name)) {
            assertThat(in).as(name + " must exist").isNotNull();
            properties.load(in);
        }
        return properties;
    }

    @Test
    void everyKeyExistsInBothLanguages() throws IOException {
        Properties english = load("texts.properties");
        Properties indonesian = load("texts_id.properties");

        assertThat(indonesian.stringPropertyNames()).as("keys missing or extra in Indonesian")
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    }

    @Test
    void everyUsernameProblemIsExplainedInBothLanguages() {
        for (String tag : new String[] {"en", "id"}) {
            Texts texts = Texts.forLocale(Locale.forLanguageTag(tag));
            for (Usernames.Problem problem : Usernames.Problem.values()) {
                assertThat(texts.has("username." + problem.name())).as("%s: username.%s", tag, problem.name()).isTrue();
            }
        }
    }

    @Test
    void languageIsChosenByTagWithoutFallingBackToTheMachineLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("id-ID"));
            assertThat(Texts.forLocale(Locale.ENGLISH).get("prompt.username")).isEqualTo("Enter your username: ");
            assertThat(Texts.forLocale(Locale.forLanguageTag("id")).get("prompt.username")).isEqualTo("Masukkan username Anda: ");
            assertThat(Texts.forLocale(Locale.forLanguageTag("id")).language()).isEqualTo("id");
            assertThat(Texts.forLocale(Locale.FRENCH).language()).as("no French: English").isEqualTo("en");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void argumentsAreFilledInAndQuotesSurvive() {
        Texts sut = Texts.forLocale(Locale.ENGLISH);

        assertThat(sut.get("in.peer", "Bob", "it's {fine}")).isEqualTo("[Bob] it's {fine}");
        assertThat(sut.get("no.such.key")).isEqualTo("!no.such.key!");
    }
}
