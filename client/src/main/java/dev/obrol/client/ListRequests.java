package dev.obrol.client;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The LIST requests this client has sent and not yet had answered, oldest first, with what each
 * answer is for: to show (the user typed /list), to learn names quietly (for Tab completion at the
 * start), or to check who is online before a message to an original (v1) server. A server answers
 * the LISTs of a connection in order, so each CLIENT_LIST answers the oldest request. Register a
 * request before sending its LIST. Thread-safe: asked from the input thread, answered on the event loop.
 */
final class ListRequests {
    /** One request: whether its answer is shown, and who waits for the names in it (or null). */
    private record Pending(boolean show, CompletableFuture<List<String>> names) {}

    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

    /** The user asked: the answer is shown. */
    void toShow() {
        pending.add(new Pending(true, null));
    }

    /** The answer only teaches names: nothing is shown. */
    void toLearn() {
        pending.add(new Pending(false, null));
    }

    /** The answer is waited for: completes with the names in it (as the server sent them), nothing is shown. */
    CompletableFuture<List<String>> toCheck() {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        pending.add(new Pending(false, names));
        return names;
    }

    /** A CLIENT_LIST with {@code names} arrived: true if it is to be shown (the user asked, or nobody did). */
    boolean answered(List<String> names) {
        Pending request = pending.poll();
        if (request == null) {
            return true;
        }
        if (request.names() != null) {
            request.names().complete(names);
        }
        return request.show();
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
