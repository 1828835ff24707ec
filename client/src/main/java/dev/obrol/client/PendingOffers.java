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

    /**
     * One offer as it arrived. {@code filedata} is Base64 (whole-file shape) and may be null;
     * {@code transferId} is set for a streamed offer (protocol 2), whose bytes come after accepting.
     */
    public record Offer(String from, String filename, String filedata, long size, String transferId) {
        /** A whole-file (v1 shape) offer. */
        public Offer(String from, String filename, String filedata, long size) {
            this(from, filename, filedata, size, null);
        }

        public boolean streamed() {
            return transferId != null;
        }
    }

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

    /**
     * The oldest offer from {@code sender} whose file name or transfer id is {@code which}; the
     * oldest of all from {@code sender} when {@code which} is null. Left in place.
     */
    public synchronized Optional<Offer> find(String sender, String which) {
        if (which == null) {
            return oldest(sender);
        }
        Deque<Offer> queue = bySender.get(Usernames.key(sender));
        if (queue == null) {
            return Optional.empty();
        }
        return queue.stream().filter(o -> which.equals(o.transferId())).findFirst()
                .or(() -> queue.stream().filter(o -> which.equals(o.filename())).findFirst());
    }

    /** Forgets the streamed offer {@code transferId} (it expired or was withdrawn); false if not here. */
    public synchronized boolean removeTransfer(String transferId) {
        for (Deque<Offer> queue : bySender.values()) {
            for (Offer offer : queue) {
                if (transferId.equals(offer.transferId())) {
                    return remove(offer);
                }
            }
        }
        return false;
    }

    /** Every offer waiting, oldest first per sender. */
    public synchronized List<Offer> all() {
        return bySender.values().stream().flatMap(Deque::stream).toList();
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

    /**
     * What may follow {@code /acceptfile sender}: the names of the files {@code sender} offered,
     * then the transfer ids of the streamed ones, oldest first.
     */
    public synchronized List<String> namesAndIds(String sender) {
        Deque<Offer> queue = sender == null ? null : bySender.get(Usernames.key(sender));
        if (queue == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(queue.stream().map(Offer::filename).distinct().toList());
        queue.stream().filter(Offer::streamed).map(Offer::transferId).forEach(out::add);
        return out;
    }

    /** How many offers wait, from everyone. */
    public synchronized int size() {
        return bySender.values().stream().mapToInt(Deque::size).sum();
    }
}
