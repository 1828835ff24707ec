package dev.obrol.client;

import dev.obrol.protocol.Usernames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who the client believes is online, for Tab completion: replaced by every {@code CLIENT_LIST}
 * answer and kept current by {@code PRESENCE} events (obrol servers; a v1 server sends none, so
 * there the list is as fresh as the last /list). Names are matched ignoring case, as the server
 * does, and listed in the case people chose. Thread-safe: written on the network thread, read by
 * the completer on the input thread.
 */
public final class OnlineUsers {
    private final Map<String, String> byKey = new TreeMap<>();

    /** Replaces everyone with {@code names} (a fresh /list answer). */
    public synchronized void replace(Collection<String> names) {
        byKey.clear();
        names.forEach(this::addLocked);
    }

    public synchronized void online(String name) {
        addLocked(name);
    }

    public synchronized void offline(String name) {
        if (name != null) {
            byKey.remove(Usernames.key(name));
        }
    }

    /** Everyone known to be online, sorted ignoring case. */
    public synchronized List<String> names() {
        return new ArrayList<>(byKey.values());
    }

    private void addLocked(String name) {
        if (name != null && !name.isEmpty()) {
            byKey.put(Usernames.key(name), name);
        }
    }
}
