package dev.obrol.client;

/**
 * One Tab-completion candidate: the word to insert, what the menu shows, and whether the word is
 * finished (a space follows) or goes on (a folder, where the next Tab lists its files).
 */
public record Suggestion(String value, String display, boolean complete) {
    /** A finished word shown as itself. */
    public static Suggestion word(String value) {
        return new Suggestion(value, value, true);
    }
}
