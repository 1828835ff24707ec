package dev.obrol.server.transfer;

import dev.obrol.protocol.Usernames;
import dev.obrol.server.LoginListener;
import dev.obrol.server.Session;
import dev.obrol.server.User;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * File offers awaiting an answer, per receiver, oldest first. Lets the server tell a sender the
 * answer and refuse answers to offers that were never made. Several offers from one sender are all
 * kept (v1 kept only the last). Bounded per receiver; the oldest is dropped past the bound.
 * Thread-safe (one lock; operations are short).
 */
public final class OfferBook implements TransferView, LoginListener {
    /** Pending offers kept per receiver. */
    static final int MAX_PENDING_PER_RECEIVER = 256;

    private final Map<String, Deque<FileOffer>> byReceiver = new HashMap<>();

    public synchronized void add(FileOffer offer) {
        Deque<FileOffer> queue = byReceiver.computeIfAbsent(Usernames.key(offer.receiver()), k -> new ArrayDeque<>());
        if (queue.size() >= MAX_PENDING_PER_RECEIVER) {
            queue.removeFirst();
        }
        queue.addLast(offer);
    }

    /**
     * Removes and returns the oldest offer from {@code sender} to {@code receiver}, with the given
     * file name when {@code filename} is not null.
     */
    public synchronized Optional<FileOffer> take(String receiver, String sender, String filename) {
        Deque<FileOffer> queue = byReceiver.get(Usernames.key(receiver));
        if (queue == null) {
            return Optional.empty();
        }
        String senderKey = Usernames.key(sender);
        for (Iterator<FileOffer> it = queue.iterator(); it.hasNext(); ) {
            FileOffer offer = it.next();
            if (Usernames.key(offer.sender()).equals(senderKey)
                    && (filename == null || offer.filename().equals(filename))) {
                it.remove();
                if (queue.isEmpty()) {
                    byReceiver.remove(Usernames.key(receiver));
                }
                return Optional.of(offer);
            }
        }
        return Optional.empty();
    }

    /** Drops every offer to or from {@code user} (who left) and returns them. */
    /** A user left: offers to and from them can no longer be answered. */
    @Override
    public void loggedOut(User user, Session session, boolean lastConnection) {
        if (lastConnection) {
            dropAllOf(user.name());
        }
    }

    public synchronized List<FileOffer> dropAllOf(String user) {
        String key = Usernames.key(user);
        List<FileOffer> dropped = new ArrayList<>();
        Deque<FileOffer> own = byReceiver.remove(key);
        if (own != null) {
            dropped.addAll(own);
        }
        for (Iterator<Deque<FileOffer>> queues = byReceiver.values().iterator(); queues.hasNext(); ) {
            Deque<FileOffer> queue = queues.next();
            queue.removeIf(offer -> {
                boolean fromUser = Usernames.key(offer.sender()).equals(key);
                if (fromUser) {
                    dropped.add(offer);
                }
                return fromUser;
            });
            if (queue.isEmpty()) {
                queues.remove();
            }
        }
        return dropped;
    }

    /** Every waiting offer as a transfer not yet started, oldest first per receiver (the console's {@code transfers}). */
    @Override
    public synchronized List<TransferRow> transfers() {
        List<TransferRow> rows = new ArrayList<>();
        for (Deque<FileOffer> queue : byReceiver.values()) {
            for (FileOffer offer : queue) {
                rows.add(new TransferRow("offer", offer.sender(), offer.receiver(), offer.filename(), offer.size(), -1));
            }
        }
        return rows;
    }

    public synchronized int size() {
        return byReceiver.values().stream().mapToInt(Deque::size).sum();
    }
}
