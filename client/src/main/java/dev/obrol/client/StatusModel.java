package dev.obrol.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the status line shows: the server, your name, who plain text goes to, how many file offers
 * wait for an answer, and the transfers in progress. The rest of the client writes here; a
 * terminal UI listens and redraws. Transfers are keyed by an id of the caller's choosing (a
 * transfer id, or sender and file name) with a short label such as "report.pdf 42%".
 * Thread-safe: every change is made under the lock and listeners get an immutable {@link Snapshot}.
 */
public final class StatusModel {
    /** One consistent view of the status. {@code partner} is null while plain text goes nowhere. */
    public record Snapshot(String server, String username, String partner, int pendingOffers, Map<String, String> transfers) {}

    /** Told after every change; called on the thread that made it, outside the lock. */
    @FunctionalInterface
    public interface Listener {
        void changed(Snapshot snapshot);
    }

    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private String server = "";
    private String username = "";
    private String partner;
    private int pendingOffers;
    private final Map<String, String> transfers = new LinkedHashMap<>();

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void connected(String newServer, String newUsername) {
        synchronized (this) {
            server = newServer;
            username = newUsername;
        }
        fire();
    }

    public void partner(String newPartner) {
        synchronized (this) {
            partner = newPartner;
        }
        fire();
    }

    public void pendingOffers(int count) {
        synchronized (this) {
            if (pendingOffers == count) {
                return;
            }
            pendingOffers = count;
        }
        fire();
    }

    /** A transfer started or made progress; {@code label} replaces the previous one for {@code id}. */
    public void transfer(String id, String label) {
        synchronized (this) {
            transfers.put(id, label);
        }
        fire();
    }

    /** A transfer finished, failed or was cancelled. */
    public void transferDone(String id) {
        synchronized (this) {
            if (transfers.remove(id) == null) {
                return;
            }
        }
        fire();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(server, username, partner, pendingOffers, Collections.unmodifiableMap(new LinkedHashMap<>(transfers)));
    }

    private void fire() {
        Snapshot now = snapshot();
        for (Listener listener : listeners) {
            listener.changed(now);
        }
    }
}
