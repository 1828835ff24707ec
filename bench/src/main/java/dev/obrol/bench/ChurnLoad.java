package dev.obrol.bench;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients that log in and out in a loop beside a scenario ({@code messages --churn N}): a presence
 * storm, as when a school logs in at 8:00 or everyone reconnects after a network drop. In each
 * round {@code clients} clients log in as fast as the server answers, then all of them leave at
 * once. Runs on threads of its own until {@link #close}.
 *
 * <p>Connections are closed with SO_LINGER 0 (a reset): thousands of closes a second would
 * otherwise leave the loopback's ports in TIME_WAIT and run the bench out of them.
 */
final class ChurnLoad implements AutoCloseable {
    private final InetSocketAddress target;
    private final int clients;
    private final ChatWire wire;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final LongAdder logins = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Thread runner;
    private long startNanos;
    private long endNanos;

    ChurnLoad(InetSocketAddress target, int clients, ChatWire wire) {
        this.target = target;
        this.clients = clients;
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
                for (BenchConnection c : outcome.connections()) {
                    c.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                    c.channel().close();
                }
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
