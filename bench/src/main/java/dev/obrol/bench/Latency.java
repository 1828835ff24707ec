package dev.obrol.bench;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, taken from a nanosecond histogram. */
public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    static Latency of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0, 0);
        }
        return new Latency(
                h.getTotalCount(),
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()),
                Math.round(h.getMean() / 1_000.0) / 1_000.0);
    }

    private static double ms(long nanos) {
        // Microsecond resolution is all a millisecond figure needs.
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
