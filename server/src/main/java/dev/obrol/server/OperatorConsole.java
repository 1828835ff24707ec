package dev.obrol.server;

import dev.obrol.server.transfer.TransferRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operator's commands: {@code list}, {@code send}, {@code broadcast}, {@code kick}, {@code
 * stats}, {@code transfers}, {@code motd}, {@code help}, {@code quit}. One table maps each name to
 * its argument shape (for usage and completion) and its action; texts come from the server bundle
 * in the operator's language ({@code console.*}). Unknown input prints the help. End of input ends
 * the console but not the server, so {@code obrol server </dev/null &} keeps serving.
 */
public final class OperatorConsole {
    /** What a command's first argument is, for completion and usage. */
    public enum Arg {
        NONE,
        USER,
        TEXT,
        OPTIONAL_TEXT
    }

    /** One console command; its texts are {@code console.usage.<name>} and {@code console.help.<name>}. */
    public record Command(String name, Arg arg, Consumer<String> action) {}

    private final ObrolServer server;
    private final ConsoleOutput out;
    private final ServerTexts texts;
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private volatile boolean quit;

    /** A console printing to {@code out} in {@code texts}' language. */
    public OperatorConsole(ObrolServer server, ConsoleOutput out, ServerTexts texts) {
        this.server = server;
        this.out = out;
        this.texts = texts;
        add("list", Arg.NONE, args -> list());
        add("send", Arg.USER, this::send);
        add("broadcast", Arg.TEXT, this::broadcast);
        add("kick", Arg.USER, this::kick);
        add("stats", Arg.NONE, args -> stats());
        add("transfers", Arg.NONE, args -> transfers());
        add("motd", Arg.OPTIONAL_TEXT, this::motd);
        add("help", Arg.NONE, args -> help());
        add("quit", Arg.NONE, args -> quit());
    }

    /** A console printing to {@code out} in English (tests, embedding). */
    public OperatorConsole(ObrolServer server, PrintStream out) {
        this(server, out::println, ServerTexts.forLanguage("en"));
    }

    private void add(String name, Arg arg, Consumer<String> action) {
        commands.put(name, new Command(name, arg, action));
    }

    /** The commands, in the order {@code help} lists them. */
    public List<Command> commands() {
        return List.copyOf(commands.values());
    }

    /** Reads commands until end of input or {@code quit}; returns true if the operator quit. */
    public boolean run(ConsoleInput in) {
        String line;
        while (!quit && (line = in.readLine()) != null) {
            execute(line);
        }
        return quit;
    }

    /** Reads commands from a plain reader (pipes, files, tests). */
    public boolean run(BufferedReader in) {
        return run(() -> {
            try {
                return in.readLine();
            } catch (IOException e) {
                return null; // a broken input is the end of input
            }
        });
    }

    /** Runs one console line. */
    public void execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        int space = trimmed.indexOf(' ');
        String name = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : trimmed.substring(space + 1).strip();
        Command command = commands.get(name);
        if (command == null) {
            say("console.unknown", name);
            help();
            return;
        }
        if (args.isEmpty() && (command.arg() == Arg.USER || command.arg() == Arg.TEXT)) {
            usage(command.name());
            return;
        }
        command.action().accept(args);
    }

    /** The name and the rest of {@code args}, split at the first space; the rest may be empty. */
    private static String[] userAndRest(String args) {
        int space = args.indexOf(' ');
        return space < 0 ? new String[] {args, ""} : new String[] {args.substring(0, space), args.substring(space + 1).strip()};
    }

    private void list() {
        List<String> names = server.directory().allNames();
        say("console.list", names.size(), names.isEmpty() ? texts.format("console.nobody") : String.join(", ", names));
    }

    private void send(String args) {
        String[] parts = userAndRest(args);
        if (parts[1].isEmpty()) {
            usage("send");
            return;
        }
        if (!server.postOffice().sendFromOperator(parts[0], parts[1])) {
            say("console.userOffline", parts[0]);
        }
    }

    private void broadcast(String args) {
        say("console.broadcast.done", server.postOffice().broadcast(args));
    }

    private void kick(String args) {
        String[] parts = userAndRest(args);
        Optional<String> kicked = server.moderator().kick(parts[0], parts[1]);
        if (kicked.isEmpty()) {
            say("console.userOffline", parts[0]);
        } else if (parts[1].isEmpty()) {
            say("console.kicked", kicked.get());
        } else {
            say("console.kicked.reason", kicked.get(), parts[1]);
        }
    }

    private void stats() {
        ServerStats.Snapshot s = server.stats().snapshot();
        Duration up = s.uptime();
        say("console.stats.uptime", up.toDays(), up.toHoursPart(), up.toMinutesPart(), up.toSecondsPart());
        say("console.stats.users", server.directory().size());
        say("console.stats.messages", s.messages(), bytes(s.messageBytes()));
        say("console.stats.files", bytes(s.fileBytes()));
        say("console.stats.transfers", server.transfers().transfers().size(), s.transfersDone(), s.filesOffered());
    }

    private void transfers() {
        List<TransferRow> rows = server.transfers().transfers();
        if (rows.isEmpty()) {
            say("console.transfers.none");
            return;
        }
        say("console.transfers.title", rows.size());
        for (TransferRow row : rows) {
            if (row.awaitingAnswer()) {
                say("console.transfer.waiting", row.sender(), row.receiver(), row.filename(), bytes(row.size()));
            } else {
                say("console.transfer.progress", row.sender(), row.receiver(), row.filename(), bytes(row.size()), row.percent(), bytes(row.done()));
            }
        }
    }

    private void motd(String args) {
        if (args.isEmpty()) {
            Optional<String> current = server.motd().get();
            if (current.isPresent()) {
                say("console.motd.show", current.get());
            } else {
                say("console.motd.none");
            }
        } else if (args.equalsIgnoreCase("clear")) {
            server.motd().clear();
            say("console.motd.cleared");
        } else {
            server.motd().set(args);
            say("console.motd.set", args);
        }
    }

    /** Sizes as people read them, in the operator's language. */
    private String bytes(long n) {
        if (n < 1024) {
            return texts.format("console.size.bytes", n);
        }
        if (n < 1024 * 1024) {
            return texts.format("console.size.kib", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return texts.format("console.size.mib", n / (1024.0 * 1024));
        }
        return texts.format("console.size.gib", n / (1024.0 * 1024 * 1024));
    }

    private void usage(String name) {
        say("console.usage", texts.format("console.usage." + name));
    }

    private void help() {
        say("console.help.title");
        for (Command c : commands.values()) {
            say("console.help.line", texts.format("console.usage." + c.name()), texts.format("console.help." + c.name()));
        }
    }

    private void quit() {
        quit = true;
        server.close();
    }

    private void say(String key, Object... args) {
        out.println(texts.format(key, args));
    }
}
