package dev.obrol.server.guard;

import java.util.function.LongSupplier;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled at {@code perSecond}; each event
 * takes one. Lets bursts through and bounds the sustained rate. Not thread-safe: each owner
 * confines it to one thread or locks around it.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double capacity;
    private final double perNano;
    private final LongSupplier clock;
    private double tokens;
    private long last;

    TokenBucket(double capacity, double perSecond, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.clock = nanoClock;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    TokenBucket(double capacity, double perSecond) {
        this(capacity, perSecond, System::nanoTime);
    }

    /** Takes a token if one is left. */
    boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** True if the bucket has refilled completely (its owner may forget it). */
    boolean isFull() {
        refill();
        return tokens >= capacity;
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}
