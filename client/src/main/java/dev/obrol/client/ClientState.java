package dev.obrol.client;

/**
 * What the session learns and the terminal shows while typing: who is online, the offers waiting,
 * the streamed transfers, the status line, and the people watched. Shared by {@link ChatSession} (which writes it) and the terminal's
 * completion and status line (which read it); each part is thread-safe on its own.
 */
public record ClientState(OnlineUsers online, PendingOffers offers, ActiveTransfers transfers, StatusModel status, WatchList watching) {
    /** Empty state for a new session, with a watch list kept in memory only. */
    public static ClientState fresh() {
        return fresh(WatchList.inMemory());
    }

    /** Empty state for a new session that watches the people on {@code watching}. */
    public static ClientState fresh(WatchList watching) {
        return new ClientState(new OnlineUsers(), new PendingOffers(), new ActiveTransfers(), new StatusModel(), watching);
    }
}
