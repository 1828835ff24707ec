package dev.obrol.bench;

import java.util.List;

/**
 * The outcome of a {@code messages} run, as printed and as written by {@code --json}. {@code
 * login} is how the clients logged in: "v1" or "obrol" (protocol 2) to an obrol server, "irc" to
 * an IRC server. Rates are per second over the measured window; {@code lost} counts messages sent
 * and not delivered by the end of the drain (if {@code drained} is false the drain timed out and
 * some may still have been in flight); {@code unsent} counts messages that fell due but were
 * still waiting for a window slot when the run ended (a sign of overload, not of loss). With
 * {@code --churn}, {@code churnClients} more clients logged in and out in a loop for the whole run,
 * at {@code churnLoginsPerSecond}; their errors count in {@code errors} too.
 */
public record MessagesResult(
        String scenario,
        int pairs,
        int size,
        int offeredRate,
        int inflight,
        int threads,
        String login,
        double warmupSeconds,
        double durationSeconds,
        long offered,
        long sent,
        long delivered,
        double deliveredPerSecond,
        Latency latencyMs,
        long lost,
        long reordered,
        long errors,
        long unsent,
        boolean drained,
        double loginsPerSecond,
        List<String> errorSamples,
        int churnClients,
        double churnLoginsPerSecond,
        long churnErrors) {

    /** This result with what the churning clients did beside it ({@code --churn}). */
    MessagesResult withChurn(int clients, double loginsPerSecond, long errors) {
        return new MessagesResult(scenario, pairs, size, offeredRate, inflight, threads, login, warmupSeconds, durationSeconds,
                offered, sent, delivered, deliveredPerSecond, latencyMs, lost, reordered, this.errors + errors, unsent,
                drained, this.loginsPerSecond, errorSamples, clients, loginsPerSecond, errors);
    }
}
