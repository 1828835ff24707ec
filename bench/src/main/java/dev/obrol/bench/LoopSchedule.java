package dev.obrol.bench;

import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The open-loop send schedule of one event loop: the loop's share of the offered rate, spread
 * round-robin over its endpoints, so message j of the loop is due at {@code j / rate}. A tick
 * every {@link #TICK_MICROS} sends whatever has fallen due; the tick's lateness is part of the
 * measured latency, as it should be. With rate 0 it only fills every window once (closed loop).
 * Event-loop only, except {@link #start}, which hands itself to the loop.
 */
final class LoopSchedule implements Runnable {
    /** Finer ticks cost CPU the server needs; coarser ones add up to a tick of send jitter. */
    static final long TICK_MICROS = 200;

    private final EventLoop loop;
    private final List<PairEndpoint> endpoints;
    private final double periodNanos;
    private final MessageStats stats;
    private long next;
    private ScheduledFuture<?> tick;

    /** {@code ratePerSecond} is this loop's share; 0 means as fast as the windows allow. */
    LoopSchedule(EventLoop loop, List<PairEndpoint> endpoints, double ratePerSecond, MessageStats stats) {
        this.loop = loop;
        this.endpoints = endpoints;
        this.periodNanos = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        this.stats = stats;
    }

    void start() {
        loop.execute(() -> {
            if (endpoints.isEmpty()) {
                return;
            }
            long now = stats.now();
            loop.schedule(this::stop, Math.max(0, stats.windowEnd() - now), TimeUnit.NANOSECONDS);
            if (periodNanos == 0) {
                loop.schedule(() -> endpoints.forEach(PairEndpoint::fillWindow), Math.max(0, -now), TimeUnit.NANOSECONDS);
            } else {
                tick = loop.scheduleAtFixedRate(this, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
            }
        });
    }

    @Override
    public void run() {
        long now = stats.now();
        long end = stats.windowEnd();
        int n = endpoints.size();
        long first = next;
        long due;
        while ((due = (long) (next * periodNanos)) <= now && due < end) {
            endpoints.get((int) (next % n)).offer(due);
            next++;
        }
        // Only the endpoints offered a message in this tick can have unflushed writes.
        long touched = Math.min(next - first, n);
        for (long j = first; j < first + touched; j++) {
            endpoints.get((int) (j % n)).flush();
        }
    }

    private void stop() {
        if (tick != null) {
            tick.cancel(false);
            run(); // whatever fell due before the end still counts as offered
        }
        endpoints.forEach(PairEndpoint::stop);
    }
}
