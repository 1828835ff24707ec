package dev.obrol.client;

import dev.obrol.protocol.Usernames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * File offers waiting for /acceptfile or /rejectfile: every offer is kept, first in first out per
 * sender, for any number of senders (v1 kept only the last offer per sender). Senders are matched
 * ignoring case, as the server matches names. Thread-safe: offers arrive on the network thread and
 * are taken on the input thread.
 */
public final class PendingOffers {

    /** One offer as it arrived. {@code filedata} is Base64 (whole-file shape) and may be null. */
    public record Offer(String from, String filename, String filedata, long size) {}

    private final Map<String, Deque<Offer>> bySender = new LinkedHashMap<>();

    /** Keeps {@code offer}; returns how many offers from that sender are now waiting. */
    public synchronized int add(Offer offer) {
        Deque<Offer> queue = bySender.computeIfAbsent(Usernames.key(offer.from()), k -> new ArrayDeque<>());
        queue.addLast(offer);
        return queue.size();
    }

    /** The oldest offer from {@code sender}, left in place. */
    public synchronized Optional<Offer> oldest(String sender) {
        Deque<Offer> queue = bySender.get(Usernames.key(sender));
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.peekFirst());
    }

    /** Forgets {@code offer} (the same instance {@link #oldest} returned); false if already gone. */
    public synchronized boolean remove(Offer offer) {
        String key = Usernames.key(offer.from());
        Deque<Offer> queue = bySender.get(key);
        if (queue == null) {
            return false;
        }
        boolean removed = queue.removeFirstOccurrence(offer);
        if (queue.isEmpty()) {
            bySender.remove(key);
        }
        return removed;
    }

    /** Everyone with an offer waiting, in the case they chose, first offered first (for completion). */
    public synchronized List<String> senders() {
        List<String> names = new ArrayList<>();
        for (Deque<Offer> queue : bySender.values()) {
            if (!queue.isEmpty()) {
                names.add(queue.peekFirst().from());
            }
        }
        return names;
    }

    /** The names of the files {@code sender} offered that wait, oldest first. */
    public synchronized List<String> filenames(String sender) {
        Deque<Offer> queue = sender == null ? null : bySender.get(Usernames.key(sender));
        return queue == null ? List.of() : queue.stream().map(Offer::filename).distinct().toList();
    }

    /** How many offers wait, from everyone. */
    public synchronized int size() {
        return bySender.values().stream().mapToInt(Deque::size).sum();
    }
}
