package dev.obrol.bench;

import java.util.List;

/**
 * The outcome of a {@code broadcast} run: per round, milliseconds from the operator's broadcast
 * call to the first and the last recipient; over all measured rounds, the distribution of every
 * arrival. Warm-up rounds are reported apart and counted in nothing else (missed ones excepted).
 */
public record BroadcastResult(
        String scenario,
        int clients,
        int rounds,
        int loginProtocol,
        List<Round> warmup,
        List<Round> perRound,
        double lastMsMedian,
        double lastMsMax,
        Latency arrivalMs,
        long missed,
        long errors) {

    /** One broadcast: how many received it and when the first and last did. */
    public record Round(int recipients, long received, double firstMs, double lastMs) {}
}
