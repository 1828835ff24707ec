package dev.obrol.client;

import dev.obrol.protocol.Usernames;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code WATCH} requests whose answer is still due. A server answers {@code WATCH} with a
 * {@code PRESENCE_BATCH} of the names' state now, which on the wire looks like a batch of changes;
 * but presence changes may reach the client between the request and its answer. The answer is the
 * batch that names exactly the names asked about (each name once, as the client sends them), so it
 * is told apart by its names, and shown as a state ("online now") rather than as comings and
 * goings. Thread-safe: requests come from the input thread, answers on the network thread.
 */
final class WatchAnswers {
    /** Why the names were sent. */
    enum Occasion {
        /** The whole watch list, sent after logging in. */
        LOGIN,
        /** Names the user just added with {@code /watch}. */
        REQUEST
    }

    private record Due(Set<String> keys, Occasion occasion) {}

    private final Deque<Due> due = new ArrayDeque<>();

    /** A {@code WATCH} of {@code names} is about to be sent. */
    synchronized void expect(Collection<String> names, Occasion occasion) {
        due.add(new Due(keys(names), occasion));
    }

    /**
     * If this batch answers a request still due, why that request was sent; the request is done,
     * and so are older ones (the server answers in order, so theirs came already, told apart wrongly).
     */
    synchronized Optional<Occasion> answer(List<String> online, List<String> offline) {
        Set<String> named = keys(online);
        named.addAll(keys(offline));
        if (due.stream().noneMatch(request -> request.keys().equals(named))) {
            return Optional.empty();
        }
        Due request;
        do {
            request = due.poll();
        } while (!request.keys().equals(named));
        return Optional.of(request.occasion());
    }

    private static Set<String> keys(Collection<String> names) {
        Set<String> keys = new HashSet<>();
        names.forEach(name -> keys.add(Usernames.key(name)));
        return keys;
    }
}
