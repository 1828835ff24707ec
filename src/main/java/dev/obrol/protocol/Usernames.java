package dev.obrol.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * The username rules, shared by server (which enforces them) and client (which checks early):
 * 1 to 32 characters; letters of any script, digits, '_', '-', '.'; unique ignoring case.
 */
public final class Usernames {
    private Usernames() {}

    /** Why {@code name} is not acceptable, or empty if it is. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("Username must not be empty.");
        }
        int length = name.codePointCount(0, name.length());
        if (length > Limits.MAX_USERNAME_CHARS) {
            return Optional.of("Username must be at most " + Limits.MAX_USERNAME_CHARS + " characters.");
        }
        boolean bad = name.codePoints().anyMatch(cp -> !isAllowed(cp));
        if (bad) {
            return Optional.of("Username may contain only letters, digits, '_', '-' and '.' (no spaces).");
        }
        return Optional.empty();
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
        return name.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
