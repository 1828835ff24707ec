package dev.obrol.bench;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The {@code messages} scenario: {@code pairs} pairs of clients, each client sending direct
 * messages to its partner, at a total offered {@code rate} (messages/s over all senders) or as
 * fast as the in-flight windows allow. Runs warm-up, then the measured window, then waits for
 * what is still in flight (up to {@code drain}) before counting losses. The clients speak the
 * config's {@link ChatWire}: obrol (v1 or obrol logins) or IRC, with everything else the same.
 */
final class MessagesScenario {

    /** What to run; {@code rate} 0 means closed loop, {@code inflight} is per sending client. */
    record Config(
            int pairs, int size, int rate, int inflight, Duration duration, Duration warmup, Duration drain,
            int threads, ChatWire wire) {}

    private final Config config;
    private final Progress progress;

    MessagesScenario(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    MessagesResult run(InetSocketAddress target) {
        int clients = 2 * config.pairs();
        try (LoadGenerator generator = new LoadGenerator(
                config.threads(), target, SourceAddresses.forClients(clients, target), config.wire())) {
            long warmup = config.warmup().toNanos();
            long duration = config.duration().toNanos();
            // The clock starts once everyone is logged in (MessageStats.start); endpoints share one stats object.
            MessageStats s = new MessageStats();
            List<EventLoop> loops = generator.loops();
            List<List<PairEndpoint>> perLoop = new ArrayList<>();
            loops.forEach(l -> perLoop.add(new ArrayList<>()));
            List<PairEndpoint> endpoints = new ArrayList<>(clients);
            List<Logins.Request> requests = new ArrayList<>(clients);
            String run = RunIds.next();
            for (int i = 0; i < config.pairs(); i++) {
                int l = i % loops.size();
                String a = run + "-" + i + "a";
                String b = run + "-" + i + "b";
                PairEndpoint ea = new PairEndpoint(a, b, config.wire(), config.size(), config.inflight(), config.rate() == 0, s);
                PairEndpoint eb = new PairEndpoint(b, a, config.wire(), config.size(), config.inflight(), config.rate() == 0, s);
                PairEndpoint.pair(ea, eb);
                for (PairEndpoint e : List.of(ea, eb)) {
                    perLoop.get(l).add(e);
                    endpoints.add(e);
                    requests.add(new Logins.Request(loops.get(l), e.username(), e));
                }
            }
            progress.print(String.format("logging in %,d clients (%d pairs) to %s", clients, config.pairs(), target));
            Logins.Outcome logins = Logins.run(generator, requests, 256, 0, progress);
            for (int i = 0; i < clients; i++) {
                endpoints.get(i).attach(logins.connections().get(i).channel());
            }

            s.start(System.nanoTime() + 5_000_000, warmup, duration); // 5 ms for the loops to pick up their schedules
            for (int l = 0; l < loops.size(); l++) {
                double share = (double) config.rate() * perLoop.get(l).size() / clients;
                new LoopSchedule(loops.get(l), perLoop.get(l), share, s).start();
            }
            report(s);
            boolean drained = drain(s);
            s.finish();
            logins.connections().forEach(c -> c.channel().close());
            return result(s, logins, drained);
        }
    }

    /** Progress lines until the end of the measured window. */
    private void report(MessageStats s) {
        long lastDelivered = 0;
        long lastSent = 0;
        long lastTime = s.now();
        while (s.now() < s.windowEnd()) {
            LockSupport.parkNanos(Math.min(1_000_000_000L, Math.max(1, s.windowEnd() - s.now())));
            long now = s.now();
            long delivered = s.delivered.sum();
            long sent = s.sent.sum();
            double secs = (now - lastTime) / 1e9;
            Latency l = Latency.of(s.progressInterval());
            progress.print(String.format(
                    "%s sent %,.0f/s delivered %,.0f/s p50 %.3f ms p99 %.3f ms max %.3f ms backlog %,d errors %,d",
                    now < s.windowStart() ? "warmup " : "measure",
                    (sent - lastSent) / secs, (delivered - lastDelivered) / secs, l.p50(), l.p99(), l.max(),
                    s.offered.sum() - sent, s.errors.sum()));
            lastDelivered = delivered;
            lastSent = sent;
            lastTime = now;
        }
    }

    /** Waits until everything sent has arrived, or the drain time is over. */
    private boolean drain(MessageStats s) {
        long deadline = System.nanoTime() + config.drain().toNanos();
        // The loops stop their schedules at the window's end; give them a moment to count their backlogs.
        LockSupport.parkNanos(20_000_000);
        while (s.delivered.sum() < s.sent.sum()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(10_000_000);
        }
        return true;
    }

    private MessagesResult result(MessageStats s, Logins.Outcome logins, boolean drained) {
        Histogram h = s.windowHistogram();
        long sent = s.sent.sum();
        long delivered = s.delivered.sum();
        double window = config.duration().toNanos() / 1e9;
        return new MessagesResult(
                "messages",
                config.pairs(),
                config.size(),
                config.rate(),
                config.inflight(),
                config.threads(),
                config.wire().name(),
                config.warmup().toMillis() / 1e3,
                window,
                s.offered.sum(),
                sent,
                delivered,
                s.deliveredInWindow.sum() / window,
                Latency.of(h),
                Math.max(0, sent - delivered),
                s.reordered.sum(),
                s.errors.sum(),
                s.unsent.sum(),
                drained,
                logins.connections().size() / Math.max(1e-9, logins.seconds()),
                s.errorSamples(),
                0, 0, 0);
    }
}
