package dev.obrol.client;

import java.util.Optional;

/**
 * The online list as the user pages through it. An obrol server answers {@code LIST} one page at
 * a time (docs/PROTOCOL.md, "The online list"); {@code /list} asks for the first page and {@code
 * /list more} for the page after the last name shown. This keeps where the next page starts and
 * how many names were shown so far; which answer is which page is told by {@link ListRequests}.
 * Thread-safe: requests come from the input thread, answers on the network thread.
 */
final class ListPages {
    /** A page placed in the pass: names {@code from} to {@code to} (1-based) of the list. */
    record Page(int from, int to) {}

    /** The last name shown when the server said more follow; null when there is no next page to ask for. */
    private String after;
    /** Names shown so far in this pass through the list. */
    private int shown;

    /** A first page was asked for: there is no next page until it arrives. */
    synchronized void restart() {
        after = null;
    }

    /** For {@code /list more}: the name the next page starts after, now asked for; empty when there is none. */
    synchronized Optional<String> takeNext() {
        String from = after;
        after = null; // asked once: a second /list more before the answer must not ask for the same page
        return Optional.ofNullable(from);
    }

    /**
     * A page is shown: the first of a pass, or the next; {@code count} names, {@code last} the last
     * of them, and {@code more} whether another page follows.
     */
    synchronized Page shown(boolean first, int count, String last, boolean more) {
        if (first) {
            shown = 0;
        }
        int from = shown + 1;
        shown += count;
        after = more ? last : null;
        return new Page(from, shown);
    }
}
