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
 * The {@link Directory} of one node. Uniqueness is one atomic {@code putIfAbsent} on the folded
 * name, so of two clients racing for one name exactly one wins; {@link #release} removes a name
 * only for the user that holds it. A second index keeps the names sorted, so the online list is
 * read in pages without copying or sorting every user. Thread-safe.
 */
public final class LocalDirectory implements Directory {
    private final ConcurrentMap<String, User> byKey = new ConcurrentHashMap<>();
    /** The same users by folded name, in order: the online list's pages. */
    private final ConcurrentSkipListMap<String, User> sorted = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Conflict> claim(User user) {
        User holder = byKey.putIfAbsent(user.key(), user);
        if (holder != null) {
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
