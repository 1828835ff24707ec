package dev.obrol.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * The username rules, shared by server (which enforces them) and client (which checks early):
 * 1 to 32 characters; letters of any script, digits, '_', '-', '.'; unique ignoring case.
 */
public final class Usernames {
    private Usernames() {}

    /** What can be wrong with a username. */
    public enum Problem {
        EMPTY("Username must not be empty."),
        TOO_LONG("Username must be at most " + Limits.MAX_USERNAME_CHARS + " characters."),
        BAD_CHARS("Username may contain only letters, digits, '_', '-' and '.' (no spaces).");

        private final String english;

        Problem(String english) {
            this.english = english;
        }

        /** The problem explained in English. */
        public String english() {
            return english;
        }
    }

    /** What is wrong with {@code name}, or empty if it is acceptable. */
    public static Optional<Problem> check(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(Problem.EMPTY);
        }
        if (name.codePointCount(0, name.length()) > Limits.MAX_USERNAME_CHARS) {
            return Optional.of(Problem.TOO_LONG);
        }
        if (name.codePoints().anyMatch(cp -> !isAllowed(cp))) {
            return Optional.of(Problem.BAD_CHARS);
        }
        return Optional.empty();
    }

    /** Why {@code name} is not acceptable, in English, or empty if it is. */
    public static Optional<String> problem(String name) {
        return check(name).map(Problem::english);
    }

    private static boolean isAllowed(int cp) {
        // Combining marks are letters' parts in many scripts (Devanagari, Thai, ...).
        int category = Character.getType(cp);
        return Character.isLetterOrDigit(cp)
                || category == Character.NON_SPACING_MARK
                || category == Character.COMBINING_SPACING_MARK
                || cp == '_'
                || cp == '-'
                || cp == '.';
    }

    /** The key under which a name is unique: case folded, locale-independent. */
    public static String key(String name) {
        if (isAscii(name)) {
            // Looked up for every message relayed: ASCII folds by lowering alone, with at most one copy.
            return name.toLowerCase(Locale.ROOT);
        }
        return name.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
