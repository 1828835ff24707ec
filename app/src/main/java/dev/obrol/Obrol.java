package dev.obrol;

import dev.obrol.bench.BenchCommand;
import dev.obrol.client.ClientCommand;
import dev.obrol.client.ClientDefaults;
import dev.obrol.client.Texts;
import dev.obrol.net.ConfigDir;
import dev.obrol.server.ServerCommand;
import dev.obrol.shell.ShellFilesCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code obrol} command line: {@code obrol server} and {@code obrol client}. */
@Command(
        name = "obrol",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Chat server and terminal client: direct messages, who is online, file transfer.",
        subcommands = {
            ServerCommand.class,
            ClientCommand.class,
            BenchCommand.class,
            AutoComplete.GenerateCompletion.class,
            ShellFilesCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Obrol {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line with the user's client defaults, for {@code main}. */
    public static CommandLine commandLine() {
        CommandLine commandLine = bareCommandLine();
        commandLine.getSubcommands().get("client").setDefaultValueProvider(userClientDefaults());
        return commandLine;
    }

    /** The command line without any user settings: for tests and for generating the docs. */
    public static CommandLine bareCommandLine() {
        return new CommandLine(new Obrol()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static ClientDefaults userClientDefaults() {
        Path dir = ConfigDir.get();
        try {
            return ClientDefaults.load(dir);
        } catch (IOException | IllegalArgumentException e) {
            // A broken settings file must not lock the user out of the client: say so and go on.
            Texts texts = Texts.forLocale(Locale.getDefault());
            System.err.println(texts.get("config.unreadable", dir.resolve(ClientDefaults.FILE_NAME), e.getMessage()));
            return ClientDefaults.none();
        }
    }
}
