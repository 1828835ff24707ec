package dev.obrol.bench;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Logs in many clients from the calling thread: at most {@code concurrency} handshakes under way,
 * paced to {@code rate} logins per second (0: as fast as the concurrency allows). Fails on the
 * first refused or broken login, since every scenario needs all of its clients.
 */
final class Logins {
    /** How long one login may take before the whole batch is declared stalled. */
    static final Duration STALL = Duration.ofSeconds(30);

    /** One client to log in: which loop, which name, where its frames go afterwards. */
    record Request(EventLoop loop, String username, FrameSink sink) {}

    /** All connections in request order, when the first login started and the last finished, and login latency. */
    record Outcome(List<BenchConnection> connections, long startNanos, long endNanos, Histogram latency) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private Logins() {}

    static Outcome run(LoadGenerator generator, List<Request> requests, int concurrency, double rate, Progress progress) {
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        Recorder latency = new Recorder(3);
        List<BenchConnection> connections = new ArrayList<>(requests.size());
        long start = System.nanoTime();
        AtomicLong lastEnd = new AtomicLong(start);
        for (int i = 0; i < requests.size() && failure.get() == null; i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
            }
            acquire(slots, 1);
            Request r = requests.get(i);
            long begun = System.nanoTime();
            BenchConnection c = generator.connect(r.loop(), r.username(), r.sink());
            c.loggedIn().addListener(f -> {
                long now = System.nanoTime();
                if (f.isSuccess()) {
                    latency.recordValue(now - begun);
                    lastEnd.accumulateAndGet(now, Math::max);
                    done.incrementAndGet();
                } else {
                    failure.compareAndSet(null, f.cause());
                }
                slots.release();
            });
            connections.add(c);
            progress.tick(() -> String.format("logged in %,d of %,d", done.get(), requests.size()));
        }
        acquire(slots, concurrency);
        Throwable cause = failure.get();
        if (cause != null) {
            connections.forEach(c -> {
                if (c.channel() != null) {
                    c.channel().close();
                }
            });
            throw cause instanceof BenchException b ? b : new BenchException(String.valueOf(cause.getMessage()), cause);
        }
        return new Outcome(connections, start, lastEnd.get(), latency.getIntervalHistogram());
    }

    private static void acquire(Semaphore slots, int permits) {
        try {
            if (!slots.tryAcquire(permits, STALL.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BenchException("logins stalled: no answer to the login within " + STALL.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while logging in");
        }
    }
}
