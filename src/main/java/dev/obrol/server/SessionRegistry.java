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
 * Who is online. Owns username uniqueness: one user per {@link Usernames#key} (NFKC case folded)
 * and one per {@link Usernames#skeleton} (what the name looks like), so nobody can pose as someone
 * online with a look-alike name. {@link #register} claims the skeleton, then the key, each with one
 * atomic {@code putIfAbsent}, so of clients racing for one name, or for names that look alike, at
 * most one wins; a name becomes findable only once its look is claimed, and {@link #unregister}
 * frees the key before the look. A look-alike racing a claim that fails after all may be refused
 * too. Only the session that holds a name frees it. Thread-safe.
 */
public final class SessionRegistry {
    /** The outcome of {@link #register}. */
    public sealed interface Claim {
        /** The name is now the session's. */
        Claim GRANTED = new Granted();
        /** The same name, ignoring case, width and composition, is online. */
        Claim TAKEN = new Taken();

        default boolean granted() {
            return this instanceof Granted;
        }

        record Granted() implements Claim {}

        record Taken() implements Claim {}

        /** A different name that looks the same, {@code holder} (as its user typed it), is online. */
        record LooksLike(String holder) implements Claim {}
    }

    /** Who holds a skeleton. Name and key are kept here, not read from the session: a refused session's name is cleared. */
    private record Look(String key, String name, Session session) {}

    private final ConcurrentMap<String, Session> byName = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Look> bySkeleton = new ConcurrentHashMap<>();
    /** The online obrol clients: the only ones told of presence, kept apart so v1 logins cost O(1). */
    private final Set<Session> obrolClients = ConcurrentHashMap.newKeySet();

    /** Claims {@code name} for {@code session}, unless it, or a name that looks like it, is held. */
    public Claim register(String name, Session session) {
        String key = Usernames.key(name);
        String skeleton = Usernames.skeleton(name);
        Look look = new Look(key, name, session);
        Look holder = bySkeleton.putIfAbsent(skeleton, look);
        if (holder != null) {
            return holder.key().equals(key) ? Claim.TAKEN : new Claim.LooksLike(holder.name());
        }
        if (byName.putIfAbsent(key, session) != null) {
            // The key is held by a spelling that looks different: "ALICE" (skeleton "allce") for "alice".
            bySkeleton.remove(skeleton, look);
            return Claim.TAKEN;
        }
        if (session.isObrolClient()) {
            obrolClients.add(session);
        }
        return Claim.GRANTED;
    }

    /** Frees the session's name if, and only if, this session holds it. */
    public boolean unregister(Session session) {
        String name = session.username();
        if (name == null) {
            return false;
        }
        String key = Usernames.key(name);
        boolean freed = byName.remove(key, session);
        if (freed) {
            // Only now: until the name is gone, a look-alike must still be refused.
            bySkeleton.remove(Usernames.skeleton(name), new Look(key, name, session));
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

    /** The session logged in as {@code name}, by its key (ignoring case, width and composition). */
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
