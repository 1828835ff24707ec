package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerTextsTest {
    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ServerTextsTest.class.getResourceAsStream("/dev/obrol/server/" + name)) {
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
    void everyConsoleCommandHasUsageAndHelpInBothLanguages() throws Exception {
        ObrolServer server = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0));
        OperatorConsole console = new OperatorConsole(server, new PrintStream(PrintStream.nullOutputStream()));
        for (String file : new String[] {"texts.properties", "texts_id.properties"}) {
            Properties texts = load(file);
            for (OperatorConsole.Command command : console.commands()) {
                assertThat(texts).as("%s: usage and help of %s", file, command.name())
                        .containsKeys("console.usage." + command.name(), "console.help." + command.name());
            }
        }
    }

    @Test
    void theFittedConnectionCapReadsWellWithAndWithoutADescriptorLimit() {
        ServerTexts english = ServerTexts.forLanguage("en");

        assertThat(english.format("console.connections.fitted", 16384, 512L, 1048576L)).isEqualTo("At most 16,384 connections at once,"
                + " fitted to this machine (512 MiB of heap, 1,048,576 file descriptors); --max-connections sets another cap.");
        assertThat(english.format("console.connections.fitted", 4096, 128L, -1L)).isEqualTo("At most 4,096 connections at once,"
                + " fitted to this machine (128 MiB of heap); --max-connections sets another cap.");
        assertThat(ServerTexts.forLanguage("id").format("console.connections.fitted", 4096, 128L, 20000L))
                .isEqualTo("Paling banyak 4.096 koneksi bersamaan, disesuaikan dengan mesin ini (128 MiB heap, 20.000 file descriptor);"
                        + " --max-connections mengatur batas lain.");
    }
}
