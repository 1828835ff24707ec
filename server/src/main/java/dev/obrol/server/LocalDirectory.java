package dev.obrol.server;

import dev.obrol.protocol.Usernames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The {@link Directory} of one node. Owns username uniqueness: one user per {@link Usernames#key}
 * (NFKC case folded) and one per {@link Usernames#skeleton} (what the name looks like), so nobody
 * can pose as someone online with a look-alike name. {@link #claim} claims the skeleton, then the
 * key, each with one atomic {@code putIfAbsent}, so of clients racing for one name, or for names
 * that look alike, at most one wins; a name becomes findable only once its look is claimed, and
 * {@link #release} frees the key before the look. A look-alike racing a claim that fails after all
 * may be refused too. Only the user that holds a name frees it.
 *
 * <p>A third index keeps the names sorted, so the online list is read in pages without copying or
 * sorting every user. Thread-safe.
 */
public final class LocalDirectory implements Directory {
    private final ConcurrentMap<String, User> byKey = new ConcurrentHashMap<>();
    /** Who holds each look (skeleton). */
    private final ConcurrentMap<String, User> bySkeleton = new ConcurrentHashMap<>();
    /** The same users by folded name, in order: the online list's pages. */
    private final ConcurrentSkipListMap<String, User> sorted = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Conflict> claim(User user) {
        User looksLike = bySkeleton.putIfAbsent(user.skeleton(), user);
        if (looksLike != null) {
            return Optional.of(new Conflict(looksLike.name(), !looksLike.key().equals(user.key())));
        }
        User holder = byKey.putIfAbsent(user.key(), user);
        if (holder != null) {
            // The key is held by a spelling that looks different: "ALICE" (skeleton "allce") for "alice".
            bySkeleton.remove(user.skeleton(), user);
            return Optional.of(new Conflict(holder.name(), false));
        }
        sorted.put(user.key(), user);
        return Optional.empty();
    }

    @Override
    public boolean release(User user) {
        boolean freed = byKey.remove(user.key(), user);
        if (freed) {
            sorted.remove(user.key(), user);
            // Only now: until the name is gone, a look-alike must still be refused.
            bySkeleton.remove(user.skeleton(), user);
        }
        return freed;
    }

    @Override
    public Optional<User> locate(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byKey.get(Usernames.key(name)));
    }

    @Override
    public int size() {
        return byKey.size();
    }

    @Override
    public List<String> names(String after, int count) {
        Map<String, User> from = after == null ? sorted : sorted.tailMap(Usernames.key(after), false);
        List<String> page = new ArrayList<>(Math.min(count, 256));
        for (User user : from.values()) {
            if (page.size() >= count) {
                break;
            }
            page.add(user.name());
        }
        return page;
    }

    @Override
    public Iterable<User> users() {
        return byKey.values();
    }
}
