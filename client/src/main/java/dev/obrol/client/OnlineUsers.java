package dev.obrol.client;

import dev.obrol.protocol.Usernames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who the client believes is online, for Tab completion and {@code /watching}: the names of the
 * latest {@code CLIENT_LIST} answer (its pages, when the server pages it), and what presence
 * notices told since. A notice is newer than the list, so it wins until the next list. An obrol
 * server tells of everyone on a small server, and above its limit only of the people this client
 * watches or talked to; a v1 server tells nothing, so there the names are as fresh as the last
 * /list. Names are matched ignoring case, as the server does, and listed in the case people chose.
 * Thread-safe: written on the network thread, read by the completer on the input thread.
 */
public final class OnlineUsers {
    /** What the client knows about one person. */
    public enum State {
        ONLINE,
        OFFLINE,
        /** Neither told nor listed, and the list seen was not everyone (a page, or none yet). */
        UNKNOWN
    }

    /** One presence notice: the name as the server spelt it, and whether the person is online. */
    private record Told(String name, boolean online) {}

    /** Key to name, from the latest list (all of its pages seen so far). */
    private final Map<String, String> listed = new TreeMap<>();
    /** Key to the latest notice about that name since the list. */
    private final Map<String, Told> told = new HashMap<>();
    /** The latest list was everyone online, so a name missing from it was offline. */
    private boolean whole;

    /** Replaces everyone with {@code names} (a fresh /list answer holding everyone). */
    public synchronized void replace(Collection<String> names) {
        startList(names, true);
    }

    /** Replaces everyone with {@code names}, the first page of a list that has more. */
    public synchronized void replaceWithFirstPage(Collection<String> names) {
        startList(names, false);
    }

    /** Adds {@code names}, a further page of the list. */
    public synchronized void addPage(Collection<String> names) {
        names.forEach(this::listLocked);
    }

    public synchronized void online(String name) {
        tellLocked(name, true);
    }

    public synchronized void offline(String name) {
        tellLocked(name, false);
    }

    /** Everyone known to be online, sorted ignoring case. */
    public synchronized List<String> names() {
        Map<String, String> online = new TreeMap<>(listed);
        told.forEach((key, notice) -> {
            if (notice.online()) {
                online.put(key, notice.name());
            } else {
                online.remove(key);
            }
        });
        return new ArrayList<>(online.values());
    }

    /** What the client knows about {@code name} now. */
    public synchronized State state(String name) {
        String key = Usernames.key(name);
        Told notice = told.get(key);
        if (notice != null) {
            return notice.online() ? State.ONLINE : State.OFFLINE;
        }
        if (listed.containsKey(key)) {
            return State.ONLINE;
        }
        return whole ? State.OFFLINE : State.UNKNOWN;
    }

    private void startList(Collection<String> names, boolean everyone) {
        listed.clear();
        if (everyone) {
            told.clear(); // the list is newer than every notice before it
        }
        whole = everyone;
        names.forEach(this::listLocked);
    }

    private void listLocked(String name) {
        if (name != null && !name.isEmpty()) {
            String key = Usernames.key(name);
            listed.put(key, name);
            told.remove(key); // listed just now: newer than any notice
        }
    }

    private void tellLocked(String name, boolean online) {
        if (name != null && !name.isEmpty()) {
            told.put(Usernames.key(name), new Told(name, online));
        }
    }
}
