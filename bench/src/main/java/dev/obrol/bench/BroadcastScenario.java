package dev.obrol.bench;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * The {@code broadcast} scenario: logs in {@code clients} recipients, then times {@code rounds}
 * operator broadcasts from the call to the first and the last arrival, after {@code warmupRounds}
 * unmeasured ones (a fresh server's first broadcast runs interpreted code). The operator's command
 * is not reachable over the network, so this needs an {@link EmbeddedServer}.
 */
final class BroadcastScenario {

    record Config(int clients, int rounds, Duration pause, Duration timeout, int threads, boolean obrolLogin, int warmupRounds) {}

    private final Config config;
    private final Progress progress;

    BroadcastScenario(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    BroadcastResult run(EmbeddedServer server) {
        InetSocketAddress target = server.address();
        SourceAddresses sources = SourceAddresses.forClients(config.clients(), target);
        try (LoadGenerator generator = new LoadGenerator(config.threads(), target, sources, ObrolWire.login(config.obrolLogin()))) {
            AtomicReference<BroadcastRound> current = new AtomicReference<>();
            LongAdder errors = new LongAdder();
            List<EventLoop> loops = generator.loops();
            String run = RunIds.next();
            List<Logins.Request> requests = new ArrayList<>(config.clients());
            for (int i = 0; i < config.clients(); i++) {
                requests.add(new Logins.Request(loops.get(i % loops.size()), run + "-" + i, new BroadcastReceiver(current, errors)));
            }
            progress.print(String.format("logging in %,d recipients to %s", config.clients(), target));
            Logins.Outcome logins = Logins.run(generator, requests, 256, 0, progress);

            Recorder arrivals = new Recorder(3);
            List<BroadcastResult.Round> warmup = new ArrayList<>();
            List<BroadcastResult.Round> rounds = new ArrayList<>();
            long missed = 0;
            for (int r = 0; r < config.warmupRounds() + config.rounds(); r++) {
                boolean measured = r >= config.warmupRounds();
                LockSupport.parkNanos(config.pause().toNanos()); // let the previous round's writes settle
                // Warm-up arrivals go to a recorder of their own, which nothing reads.
                BroadcastRound round = new BroadcastRound(run + " broadcast " + r, System.nanoTime(), measured ? arrivals : new Recorder(3));
                current.set(round);
                int recipients = server.broadcast(round.text);
                long deadline = System.nanoTime() + config.timeout().toNanos();
                while (round.arrivals() < config.clients() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000);
                }
                current.set(null);
                missed += config.clients() - round.arrivals();
                (measured ? rounds : warmup).add(new BroadcastResult.Round(recipients, round.arrivals(), round.firstMs(), round.lastMs()));
                progress.print(String.format("%s %d: %,d of %,d received, first %.3f ms, last %.3f ms",
                        measured ? "round" : "warm-up", measured ? r - config.warmupRounds() + 1 : r + 1,
                        round.arrivals(), config.clients(), round.firstMs(), round.lastMs()));
            }
            logins.connections().forEach(c -> c.channel().close());
            double[] lasts = rounds.stream().mapToDouble(BroadcastResult.Round::lastMs).sorted().toArray();
            return new BroadcastResult(
                    "broadcast",
                    config.clients(),
                    config.rounds(),
                    config.obrolLogin() ? 2 : 1,
                    warmup,
                    rounds,
                    lasts.length == 0 ? 0 : lasts[lasts.length / 2],
                    lasts.length == 0 ? 0 : lasts[lasts.length - 1],
                    Latency.of(arrivals.getIntervalHistogram()),
                    missed,
                    errors.sum());
        }
    }
}
