package dev.obrol.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency histograms of one {@code messages} run, written by every event loop and
 * read by the reporting thread. Times are nanoseconds since {@link #epoch()}. Latency is recorded
 * twice: into a progress recorder (every message, drained each second) and into the result
 * recorder (only messages intended inside the measurement window, i.e. after the warm-up).
 */
final class MessageStats {
    private static final int MAX_SAMPLES = 5;

    // Set once by start(), before any event loop reads them; volatile for the reporting thread.
    private volatile long epoch;
    private volatile long windowStart;
    private volatile long windowEnd = Long.MAX_VALUE;
    private final Recorder progress = new Recorder(3);
    private final Recorder window = new Recorder(3);
    final LongAdder offered = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder deliveredInWindow = new LongAdder();
    final LongAdder reordered = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder unsent = new LongAdder();
    private final List<String> errorSamples = new CopyOnWriteArrayList<>();
    private volatile boolean finished;

    /** Starts the clock: time 0 is {@code epoch} (a nanoTime), the window is [warmup, warmup + duration). */
    void start(long epoch, long warmupNanos, long durationNanos) {
        this.epoch = epoch;
        this.windowStart = warmupNanos;
        this.windowEnd = warmupNanos + durationNanos;
    }

    long epoch() {
        return epoch;
    }

    long now() {
        return System.nanoTime() - epoch;
    }

    long windowStart() {
        return windowStart;
    }

    long windowEnd() {
        return windowEnd;
    }

    void delivered(long intended, long now) {
        long latency = Math.max(0, now - intended);
        delivered.increment();
        progress.recordValue(latency);
        if (intended >= windowStart && intended < windowEnd) {
            window.recordValue(latency);
        }
        if (now >= windowStart && now < windowEnd) {
            deliveredInWindow.increment();
        }
    }

    void error(String what) {
        errors.increment();
        if (errorSamples.size() < MAX_SAMPLES) {
            errorSamples.add(what);
        }
    }

    /** A connection closed: an error unless the run is over and the bench closed it. */
    void closed(String username, Throwable cause) {
        if (!finished) {
            error(username + ": connection closed" + (cause == null ? "" : " (" + cause.getMessage() + ")"));
        }
    }

    void finish() {
        finished = true;
    }

    List<String> errorSamples() {
        return List.copyOf(errorSamples);
    }

    Histogram progressInterval() {
        return progress.getIntervalHistogram();
    }

    Histogram windowHistogram() {
        return window.getIntervalHistogram();
    }
}
