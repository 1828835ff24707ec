package dev.obrol.server;

/**
 * Told when a user logs in or out on a connection, on that connection's event loop: the place for
 * what a feature must set up or clean up (pending offers, transfers, presence), instead of code in
 * the login logic itself. Listeners run in the order they were added; they must not block.
 */
public interface LoginListener {

    /** {@code session} has just logged in as {@code user} (the answer is already queued). */
    default void loggedIn(User user, Session session) {}

    /**
     * {@code session}, logged in as {@code user}, has closed. {@code lastConnection} is true when
     * the user has no connection left and their name is already free.
     */
    void loggedOut(User user, Session session, boolean lastConnection);
}
