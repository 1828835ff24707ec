package dev.obrol.server.presence;

import dev.obrol.protocol.Limits;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.Usernames;
import dev.obrol.server.Directory;
import dev.obrol.server.Presence;
import dev.obrol.server.Session;
import dev.obrol.server.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The presence rule (docs/PROTOCOL.md, "Presence"):
 *
 * <ul>
 *   <li>with at most {@link #smallServerLimit} users online, every obrol client hears of every
 *       login and logout, as a LAN classroom expects;
 *   <li>above it, a change of user X goes only to the connections interested in X: those that
 *       exchanged a message with X during their session, and those that watch X.
 * </ul>
 *
 * <p>Changes are coalesced per recipient: they wait in a small map (name to latest state) whose
 * place in the recipient's outbox queue is taken at the first change; when the outbox reaches it,
 * everything that piled up goes out as one {@code PRESENCE_BATCH} line for clients that
 * announced {@code presence_batch} (else one {@code PRESENCE} line per name). A burst of thousands
 * of logins therefore queues at most one entry per name for each recipient, and one line per
 * drain of its outbox. v1 clients are never told (they do not know PRESENCE).
 *
 * <p>Thread-safe. Interest sets are per connection and dropped when it logs out; the index from a
 * name to the connections interested in it is what makes a change cost O(interested), not O(online).
 */
public final class ScopedPresence implements Presence {
    /** Below or at this many users online, everyone hears of everyone. */
    public static final int DEFAULT_SMALL_SERVER_LIMIT = 200;
    /** Names one connection may watch; more are ignored (the client keeps its list small). */
    public static final int MAX_WATCHED = 1000;

    /**
     * Why a connection is interested in a name; both may hold at once. Changed under the object's
     * lock; {@code partners} is also read without it, on every direct message.
     */
    private static final class Interest {
        final Set<String> watched = new HashSet<>();
        final Set<String> partners = ConcurrentHashMap.newKeySet();

        boolean holds(String key) {
            return watched.contains(key) || partners.contains(key);
        }
    }

    /** Changes waiting for one recipient's event loop: name (as typed) to its latest state. */
    private static final class Pending {
        Map<String, String> changes = new LinkedHashMap<>();
        boolean scheduled;
    }

    private final Directory directory;
    private final int smallServerLimit;
    /** Folded name to the connections interested in it. */
    private final ConcurrentMap<String, Set<Session>> interested = new ConcurrentHashMap<>();
    private final ConcurrentMap<Session, Interest> interests = new ConcurrentHashMap<>();
    private final ConcurrentMap<Session, Pending> pending = new ConcurrentHashMap<>();

    public ScopedPresence(Directory directory) {
        this(directory, DEFAULT_SMALL_SERVER_LIMIT);
    }

    public ScopedPresence(Directory directory, int smallServerLimit) {
        this.directory = directory;
        this.smallServerLimit = smallServerLimit;
    }

    @Override
    public void loggedIn(User user, Session session) {
        if (user.sessions().size() == 1) { // the first connection: the user came online
            announce(user, ServerMessage.Presence.ONLINE);
        }
    }

    @Override
    public void loggedOut(User user, Session session, boolean lastConnection) {
        Interest gone = interests.remove(session);
        if (gone != null) {
            synchronized (gone) {
                gone.watched.forEach(key -> forget(key, session));
                gone.partners.forEach(key -> forget(key, session));
            }
        }
        pending.remove(session);
        if (lastConnection) {
            announce(user, ServerMessage.Presence.OFFLINE);
        }
    }

    @Override
    public void conversed(User from, User to) {
        // On every direct message: costs two lookups when the two already know each other.
        interestedIn(from, to.key());
        interestedIn(to, from.key());
    }

    @Override
    public void watch(Session watcher, List<String> names) {
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        Interest interest = interests.computeIfAbsent(watcher, s -> new Interest());
        for (String name : names) {
            if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > Limits.MAX_USERNAME_CHARS) {
                continue; // names are counted in characters (code points), as Usernames.check counts them
            }
            String key = Usernames.key(name);
            synchronized (interest) {
                if (interest.watched.size() >= MAX_WATCHED) {
                    break;
                }
                interest.watched.add(key);
            }
            interested.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(watcher);
            directory.locate(name).ifPresentOrElse(u -> online.add(u.name()), () -> offline.add(name));
        }
        watcher.send(new ServerMessage.PresenceBatch(online, offline));
    }

    @Override
    public void unwatch(Session watcher, List<String> names) {
        Interest interest = interests.get(watcher);
        if (interest == null) {
            return;
        }
        for (String name : names) {
            if (name == null) {
                continue;
            }
            String key = Usernames.key(name);
            synchronized (interest) {
                if (interest.watched.remove(key) && !interest.holds(key)) {
                    forget(key, watcher);
                }
            }
        }
    }

    private void interestedIn(User user, String key) {
        for (Session session : user.sessions()) {
            if (!session.isObrolClient()) {
                continue;
            }
            Interest known = interests.get(session);
            if (known != null && known.partners.contains(key)) {
                continue; // already partners: the common case, two lookups and no lock
            }
            Interest interest = known != null ? known : interests.computeIfAbsent(session, s -> new Interest());
            synchronized (interest) {
                if (!interest.partners.add(key)) {
                    continue;
                }
            }
            interested.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(session);
            if (!user.sessions().contains(session)) {
                // It logged out meanwhile, and its clean-up may have run before this: undo, or it would stay.
                interests.remove(session, interest);
                forget(key, session);
            }
        }
    }

    private void forget(String key, Session session) {
        interested.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    private void announce(User subject, String status) {
        if (directory.size() <= smallServerLimit) {
            for (User other : directory.users()) {
                if (other != subject) {
                    for (Session session : other.sessions()) {
                        tell(session, subject, status);
                    }
                }
            }
        } else {
            Set<Session> recipients = interested.get(subject.key());
            if (recipients != null) {
                for (Session session : recipients) {
                    tell(session, subject, status);
                }
            }
        }
    }

    private void tell(Session recipient, User subject, String status) {
        if (!recipient.isObrolClient() || subject.sessions().contains(recipient)) {
            return;
        }
        Pending waiting = pending.computeIfAbsent(recipient, s -> new Pending());
        boolean schedule;
        synchronized (waiting) {
            waiting.changes.put(subject.name(), status);
            schedule = !waiting.scheduled;
            waiting.scheduled = true;
        }
        if (schedule) {
            // A place in the recipient's queue now, filled when its outbox gets there: in order with
            // the messages around it, and with every change that piled up until then.
            recipient.sendDeferred(() -> flush(recipient, waiting));
        }
    }

    /** On the recipient's event loop: everything that changed since the last flush, in one go. */
    private List<ServerMessage> flush(Session recipient, Pending waiting) {
        Map<String, String> changes;
        synchronized (waiting) {
            changes = waiting.changes;
            waiting.changes = new LinkedHashMap<>();
            waiting.scheduled = false;
        }
        if (recipient.supports(PRESENCE_BATCH)) {
            List<String> online = new ArrayList<>();
            List<String> offline = new ArrayList<>();
            changes.forEach((name, status) -> (status.equals(ServerMessage.Presence.ONLINE) ? online : offline).add(name));
            return List.of(new ServerMessage.PresenceBatch(online, offline));
        }
        List<ServerMessage> lines = new ArrayList<>(changes.size());
        changes.forEach((name, status) -> lines.add(new ServerMessage.Presence(name, status)));
        return lines;
    }

    /** The handshake feature of clients that read {@code PRESENCE_BATCH}. */
    public static final String PRESENCE_BATCH = "presence_batch";
}
