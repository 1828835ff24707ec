package dev.obrol.server;

import dev.obrol.protocol.Usernames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is online. Owns username uniqueness (ignoring case): {@link #register} is one atomic
 * {@code putIfAbsent}, so of two clients racing for one name exactly one wins; {@link #unregister}
 * removes a name only for the session that holds it. Thread-safe.
 */
public final class SessionRegistry {
    private final ConcurrentMap<String, Session> byName = new ConcurrentHashMap<>();
    /** The online obrol clients: the only ones told of presence, kept apart so v1 logins cost O(1). */
    private final Set<Session> obrolClients = ConcurrentHashMap.newKeySet();

    /** Claims {@code name} for {@code session}; false if another session holds it. */
    public boolean register(String name, Session session) {
        boolean claimed = byName.putIfAbsent(Usernames.key(name), session) == null;
        if (claimed && session.isObrolClient()) {
            obrolClients.add(session);
        }
        return claimed;
    }

    /** Frees the session's name if, and only if, this session holds it. */
    public boolean unregister(Session session) {
        String name = session.username();
        boolean freed = name != null && byName.remove(Usernames.key(name), session);
        if (freed) {
            obrolClients.remove(session);
        }
        return freed;
    }

    /**
     * The online obrol (protocol 2) clients, live and without copying: every login and logout
     * walks it, and copying all sessions there made logging in N users cost O(N^2).
     */
    public Iterable<Session> obrolClients() {
        return obrolClients;
    }

    /** The session logged in as {@code name}, ignoring case. */
    public Optional<Session> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(Usernames.key(name)));
    }

    public int size() {
        return byName.size();
    }

    /** A snapshot of every session online. */
    public Collection<Session> all() {
        return List.copyOf(byName.values());
    }

    /** The usernames online, sorted ignoring case. */
    public List<String> usernames() {
        List<String> names = new ArrayList<>(byName.size());
        for (Session s : byName.values()) {
            names.add(s.username());
        }
        names.sort(Comparator.comparing(Usernames::key).thenComparing(Comparator.naturalOrder()));
        return names;
    }
}
