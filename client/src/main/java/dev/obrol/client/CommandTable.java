package dev.obrol.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The slash commands: one table mapping each command name to the shape of its arguments and the
 * {@link ChatActions} method it runs. Parsing and dispatch share the table, so a command cannot be
 * parsed one way and documented (by {@code /help}) another. Immutable and thread-safe.
 */
public final class CommandTable {

    /** How a command's arguments are read from the rest of the line. */
    public enum Shape {
        /** No arguments. */
        NONE,
        /** Exactly one user name. */
        USER,
        /** A user name, then everything else on the line as free text (kept as typed). */
        USER_AND_TEXT,
        /** A user name, then everything else as a file path (spaces allowed, optionally quoted). */
        USER_AND_PATH,
        /** A user name, optionally followed by a file name or transfer id (spaces allowed, optionally quoted). */
        USER_AND_OPTIONAL_NAME,
        /** Nothing, or one word (/help's topic). */
        OPTIONAL_WORD,
        /** One or more user names, separated by spaces. */
        USERS,
        /** Nothing, or the word "more" (the next page of /list). */
        OPTIONAL_MORE
    }

    /** Runs one command against the actions with its parsed arguments. */
    @FunctionalInterface
    public interface Action {
        void run(ChatActions actions, List<String> args) throws UserError;
    }

    /**
     * One row of the table. {@code name} is without the slash; texts are {@code usage.<name>},
     * {@code help.<name>} and {@code example.<name>}.
     */
    public record Spec(String name, Shape shape, Action action) {
        public String usageKey() {
            return "usage." + name;
        }

        public String helpKey() {
            return "help." + name;
        }

        public String exampleKey() {
            return "example." + name;
        }
    }

    /** What a typed line turned out to be. */
    public sealed interface Parsed {}

    /** A known command with its arguments, ready to run. */
    public record Invocation(Spec spec, List<String> args) implements Parsed {
        public void run(ChatActions actions) throws UserError {
            spec.action().run(actions, args);
        }
    }

    /** Text without a command: goes to the current conversation. */
    public record PlainText(String text) implements Parsed {}

    /** An empty or blank line: nothing to do. */
    public record Blank() implements Parsed {}

    /** A slash command nobody knows. */
    public record Unknown(String name) implements Parsed {}

    /** A known command with missing or extra arguments. */
    public record BadArguments(Spec spec) implements Parsed {}

    private static final CommandTable STANDARD = new CommandTable(List.of(
            new Spec("list", Shape.OPTIONAL_MORE, (a, args) -> {
                if (args.isEmpty()) {
                    a.list();
                } else {
                    a.listMore();
                }
            }),
            new Spec("msg", Shape.USER_AND_TEXT, (a, args) -> a.msg(args.get(0), args.get(1))),
            new Spec("sendfile", Shape.USER_AND_PATH, (a, args) -> a.sendFile(args.get(0), args.get(1))),
            new Spec("acceptfile", Shape.USER_AND_OPTIONAL_NAME, (a, args) -> a.acceptFile(args.get(0), optional(args))),
            new Spec("rejectfile", Shape.USER_AND_OPTIONAL_NAME, (a, args) -> a.rejectFile(args.get(0), optional(args))),
            new Spec("cancelfile", Shape.USER_AND_OPTIONAL_NAME, (a, args) -> a.cancelFile(args.get(0), optional(args))),
            new Spec("files", Shape.NONE, (a, args) -> a.files()),
            new Spec("watch", Shape.USERS, (a, args) -> a.watch(args)),
            new Spec("unwatch", Shape.USERS, (a, args) -> a.unwatch(args)),
            new Spec("watching", Shape.NONE, (a, args) -> a.watching()),
            new Spec("help", Shape.OPTIONAL_WORD, (a, args) -> a.help(args.isEmpty() ? null : args.get(0))),
            new Spec("clear", Shape.NONE, (a, args) -> a.clear()),
            new Spec("quit", Shape.NONE, (a, args) -> a.quit())));

    /** The argument of {@code /list} that asks for the next page. */
    static final String MORE = "more";

    private final Map<String, Spec> byName = new LinkedHashMap<>();

    private CommandTable(List<Spec> specs) {
        specs.forEach(spec -> byName.put(spec.name(), spec));
    }

    /** The client's commands. */
    public static CommandTable standard() {
        return STANDARD;
    }

    /** Every command, in the order {@code /help} lists them. */
    public Collection<Spec> specs() {
        return byName.values();
    }

    public Optional<Spec> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Reads one typed line. A line starting with "/" is a command; "//" escapes a leading slash
     * in plain text (as in IRC clients), so "//shrug" sends "/shrug". Plain text is kept exactly
     * as typed, any Unicode included.
     */
    public Parsed parse(String line) {
        if (line.isBlank()) {
            return new Blank();
        }
        if (line.startsWith("//")) {
            return new PlainText(line.substring(1));
        }
        if (!line.startsWith("/")) {
            return new PlainText(line);
        }
        String body = line.substring(1);
        int nameEnd = wordEnd(body, 0);
        String name = body.substring(0, nameEnd);
        Optional<Spec> spec = find(name);
        if (spec.isEmpty()) {
            return new Unknown(name);
        }
        String rest = body.substring(nameEnd).stripLeading();
        return arguments(spec.get(), rest)
                .<Parsed>map(args -> new Invocation(spec.get(), args))
                .orElse(new BadArguments(spec.get()));
    }

    private static Optional<List<String>> arguments(Spec spec, String rest) {
        if (spec.shape() == Shape.NONE) {
            return rest.isBlank() ? Optional.of(List.of()) : Optional.empty();
        }
        if (spec.shape() == Shape.OPTIONAL_WORD) {
            String word = rest.strip();
            if (word.isEmpty()) {
                return Optional.of(List.of());
            }
            return wordEnd(word, 0) == word.length() ? Optional.of(List.of(word)) : Optional.empty();
        }
        if (spec.shape() == Shape.OPTIONAL_MORE) {
            String word = rest.strip();
            if (word.isEmpty()) {
                return Optional.of(List.of());
            }
            return word.equalsIgnoreCase(MORE) ? Optional.of(List.of(MORE)) : Optional.empty();
        }
        if (spec.shape() == Shape.USERS) {
            List<String> users = words(rest);
            return users.isEmpty() ? Optional.empty() : Optional.of(users);
        }
        int userEnd = wordEnd(rest, 0);
        String user = rest.substring(0, userEnd);
        // Text keeps its trailing spaces (sent as typed); only the separator after the name goes.
        String tail = rest.substring(userEnd).stripLeading();
        boolean tailOptional = spec.shape() == Shape.USER || spec.shape() == Shape.USER_AND_OPTIONAL_NAME;
        if (user.isEmpty() || tail.isBlank() && !tailOptional) {
            return Optional.empty();
        }
        return switch (spec.shape()) {
            case USER -> tail.isBlank() ? Optional.of(List.of(user)) : Optional.empty();
            case USER_AND_TEXT -> Optional.of(List.of(user, tail));
            case USER_AND_PATH -> {
                String path = unquote(tail.strip());
                yield path.isEmpty() ? Optional.empty() : Optional.of(List.of(user, path));
            }
            case USER_AND_OPTIONAL_NAME -> {
                String name = unquote(tail.strip());
                yield name.isEmpty() ? Optional.of(List.of(user)) : Optional.of(List.of(user, name));
            }
            case NONE, OPTIONAL_WORD, OPTIONAL_MORE, USERS -> throw new AssertionError("handled above");
        };
    }

    /** The optional second argument, or null when it was left out. */
    private static String optional(List<String> args) {
        return args.size() > 1 ? args.get(1) : null;
    }

    /**
     * A path or file name typed in quotes ("my notes.txt" or 'my notes.txt') loses the quotes.
     * Unquoted, a backslash before a space, a quote or another backslash is dropped, as in a
     * shell: Tab completion writes {@code my\ notes.txt}. Other backslashes stay (Windows paths).
     */
    static String unquote(String s) {
        if (s.length() >= 2) {
            char first = s.charAt(0);
            if ((first == '"' || first == '\'') && s.charAt(s.length() - 1) == first) {
                return s.substring(1, s.length() - 1);
            }
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && " '\"\\".indexOf(s.charAt(i + 1)) >= 0) {
                c = s.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Commands whose name starts with {@code typed}, or is one typo away from it: for "did you mean". */
    public List<Spec> near(String typed) {
        String t = typed.toLowerCase(Locale.ROOT);
        return byName.values().stream()
                .filter(spec -> !t.isEmpty() && spec.name().startsWith(t) || distance(spec.name(), t) <= 1)
                .toList();
    }

    /** Levenshtein distance; the names are short, so the plain table is fine. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** The words of {@code s}, split where {@link #wordEnd} splits them. */
    private static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int end = wordEnd(s, i);
            if (end > i) {
                words.add(s.substring(i, end));
                i = end;
            } else {
                i += Character.charCount(s.codePointAt(i));
            }
        }
        return words;
    }

    private static int wordEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }
}
