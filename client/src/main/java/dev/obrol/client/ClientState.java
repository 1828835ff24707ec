package dev.obrol.client;

/**
 * What the session learns and the terminal shows while typing: who is online, the offers waiting,
 * the streamed transfers, and the status line. Shared by {@link ChatSession} (which writes it) and the terminal's
 * completion and status line (which read it); each part is thread-safe on its own.
 */
public record ClientState(OnlineUsers online, PendingOffers offers, ActiveTransfers transfers, StatusModel status) {
    /** Empty state for a new session. */
    public static ClientState fresh() {
        return new ClientState(new OnlineUsers(), new PendingOffers(), new ActiveTransfers(), new StatusModel());
    }
}
