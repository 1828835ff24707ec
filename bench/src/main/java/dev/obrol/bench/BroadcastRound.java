package dev.obrol.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** One operator broadcast being timed: its unique text, when it was sent, and its arrivals (any thread). */
final class BroadcastRound {
    final String text;
    private final long sentAt;
    private final LongAdder arrivals = new LongAdder();
    private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
    private final Recorder latency;

    BroadcastRound(String text, long sentAt, Recorder latency) {
        this.text = text;
        this.sentAt = sentAt;
        this.latency = latency;
    }

    void arrived(long now) {
        long nanos = Math.max(0, now - sentAt);
        first.accumulateAndGet(nanos, Math::min);
        last.accumulateAndGet(nanos, Math::max);
        latency.recordValue(nanos);
        arrivals.increment();
    }

    long arrivals() {
        return arrivals.sum();
    }

    /** Milliseconds from the broadcast call to the first arrival; -1 if none arrived. */
    double firstMs() {
        long f = first.get();
        return f == Long.MAX_VALUE ? -1 : f / 1e6;
    }

    /** Milliseconds from the broadcast call to the last arrival so far; -1 if none arrived. */
    double lastMs() {
        long l = last.get();
        return l == Long.MIN_VALUE ? -1 : l / 1e6;
    }
}
