package dev.obrol.client;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The LIST requests this client has sent and not yet had answered, oldest first, with what each
 * answer is for: to show (the user typed /list, or /list more for the next page), to learn names
 * quietly (for Tab completion at the start), or to check who is online before a message to an
 * original (v1) server. A server answers the LISTs of a connection in order, so each CLIENT_LIST
 * answers the oldest request. Register a request before sending its LIST. Thread-safe: asked from
 * the input thread, answered on the event loop.
 */
final class ListRequests {
    /** What an answer is for. */
    enum Purpose {
        /** Shown: the first page, or the whole list (the user asked, or nobody did). */
        SHOW_FIRST,
        /** Shown: the page after the last name shown. */
        SHOW_NEXT,
        /** Not shown: names to learn. */
        LEARN,
        /** Not shown: someone waits for the names in it. */
        CHECK
    }

    /** One request: what its answer is for, and who waits for the names in it (or null). */
    private record Pending(Purpose purpose, CompletableFuture<List<String>> names) {}

    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

    /** The user asked: the answer is shown. */
    void toShow() {
        pending.add(new Pending(Purpose.SHOW_FIRST, null));
    }

    /** The user asked for the next page: the answer is shown as the page after the last one. */
    void toShowNext() {
        pending.add(new Pending(Purpose.SHOW_NEXT, null));
    }

    /** The answer only teaches names: nothing is shown. */
    void toLearn() {
        pending.add(new Pending(Purpose.LEARN, null));
    }

    /** The answer is waited for: completes with the names in it (as the server sent them), nothing is shown. */
    CompletableFuture<List<String>> toCheck() {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        pending.add(new Pending(Purpose.CHECK, names));
        return names;
    }

    /** A CLIENT_LIST with {@code names} arrived: what it is for; an answer nobody asked for is shown. */
    Purpose answered(List<String> names) {
        Pending request = pending.poll();
        if (request == null) {
            return Purpose.SHOW_FIRST;
        }
        if (request.names() != null) {
            request.names().complete(names);
        }
        return request.purpose();
    }

    /** The connection is gone: nobody waits for an answer that cannot come. */
    void closed() {
        for (Pending request; (request = pending.poll()) != null; ) {
            if (request.names() != null) {
                request.names().cancel(false);
            }
        }
    }
}
