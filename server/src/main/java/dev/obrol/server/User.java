package dev.obrol.server;

import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.Usernames;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A person online: the name they hold (as typed, and its folded key) and the connections they are
 * logged in on. A connection is a {@link Session}; a user may have several (accounts will let one
 * person log in from a phone and a laptop), though logins still allow one.
 *
 * <p>Wording and dialect decisions about a user (the language of a notice, whether a v1 client
 * must receive it) are made for its first connection, {@link #primary()}.
 *
 * <p>Thread-safe: the name is fixed; the connection list is copy-on-write (read on every delivery,
 * changed at login and logout).
 */
public final class User {
    private final String name;
    private final String key;
    private final String skeleton;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();

    /** A user named {@code name} (already checked), logging in on {@code first}. */
    public User(String name, Session first) {
        this.name = name;
        this.key = Usernames.key(name);
        this.skeleton = Usernames.skeleton(name);
        this.sessions.add(first);
    }

    /** The name as the user typed it. */
    public String name() {
        return name;
    }

    /** The folded name: two names with the same key are the same user. */
    public String key() {
        return key;
    }

    /** What the name looks like ({@link Usernames#skeleton}): two names with the same skeleton pass for each other. */
    public String skeleton() {
        return skeleton;
    }

    /** The connections this user is logged in on, oldest first. */
    public List<Session> sessions() {
        return sessions;
    }

    /** The connection decisions are made for; the first one. Null once every connection has gone. */
    public Session primary() {
        List<Session> now = sessions;
        return now.isEmpty() ? null : now.get(0);
    }

    public ServerTexts texts() {
        Session first = primary();
        return first != null ? first.texts() : ServerTexts.forLanguage(null);
    }

    /** True when the user's connection speaks protocol 2 (obrol); v1 clients must get only v1 messages. */
    public boolean isObrolClient() {
        Session first = primary();
        return first != null && first.isObrolClient();
    }

    /** True if the user's connection announced {@code feature} when it logged in. */
    public boolean supports(String feature) {
        Session first = primary();
        return first != null && first.supports(feature);
    }

    /** Queues {@code message} to every connection of this user, in order per connection. */
    public void send(ServerMessage message) {
        for (Session session : sessions) {
            session.send(message);
        }
    }

    /** Removes a closed connection; true if it was this user's last one. */
    boolean detach(Session session) {
        sessions.remove(session);
        return sessions.isEmpty();
    }

    @Override
    public String toString() {
        return name;
    }
}
