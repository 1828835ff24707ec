package dev.obrol.server.guard;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces the accepting of new connections by how late the event loops run, so that a login storm
 * waits in the kernel's accept queue instead of delaying chat for the users already online.
 *
 * <p>Every {@link #TICK} each worker loop runs a probe that notes how much later than due it ran:
 * what a chat message arriving then would wait too. Every tick the server channel's loop reads the
 * worst lateness since the last tick, or how long a probe still waiting for its loop is overdue if
 * that is more, and sets how many connections the next tick may accept, as TCP paces a sender:
 * when a loop ran later than the limit, half of what the late tick accepted; otherwise a quarter
 * more than before, plus one. Never fewer than {@link #MIN_PER_TICK}, so logins go on (slower)
 * while chat alone keeps the server busy; with no lateness the budget soon exceeds any real
 * arrival rate. Past the tick's budget the server channel stops reading (accepting) until the
 * next tick. A loop stuck for a while counts twice: while its probe is overdue, and again when the
 * probe runs; the budget then halves once more than the stall alone would make it.
 *
 * <p>While nobody connects the pacer rests: after {@link #REST_AFTER} of ticks that accepted
 * nothing, its probes and ticks stop, so that an idle server does not wake every loop 200 times a
 * second. The connection that wakes it is accepted alone; the first tick, 5 ms later, sets the
 * budget from what the new probes found, starting from the budget it had before resting.
 *
 * <p>Added to the server channel's pipeline, where each accepted channel passes before the
 * bootstrap registers it. Threading: everything but the probes runs on the server channel's loop.
 * A probe runs on its worker loop; there it raises {@link #worstLateness}, writes its own due time
 * (first written on the server channel's loop, before the probe is handed to its loop), reads
 * {@link #generation} and counts itself out of {@link #probeChains} when it stops.
 */
public final class AcceptPacer extends ChannelInboundHandlerAdapter {
    static final Duration TICK = Duration.ofMillis(5);
    static final Duration REST_AFTER = Duration.ofSeconds(1);
    static final int MIN_PER_TICK = 1;
    static final int MAX_PER_TICK = 1 << 20;
    /** Percent by which the budget grows after each tick without lateness. */
    static final int GROWTH_PERCENT = 25;

    private final long limitNanos;
    private final EventLoopGroup workers;
    private final AtomicLong worstLateness = new AtomicLong();
    /** Probe chains that have not stopped yet (tests). */
    private final AtomicInteger probeChains = new AtomicInteger();
    /** Raised each time the pacer wakes or rests; a probe born in another generation stops. */
    private volatile int generation;
    private int perTick = MAX_PER_TICK;
    private int allowed = MAX_PER_TICK;
    private int acceptedThisTick;
    /** Ticks in a row that accepted nothing. */
    private int quietTicks;
    /** The ticks while awake; null while resting. */
    private ScheduledFuture<?> ticking;
    /** The probes of the current generation, one per worker loop; empty while resting. */
    private final List<Probe> probes = new ArrayList<>();

    /** Paces while a loop of {@code workers} runs more than {@code limit} late; zero turns pacing off. */
    public AcceptPacer(Duration limit, EventLoopGroup workers) {
        this.limitNanos = limit.toNanos();
        this.workers = workers;
    }

    /** How many connections a tick may accept now (tests). */
    int perTick() {
        return perTick;
    }

    /** True while probes and ticks run (tests; read on the server channel's loop). */
    boolean isAwake() {
        return ticking != null;
    }

    /** Probe chains that have not stopped yet (tests). */
    int probeChains() {
        return probeChains.get();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().closeFuture().addListener(f -> rest());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object acceptedChannel) {
        acceptedThisTick++;
        if (limitNanos > 0) {
            if (ticking == null && ctx.channel().isOpen()) {
                wake(ctx.channel());
            }
            if (--allowed <= 0) {
                ctx.channel().config().setAutoRead(false);
            }
        }
        ctx.fireChannelRead(acceptedChannel);
    }

    /**
     * Ends a tick in which the worst loop ran {@code latenessNanos} late: sets the next tick's
     * budget, and rests the pacer after {@link #REST_AFTER} of ticks that accepted nothing.
     */
    void tick(Channel serverChannel, long latenessNanos) {
        quietTicks = acceptedThisTick == 0 ? quietTicks + 1 : 0;
        if (latenessNanos > limitNanos) {
            perTick = Math.max(MIN_PER_TICK, Math.min(perTick, acceptedThisTick) / 2);
        } else if (perTick < MAX_PER_TICK) {
            perTick = (int) Math.min(MAX_PER_TICK, perTick + 1 + (long) perTick * GROWTH_PERCENT / 100);
        }
        acceptedThisTick = 0;
        allowed = perTick;
        if (!serverChannel.config().isAutoRead()) {
            serverChannel.config().setAutoRead(true);
        }
        if (quietTicks >= REST_AFTER.toNanos() / TICK.toNanos()) {
            rest();
        }
    }

    private void wake(Channel serverChannel) {
        int woken = ++generation; // written on this loop only; volatile for the probes
        worstLateness.set(0);
        quietTicks = 0;
        allowed = MIN_PER_TICK; // until the first tick knows how late the loops run
        for (EventExecutor loop : workers) {
            if (!loop.isShuttingDown()) {
                Probe probe = new Probe((EventLoop) loop, woken);
                probes.add(probe);
                probeChains.incrementAndGet();
                probe.schedule();
            }
        }
        ticking = serverChannel.eventLoop().scheduleAtFixedRate(
                () -> tick(serverChannel, Math.max(worstLateness.getAndSet(0), overdue())),
                TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void rest() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
            probes.clear();
            generation++; // the probes see it and stop
        }
    }

    /** How long the most overdue probe has been waiting for its loop: a loop stuck in one long task shows here. */
    private long overdue() {
        long now = System.nanoTime();
        long worst = 0;
        for (Probe probe : probes) {
            if (!probe.stopped) {
                worst = Math.max(worst, now - probe.due);
            }
        }
        return worst;
    }

    /** A task that one worker loop runs every tick while the pacer is awake, noting how late it ran. */
    private final class Probe implements Runnable {
        private final EventLoop loop;
        private final int born;
        /** When the scheduled run is due. */
        private volatile long due;
        /** True once the chain has ended (rest, or its loop shutting down); no longer counts as overdue. */
        private volatile boolean stopped;

        Probe(EventLoop loop, int born) {
            this.loop = loop;
            this.born = born;
        }

        void schedule() {
            due = System.nanoTime() + TICK.toNanos();
            try {
                loop.schedule(this, TICK.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                stop(); // the loop has shut down
            }
        }

        @Override
        public void run() {
            worstLateness.accumulateAndGet(System.nanoTime() - due, Math::max);
            if (generation != born || loop.isShuttingDown()) {
                stop();
            } else {
                schedule();
            }
        }

        private void stop() {
            stopped = true;
            probeChains.decrementAndGet();
        }
    }
}
