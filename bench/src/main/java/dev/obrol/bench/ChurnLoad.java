package dev.obrol.bench;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients that log in and out in a loop beside a scenario ({@code messages --churn N}): a presence
 * storm, as when a school logs in at 8:00 or everyone reconnects after a network drop. In each
 * round {@code clients} clients log in as fast as the server answers, then all of them leave at
 * once, or {@code closesPerSecond} a second (as a crowd leaves, not as one reset burst). Runs on
 * threads of its own until {@link #close}.
 *
 * <p>Connections are closed with SO_LINGER 0 (a reset): thousands of closes a second would
 * otherwise leave the loopback's ports in TIME_WAIT and run the bench out of them.
 */
final class ChurnLoad implements AutoCloseable {
    private final InetSocketAddress target;
    private final int clients;
    private final int closesPerSecond;
    private final ChatWire wire;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final LongAdder logins = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Thread runner;
    private long startNanos;
    private long endNanos;

    ChurnLoad(InetSocketAddress target, int clients, ChatWire wire) {
        this(target, clients, 0, wire);
    }

    /** {@code closesPerSecond}: how fast a round's clients leave ({@link ClosePacing}); 0, all at once. */
    ChurnLoad(InetSocketAddress target, int clients, int closesPerSecond, ChatWire wire) {
        this.target = target;
        this.clients = clients;
        this.closesPerSecond = closesPerSecond;
        this.wire = wire;
        this.runner = new Thread(this::loop, "bench-churn");
        runner.setDaemon(true);
    }

    void start() {
        startNanos = System.nanoTime();
        runner.start();
    }

    private void loop() {
        try (LoadGenerator generator = new LoadGenerator(1, target, SourceAddresses.forClients(clients, target), wire)) {
            int round = 0;
            while (!stopping.get()) {
                round++;
                AtomicBoolean closing = new AtomicBoolean();
                List<EventLoop> loops = generator.loops();
                List<Logins.Request> requests = new ArrayList<>(clients);
                String run = RunIds.next();
                for (int i = 0; i < clients; i++) {
                    requests.add(new Logins.Request(loops.get(i % loops.size()), run + "-c" + i, new IdleClient(errors, closing)));
                }
                Logins.Outcome outcome = Logins.run(generator, requests, 256, 0, Progress.silent());
                logins.add(outcome.connections().size());
                closing.set(true);
                closeAll(outcome.connections());
                for (BenchConnection c : outcome.connections()) {
                    c.channel().closeFuture().syncUninterruptibly();
                }
            }
        } catch (BenchException e) {
            errors.increment();
        } finally {
            endNanos = System.nanoTime();
        }
    }

    /** Closes the round's clients, paced as {@link ClosePacing#of} says. */
    private void closeAll(List<BenchConnection> connections) {
        ClosePacing pacing = ClosePacing.of(closesPerSecond, connections.size());
        for (int i = 0; i < connections.size(); i++) {
            BenchConnection c = connections.get(i);
            c.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            c.channel().close();
            if ((i + 1) % pacing.perGroup() == 0 && i + 1 < connections.size()) {
                LockSupport.parkNanos(pacing.gapNanos());
            }
        }
    }

    /** {@code perGroup} closes, then a pause of {@code gapNanos}, and so on. */
    record ClosePacing(int perGroup, long gapNanos) {
        /** The groups are 2 ms apart, or fewer and further when the rate is under one close per 2 ms. */
        static final long GROUP_GAP_NANOS = 2_000_000;

        /** {@code clients} closes at {@code closesPerSecond}; 0, all at once. */
        static ClosePacing of(int closesPerSecond, int clients) {
            if (closesPerSecond == 0) {
                return new ClosePacing(Math.max(1, clients), 0);
            }
            int perGroup = (int) Math.max(1, closesPerSecond * GROUP_GAP_NANOS / 1_000_000_000L);
            return new ClosePacing(perGroup, perGroup * 1_000_000_000L / closesPerSecond);
        }
    }

    /** Logins per second over the time it ran. */
    double loginsPerSecond() {
        double seconds = (endNanos - startNanos) / 1e9;
        return seconds > 0 ? logins.sum() / seconds : 0;
    }

    long logins() {
        return logins.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** Stops after the round under way (its clients log out first). */
    @Override
    public void close() {
        stopping.set(true);
        try {
            runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
