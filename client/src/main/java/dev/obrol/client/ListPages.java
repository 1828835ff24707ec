package dev.obrol.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The online list as the user pages through it. An obrol server answers {@code LIST} one page at
 * a time (docs/PROTOCOL.md, "The online list"); {@code /list} asks for the first page and {@code
 * /list more} for the page after the last name shown. The server answers requests in the order
 * they were sent, so the requests still due are a queue, and each answer takes the oldest.
 * Thread-safe: requests come from the input thread, answers on the network thread.
 */
final class ListPages {
    /** Why a list was asked for. */
    enum Request {
        /** The first page, to learn names for completion; not shown. */
        QUIET,
        /** The first page, shown. */
        FIRST,
        /** The page after the last name shown. */
        NEXT
    }

    /** An answer placed in the pass: names {@code from} to {@code to} (1-based) of the list. */
    record Page(Request request, int from, int to) {}

    private final Deque<Request> due = new ArrayDeque<>();
    /** The last name shown when the server said more follow; null when there is no next page to ask for. */
    private String after;
    /** Names shown so far in this pass through the list. */
    private int shown;

    /** A first page was asked for: a new pass starts, and there is no next page until it arrives. */
    synchronized void requestedFirst(boolean quiet) {
        due.add(quiet ? Request.QUIET : Request.FIRST);
        after = null;
        shown = 0;
    }

    /** For {@code /list more}: the name the next page starts after, now asked for; empty when there is none. */
    synchronized Optional<String> requestNext() {
        if (after == null) {
            return Optional.empty();
        }
        String from = after;
        after = null; // asked once: a second /list more before the answer must not ask for the same page
        due.add(Request.NEXT);
        return Optional.of(from);
    }

    /**
     * A {@code CLIENT_LIST} arrived with {@code count} names, {@code last} the last of them, and
     * {@code more} saying whether another page follows. An answer nobody asked for counts as a first page.
     */
    synchronized Page answered(int count, String last, boolean more) {
        Request request = due.isEmpty() ? Request.FIRST : due.poll();
        if (request == Request.QUIET) {
            return new Page(request, 1, count); // not shown: the user starts with /list, from the top
        }
        if (request == Request.FIRST) {
            shown = 0;
        }
        int from = shown + 1;
        shown += count;
        after = more && last != null ? last : null;
        return new Page(request, from, shown);
    }
}
