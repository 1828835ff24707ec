package dev.obrol.server;

import dev.obrol.protocol.ServerMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The message of the day, set by the operator and sent to everyone who logs in, as a SERVER_MSG
 * after the login answer. A v1 client reads the answer with one {@code recv(4096)} and fails if
 * anything else arrives in the same read, so for v1 the message goes as a write of its own, a
 * little after the answer (which the outbox flushes alone). Thread-safe.
 */
public final class Motd implements LoginListener {
    /** Time for a v1 client to take the answer off the socket before anything else arrives. */
    static final Duration V1_GAP = Duration.ofMillis(500);

    private final AtomicReference<String> text = new AtomicReference<>();
    private final TrafficLog traffic;

    Motd(TrafficLog traffic) {
        this.traffic = traffic;
    }

    public Optional<String> get() {
        return Optional.ofNullable(text.get());
    }

    /** Sets the message (blank clears it) and logs the change as traffic. */
    public void set(String newText) {
        String value = newText == null || newText.isBlank() ? null : newText;
        text.set(value);
        traffic.motd(value == null ? "" : value);
    }

    public void clear() {
        set(null);
    }

    /**
     * Sends the message of the day, if any, to {@code session}, whose login answer (SUCCESS) was
     * just queued. The session's outbox keeps order, so an obrol client gets it right after the
     * answer; a v1 client's outbox flushes the answer on its own, and the message follows later.
     */
    @Override
    public void loggedIn(User user, Session session) {
        String current = text.get();
        if (current == null) {
            return;
        }
        ServerMessage.ServerMsg message = new ServerMessage.ServerMsg(session.texts().format("motd", current));
        if (session.isObrolClient()) {
            session.send(message);
        } else {
            session.executor().schedule(() -> session.send(message), V1_GAP.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void loggedOut(User user, Session session, boolean lastConnection) {}
}
