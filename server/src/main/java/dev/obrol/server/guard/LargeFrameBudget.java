package dev.obrol.server.guard;

import dev.obrol.protocol.FrameAllowance;
import dev.obrol.server.Session;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide room for frames larger than the small-frame limit (whole-file offers). Each
 * connection's {@link FrameAllowance} draws from it a chunk at a time and gives everything back
 * when its frame ends, so the bytes buffered for large frames across all connections never pass
 * the budget. Connections that have not logged in get no large frames at all. Thread-safe.
 */
public final class LargeFrameBudget {
    private final long total;
    private final AtomicLong available;

    public LargeFrameBudget(long totalBytes) {
        this.total = totalBytes;
        this.available = new AtomicLong(totalBytes);
    }

    /** Bytes not drawn now. */
    public long available() {
        return available.get();
    }

    public long total() {
        return total;
    }

    /** The allowance for one channel's decoder; used only on that channel's event loop. */
    public FrameAllowance allowanceFor(Channel channel) {
        return new FrameAllowance() {
            private long drawn;

            @Override
            public Grant grow(int bytes) {
                Session session = Session.of(channel);
                if (session == null || !session.isLoggedIn()) {
                    return Grant.TOO_LONG;
                }
                long left;
                do {
                    left = available.get();
                    if (left < bytes) {
                        return Grant.BUSY;
                    }
                } while (!available.compareAndSet(left, left - bytes));
                drawn += bytes;
                return Grant.GRANTED;
            }

            @Override
            public void release() {
                available.addAndGet(drawn);
                drawn = 0;
            }
        };
    }
}
