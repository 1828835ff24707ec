package dev.obrol.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The operator's commands on the server's standard input: {@code list}, {@code send <user>
 * <message>}, {@code broadcast <message>}, {@code help}, {@code quit}. Unknown input prints the
 * help. End of input ends the console but not the server, so {@code obrol server </dev/null &}
 * keeps serving.
 */
public final class OperatorConsole {
    /** One console command: usage line, description, and what it does with its argument text. */
    private record Command(String usage, String description, Consumer<String> action) {}

    private final ObrolServer server;
    private final PrintStream out;
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private volatile boolean quit;

    public OperatorConsole(ObrolServer server, PrintStream out) {
        this.server = server;
        this.out = out;
        commands.put("list", new Command("list", "show the users online", args -> list()));
        commands.put("send", new Command("send <user> <message>", "send a message to one user", this::send));
        commands.put("broadcast", new Command("broadcast <message>", "send a message to everyone", this::broadcast));
        commands.put("help", new Command("help", "show this help", args -> help()));
        commands.put("quit", new Command("quit", "tell every client, close all connections and stop", args -> quit()));
    }

    /** Reads commands until end of input or {@code quit}; returns true if the operator quit. */
    public boolean run(BufferedReader in) throws IOException {
        String line;
        while (!quit && (line = in.readLine()) != null) {
            execute(line);
        }
        return quit;
    }

    /** Runs one console line. */
    public void execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        int space = trimmed.indexOf(' ');
        String name = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
        String args = space < 0 ? "" : trimmed.substring(space + 1).strip();
        Command command = commands.get(name);
        if (command == null) {
            out.println("Unknown command: " + name);
            help();
            return;
        }
        command.action().accept(args);
    }

    private void list() {
        List<String> names = server.registry().usernames();
        out.println("Online (" + names.size() + "): " + (names.isEmpty() ? "nobody" : String.join(", ", names)));
    }

    private void send(String args) {
        int space = args.indexOf(' ');
        if (space < 0) {
            out.println("Usage: " + commands.get("send").usage());
            return;
        }
        String user = args.substring(0, space);
        String text = args.substring(space + 1).strip();
        if (!server.postOffice().sendFromOperator(user, text)) {
            out.println("User \"" + user + "\" is not online.");
        }
    }

    private void broadcast(String args) {
        if (args.isEmpty()) {
            out.println("Usage: " + commands.get("broadcast").usage());
            return;
        }
        int count = server.postOffice().broadcast(args);
        out.println("Broadcast to " + count + " user(s).");
    }

    private void help() {
        out.println("Commands:");
        for (Command c : commands.values()) {
            out.printf("  %-24s %s%n", c.usage(), c.description());
        }
    }

    private void quit() {
        quit = true;
        server.close();
    }
}
