package dev.obrol;

import dev.obrol.bench.BenchCommand;
import dev.obrol.client.ClientCommand;
import dev.obrol.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code obrol} command line: {@code obrol server} and {@code obrol client}. */
@Command(
        name = "obrol",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Chat server and terminal client: direct messages, who is online, file transfer.",
        subcommands = {ServerCommand.class, ClientCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Obrol {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@code main} and for tests that call {@code execute}. */
    public static CommandLine commandLine() {
        return new CommandLine(new Obrol()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
