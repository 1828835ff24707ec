package dev.obrol.shell;

import dev.obrol.Obrol;
import dev.obrol.Version;
import dev.obrol.client.ClientDefaults;
import dev.obrol.client.CommandTable;
import dev.obrol.client.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code obrol shell-files}: writes the bash/zsh completion script and the man pages, generated
 * from the same picocli definitions as {@code --help}, into the usual per-user places below a
 * prefix ({@code ~/.local/share} by default): {@code bash-completion/completions/obrol} and
 * {@code man/man1/obrol*.1}. The build runs it into {@code target/shell}.
 */
@Command(
        name = "shell-files",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Write the bash/zsh completion script and the man pages (to ~/.local/share unless --prefix is given).")
public final class ShellFilesCommand implements Callable<Integer> {
    @Option(names = "--prefix", paramLabel = "DIR",
            description = "Folder that receives bash-completion/completions/obrol and man/man1/obrol*.1 (default: ~/.local/share).")
    Path prefix;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path root = prefix != null ? prefix : Path.of(System.getProperty("user.home"), ".local", "share");
        List<Path> written = write(root);
        written.forEach(p -> spec.commandLine().getOut().println(p));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Writes every file below {@code root}; returns their paths. */
    public static List<Path> write(Path root) throws IOException {
        // Without the user's settings: the pages and the script must not carry one person's defaults.
        CommandLine obrol = Obrol.bareCommandLine();
        obrol.getSubcommands().get("client").setDefaultValueProvider(ClientDefaults.none());
        List<Path> written = new ArrayList<>();
        Path completions = root.resolve("bash-completion").resolve("completions");
        Files.createDirectories(completions);
        Path script = completions.resolve("obrol");
        Files.writeString(script, AutoComplete.bash("obrol", obrol), StandardCharsets.UTF_8);
        written.add(script);
        Path man = root.resolve("man").resolve("man1");
        Files.createDirectories(man);
        String version = "obrol " + Obrol.class.getPackage().getImplementationVersion();
        written.add(page(man, obrol, version, Map.of()));
        for (Map.Entry<String, CommandLine> sub : obrol.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().usageMessage().hidden() || sub.getKey().equals("help")) {
                continue;
            }
            written.add(page(man, sub.getValue(), version, extraSections(sub.getKey())));
        }
        return written;
    }

    private static Path page(Path dir, CommandLine command, String version, Map<String, List<String>> extra) throws IOException {
        Path file = dir.resolve(command.getCommandSpec().qualifiedName("-") + ".1");
        Files.writeString(file, ManPage.of(command, version.replace("null", "dev"), extra), StandardCharsets.UTF_8);
        return file;
    }

    /** What --help cannot say: the chat's own commands, the files and the environment. */
    private static Map<String, List<String>> extraSections(String command) {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        if (command.equals("client")) {
            Texts english = Texts.forLocale(Locale.ENGLISH);
            List<String> commands = new ArrayList<>();
            for (CommandTable.Spec s : CommandTable.standard().specs()) {
                commands.add(english.get(s.usageKey()) + " \u2014 " + english.get(s.helpKey()) + ". Example: " + english.get(s.exampleKey()));
            }
            commands.add(english.get("help.plain"));
            commands.add("Tab completes commands, online usernames, "
                    + "file paths after /sendfile <user>, and the senders and file names of waiting offers. Up and down walk "
                    + "the history, Ctrl+R searches it.");
            extra.put("Chat commands", commands);
            extra.put("Files", List.of(
                    "$CONFIG/client.properties \u2014 defaults: server, port, username, download-dir, color (auto, always, never), "
                            + "lang (en, id), bell (true, false). Options on the command line win.",
                    "$CONFIG/history \u2014 the lines typed, kept between runs.",
                    "$CONFIG is $OBROL_CONFIG_DIR, else $XDG_CONFIG_HOME/obrol, else ~/.config/obrol."));
            extra.put("Environment", List.of(
                    "NO_COLOR \u2014 when set and not empty, no colour (unless --color=always).",
                    "LANG, LC_ALL \u2014 the language of the texts when --lang is not given (id_ID.UTF-8 for Indonesian).",
                    "OBROL_CONFIG_DIR, XDG_CONFIG_HOME \u2014 where the settings and history are kept."));
        } else if (command.equals("server")) {
            extra.put("Console commands", List.of(
                    "list; send <user> <message>; broadcast <message>; kick <user> [reason]; stats; transfers; "
                            + "motd [text | clear]; help; quit.",
                    "On a terminal the console has line editing, history ($CONFIG/server-history) and Tab completion of "
                            + "commands and online usernames. When standard input is not a terminal, or closed, the server "
                            + "reads commands line by line, or simply keeps serving."));
        }
        return extra;
    }

    /** Build-time entry point: {@code ShellFiles <prefix>} (no System.exit, so it can run inside Maven). */
    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "target/shell"));
    }
}
