package dev.obrol.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClientDefaultsTest {
    @TempDir
    Path config;

    private ClientCommand parse(ClientDefaults defaults, String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ClientCommand command = new ClientCommand(new ByteArrayInputStream(new byte[0]), new PrintStream(sink, true, UTF_8), new PrintStream(sink, true, UTF_8));
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).setDefaultValueProvider(defaults).parseArgs(args);
        return command;
    }

    private ClientDefaults write(String text) throws IOException {
        Files.writeString(config.resolve(ClientDefaults.FILE_NAME), text, UTF_8);
        return ClientDefaults.load(config);
    }

    @Test
    void theFileGivesDefaults() throws IOException {
        ClientDefaults sut = write("""
                # my defaults
                server=chat.example.org
                port=9000
                username=siti
                download-dir=~/Unduhan
                color=never
                lang=id
                bell=false
                """);

        ClientCommand command = parse(sut);

        assertThat(command.host).isEqualTo("chat.example.org");
        assertThat(command.port).isEqualTo(9000);
        assertThat(command.username).isEqualTo("siti");
        assertThat(command.downloadDir).isEqualTo(Path.of(System.getProperty("user.home"), "Unduhan"));
        assertThat(command.color).isEqualTo(ColorChoice.Mode.never);
        assertThat(command.lang).isEqualTo(ClientCommand.Lang.id);
        assertThat(command.noBell).as("bell=false").isTrue();
        assertThat(sut.unknownKeys()).isEmpty();
    }

    @Test
    void optionsOnTheCommandLineWin() throws IOException {
        ClientDefaults sut = write("server=chat.example.org\nport=9000\nusername=siti\nlang=id\ncolor=never\n");

        ClientCommand command = parse(sut, "localhost", "8001", "--username", "budi", "--lang", "en", "--color", "always");

        assertThat(command.host).isEqualTo("localhost");
        assertThat(command.port).isEqualTo(8001);
        assertThat(command.username).isEqualTo("budi");
        assertThat(command.lang).isEqualTo(ClientCommand.Lang.en);
        assertThat(command.color).isEqualTo(ColorChoice.Mode.always);
    }

    @Test
    void withoutAFileTheBuiltInDefaultsApply() throws IOException {
        ClientCommand command = parse(ClientDefaults.load(config));

        assertThat(command.host).isEqualTo("localhost");
        assertThat(command.port).isEqualTo(8000);
        assertThat(command.username).isNull();
        assertThat(command.color).isEqualTo(ColorChoice.Mode.auto);
        assertThat(command.noBell).isFalse();
    }

    @Test
    void misspeltKeysAreReported() throws IOException {
        ClientDefaults sut = write("usrname=siti\nport=9000\ncolour=never\n");

        assertThat(sut.unknownKeys()).containsExactly("colour", "usrname");
    }
}
