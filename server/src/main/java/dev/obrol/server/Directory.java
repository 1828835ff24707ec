package dev.obrol.server;

import java.util.List;
import java.util.Optional;

/**
 * Where users are: owns name uniqueness and finds who holds a name. The server's features reach
 * users through it (and {@link Delivery}), never through a map of connections, so a cluster can
 * put a shared directory here (claims made atomic across nodes) without touching them.
 *
 * <p>Implementations are thread-safe. {@link LocalDirectory} serves one node.
 */
public interface Directory {

    /** Why a name could not be claimed: held by {@code holder} itself, or by a name that looks like it. */
    record Conflict(String holder, boolean lookAlike) {}

    /**
     * Claims {@code user}'s name, atomically: of two users racing for one name (or two names that
     * look alike) exactly one wins. Empty on success, else who holds it.
     */
    Optional<Conflict> claim(User user);

    /** Frees {@code user}'s name if, and only if, this user holds it. */
    boolean release(User user);

    /** The user holding {@code name} (compared folded), wherever they are connected. */
    Optional<User> locate(String name);

    /** How many users are online. */
    int size();

    /**
     * Up to {@code count} names online, sorted ignoring case, starting after {@code after} (null: from
     * the first). Cheap: walks the sorted index, copies nothing else.
     */
    List<String> names(String after, int count);

    /** Every name online, sorted ignoring case: a copy, for the operator's console (not for clients). */
    default List<String> allNames() {
        return names(null, Integer.MAX_VALUE);
    }

    /** Every user online, live (not a copy), for the operator's broadcast and the console. */
    Iterable<User> users();
}
