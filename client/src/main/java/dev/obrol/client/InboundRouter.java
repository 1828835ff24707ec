package dev.obrol.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Routes what arrives on one connection: to the {@link Handshake} until it has an outcome, then to
 * the session. Messages that arrive between the answer and {@link #attach} (an obrol server may
 * send a presence notice right after SUCCESS) are held and delivered in order. Thread-safe:
 * arrivals come from the event loop, {@link #attach} from the thread that logged in.
 */
public final class InboundRouter {
    private final Handshake handshake;
    private final CompletableFuture<HandshakeOutcome> outcome = new CompletableFuture<>();
    private final List<Object> held = new ArrayList<>();
    private SessionListener session;
    private boolean closed;

    public InboundRouter(Handshake handshake) {
        this.handshake = handshake;
    }

    public Handshake handshake() {
        return handshake;
    }

    /** Completes when the server has answered the login, or the connection closed first. */
    public CompletableFuture<HandshakeOutcome> outcome() {
        return outcome;
    }

    public synchronized void onMessage(Object message) {
        if (!outcome.isDone()) {
            handshake.onMessage(message).ifPresent(outcome::complete);
        } else if (session != null) {
            session.onMessage(message);
        } else {
            held.add(message);
        }
    }

    public synchronized void onClosed() {
        if (closed) {
            return;
        }
        closed = true;
        outcome.complete(handshake.onClosed());
        if (session != null) {
            session.onClosed();
        }
    }

    /** Hands the connection to a logged-in session; held messages (and a close) are delivered first. */
    public synchronized void attach(SessionListener listener) {
        session = listener;
        held.forEach(listener::onMessage);
        held.clear();
        if (closed) {
            listener.onClosed();
        }
    }
}
