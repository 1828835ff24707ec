package dev.obrol.bench;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the transfers of one {@code files} run report, from every event loop: each finished
 * transfer's bytes and times, chunks that arrived wrong, and errors.
 */
final class FileStats {
    private static final int MAX_SAMPLES = 5;

    /** One transfer: from the sender seeing the accept to the receiver having every byte. */
    record Finished(String id, long bytes, long startNanos, long endNanos) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder badChunks = new LongAdder();
    final LongAdder errors = new LongAdder();
    private final List<String> errorSamples = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    void error(String what) {
        errors.increment();
        if (errorSamples.size() < MAX_SAMPLES) {
            errorSamples.add(what);
        }
    }

    /** A connection closed: an error unless the run is over. */
    void closed(String username, Throwable cause) {
        if (!closing) {
            error(username + ": connection closed" + (cause == null ? "" : " (" + cause.getMessage() + ")"));
        }
    }

    void closing() {
        closing = true;
    }

    List<String> errorSamples() {
        return List.copyOf(errorSamples);
    }
}
