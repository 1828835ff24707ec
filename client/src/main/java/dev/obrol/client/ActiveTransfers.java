package dev.obrol.client;

import dev.obrol.protocol.Usernames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The session's streamed transfers as Tab completion sees them: offered or running, either
 * direction, each with its id, the other person and the file name. The session attaches its live
 * list once it runs; until then the list is empty. Thread-safe (the source must be too).
 */
public final class ActiveTransfers {
    /** One transfer: {@code peer} is the receiver of a file sent, the sender of a file received. */
    public record Entry(String id, String peer, String filename) {}

    private volatile Supplier<List<Entry>> source = List::of;

    /** Reads transfers from {@code newSource} from now on (oldest first). */
    public void attach(Supplier<List<Entry>> newSource) {
        this.source = newSource;
    }

    public List<Entry> all() {
        return source.get();
    }

    /** Everyone with a transfer, oldest first, once each ignoring case (in the case first seen). */
    public List<String> peers() {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Entry entry : all()) {
            byKey.putIfAbsent(Usernames.key(entry.peer()), entry.peer());
        }
        return new ArrayList<>(byKey.values());
    }

    /** The file names, then the ids, of the transfers with {@code peer}: what {@code /cancelfile peer} takes next. */
    public List<String> namesAndIds(String peer) {
        if (peer == null || peer.isEmpty()) {
            return List.of();
        }
        String key = Usernames.key(peer);
        Set<String> names = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Entry entry : all()) {
            if (Usernames.key(entry.peer()).equals(key)) {
                names.add(entry.filename());
                ids.add(entry.id());
            }
        }
        names.addAll(ids);
        return List.copyOf(names);
    }
}
