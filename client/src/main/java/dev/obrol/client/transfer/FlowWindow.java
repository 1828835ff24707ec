package dev.obrol.client.transfer;

/**
 * The sender's end of flow control: at most {@code window} bytes sent and not yet acknowledged by
 * the receiver. The sending thread blocks in {@link #awaitRoom} until acknowledgements (from the
 * event loop) make room, so a slow receiver slows the sender and nothing piles up in between.
 * Offsets are absolute positions in the file, so a resumed transfer starts at its offset.
 * Thread-safe.
 */
public final class FlowWindow {
    private final long window;
    private long sent;
    private long acked;
    private boolean closed;

    public FlowWindow(long window, long startOffset) {
        if (window <= 0) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.window = window;
        this.sent = startOffset;
        this.acked = startOffset;
    }

    /**
     * Waits until {@code length} more bytes fit in the window, then counts them as sent. False if
     * the window was closed (the transfer ended) meanwhile.
     */
    public synchronized boolean awaitRoom(int length) throws InterruptedException {
        while (!closed && sent + length - acked > window) {
            wait();
        }
        if (closed) {
            return false;
        }
        sent += length;
        return true;
    }

    /** The receiver has {@code received} bytes; never moves back, never past what was sent. */
    public synchronized void acknowledge(long received) {
        long bounded = Math.min(received, sent);
        if (bounded > acked) {
            acked = bounded;
            notifyAll();
        }
    }

    /** Wakes a waiting sender for good: the transfer is over. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized long sent() {
        return sent;
    }

    public synchronized long acknowledged() {
        return acked;
    }

    /** Bytes sent and not yet acknowledged. */
    public synchronized long inFlight() {
        return sent - acked;
    }
}
