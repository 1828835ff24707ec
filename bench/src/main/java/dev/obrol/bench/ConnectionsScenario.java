package dev.obrol.bench;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code connections} scenario: logs in {@code clients} idle clients at {@code rate} logins/s
 * (0: as fast as {@code concurrency} handshakes at a time allow), measures the server's memory
 * before and after, keeps them connected for {@code hold}, then closes them.
 *
 * <p>First, {@code warmupRounds} times, the same number of clients log in and out unmeasured, so
 * the compilers of both JVMs have done their work: a fresh server spent most of its first
 * thousands of logins compiling them. The memory baseline is taken before the warm-up, so
 * whatever the warm-up leaves resident counts against the connections (an upper bound).
 */
final class ConnectionsScenario {

    record Config(int clients, int rate, int concurrency, Duration hold, int threads, boolean obrolLogin, int warmupRounds) {}

    private final Config config;
    private final Progress progress;

    ConnectionsScenario(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    ConnectionsResult run(InetSocketAddress target, ServerMemory memory) {
        SourceAddresses sources = SourceAddresses.forClients(config.clients(), target);
        try (LoadGenerator generator = new LoadGenerator(config.threads(), target, sources, ObrolWire.login(config.obrolLogin()))) {
            ServerMemory.Snapshot before = memory.measure();
            LongAdder errors = new LongAdder();
            AtomicBoolean closing = new AtomicBoolean();
            for (int round = 1; round <= config.warmupRounds(); round++) {
                progress.print(String.format("warm-up %d of %d: %,d clients log in and out", round, config.warmupRounds(), config.clients()));
                AtomicBoolean warmupClosing = new AtomicBoolean(); // its own: their close events come after the close
                Logins.Outcome warmup = Logins.run(generator, requests(generator, errors, warmupClosing), config.concurrency(),
                        config.rate(), progress);
                warmupClosing.set(true);
                warmup.connections().forEach(c -> c.channel().close().syncUninterruptibly());
            }
            progress.print(String.format("logging in %,d idle clients to %s from %d source address(es)",
                    config.clients(), target, sources.count()));
            Logins.Outcome logins = Logins.run(generator, requests(generator, errors, closing), config.concurrency(), config.rate(), progress);
            progress.print(String.format("all %,d logged in, %,.0f logins/s; measuring server memory (%s)",
                    config.clients(), config.clients() / logins.seconds(), memory.source()));
            ServerMemory.Snapshot after = memory.measure();
            long holdUntil = System.nanoTime() + config.hold().toNanos();
            while (System.nanoTime() < holdUntil) {
                LockSupport.parkNanos(Math.min(100_000_000L, holdUntil - System.nanoTime()));
                progress.tick(() -> String.format("holding %,d idle connections, errors %,d", config.clients(), errors.sum()));
            }
            closing.set(true);
            logins.connections().forEach(c -> c.channel().close());
            return new ConnectionsResult(
                    "connections",
                    config.clients(),
                    config.rate(),
                    config.obrolLogin() ? 2 : 1,
                    sources.count(),
                    config.clients() / logins.seconds(),
                    Latency.of(logins.latency()),
                    memory.source(),
                    before.rssBytes(),
                    after.rssBytes(),
                    perConnection(before.rssBytes(), after.rssBytes()),
                    before.heapBytes(),
                    after.heapBytes(),
                    perConnection(before.heapBytes(), after.heapBytes()),
                    errors.sum());
        }
    }

    private List<Logins.Request> requests(LoadGenerator generator, LongAdder errors, AtomicBoolean closing) {
        List<EventLoop> loops = generator.loops();
        String run = RunIds.next();
        List<Logins.Request> requests = new ArrayList<>(config.clients());
        for (int i = 0; i < config.clients(); i++) {
            requests.add(new Logins.Request(loops.get(i % loops.size()), run + "-" + i, new IdleClient(errors, closing)));
        }
        return requests;
    }

    private long perConnection(long before, long after) {
        return before < 0 || after < 0 ? -1 : (after - before) / config.clients();
    }
}
