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
 * that is more, and sets how many connections the next tick may accept, as
 * TCP paces a sender: when a loop ran later than the limit, half of what the late tick accepted;
 * otherwise a quarter more than before, plus one. Never fewer than {@link #MIN_PER_TICK}, so logins
 * go on (slower) while chat alone keeps the server busy; with no lateness the budget soon exceeds
 * any real arrival rate. Past the tick's budget the server channel stops reading (accepting) until
 * the next tick.
 *
 * <p>While nobody connects the pacer rests: after {@link #REST_AFTER} of ticks that were on time,
 * accepted nothing and ended with the budget full, it stops its probes and ticks, so that an idle
 * server does not wake every loop 200 times a second. A loop late even once in that time keeps it
 * awake, and with it the budget it has set. The next accepted connection wakes it; that first tick
 * accepts at the full budget, and pacing starts from what its probes find.
 *
 * <p>Added to the server channel's pipeline, where each accepted channel passes before the
 * bootstrap registers it. Threading: probes run on their worker loops, only raise {@link
 * #worstLateness}, write their own due time and read {@link #generation}; the rest runs on the
 * server channel's loop.
 */
public final class AcceptPacer extends ChannelInboundHandlerAdapter {
    static final Duration TICK = Duration.ofMillis(5);
    static final Duration REST_AFTER = Duration.ofSeconds(1);
    static final int MIN_PER_TICK = 1;
    static final int MAX_PER_TICK = 1 << 20;
    /** Percent by which the budget grows after each tick without lateness. */
    static final int GROWTH_PERCENT = 25;

    private final long limitNanos;
    private final AtomicLong worstLateness = new AtomicLong();
    /** Probe chains still scheduling themselves (tests). */
    private final AtomicInteger probeChains = new AtomicInteger();
    /** Raised each time the pacer wakes or rests; a probe of an older generation stops. */
    private volatile int generation;
    private int perTick = MAX_PER_TICK;
    private int allowed = MAX_PER_TICK;
    private int acceptedThisTick;
    /** Ticks in a row that were on time, accepted nothing and ended with the budget full. */
    private int quietTicks;
    private Channel serverChannel;
    private EventLoopGroup workers;
    /** The ticks while awake; null while resting. */
    private ScheduledFuture<?> ticking;
    /** The probes of the current generation, one per worker loop; empty while resting. */
    private final List<Probe> probes = new ArrayList<>();

    /** Paces while a worker loop runs more than {@code limit} late; zero turns pacing off. */
    public AcceptPacer(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    /** Paces {@code serverChannel} by the loops of {@code workers} from the first connection it accepts. */
    public void start(Channel serverChannel, EventLoopGroup workers) {
        if (limitNanos <= 0) {
            return;
        }
        serverChannel.eventLoop().execute(() -> {
            this.serverChannel = serverChannel;
            this.workers = workers;
            serverChannel.closeFuture().addListener(f -> rest());
        });
    }

    /** How many connections a tick may accept now (tests). */
    int perTick() {
        return perTick;
    }

    /** True while probes and ticks run (tests; read on the server channel's loop). */
    boolean isAwake() {
        return ticking != null;
    }

    /** Probe chains still running on the worker loops (tests). */
    int probeChains() {
        return probeChains.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object acceptedChannel) {
        acceptedThisTick++;
        if (limitNanos > 0) {
            if (ticking == null && serverChannel != null && serverChannel.isOpen()) {
                wake();
            }
            if (--allowed <= 0) {
                ctx.channel().config().setAutoRead(false);
            }
        }
        ctx.fireChannelRead(acceptedChannel);
    }

    /** Ends a tick in which the worst loop ran {@code latenessNanos} late: sets the next tick's budget. */
    void tick(Channel serverChannel, long latenessNanos) {
        boolean quiet = acceptedThisTick == 0 && latenessNanos <= limitNanos;
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
        quietTicks = quiet && perTick == MAX_PER_TICK ? quietTicks + 1 : 0;
        if (quietTicks >= REST_AFTER.toNanos() / TICK.toNanos()) {
            rest();
        }
    }

    private void wake() {
        int awake = ++generation; // written on this loop only; volatile for the probes
        worstLateness.set(0);
        probes.clear();
        for (EventExecutor loop : workers) {
            Probe probe = new Probe((EventLoop) loop, awake);
            probes.add(probe);
            probeChains.incrementAndGet();
            probe.schedule();
        }
        ticking = serverChannel.eventLoop().scheduleAtFixedRate(
                () -> tick(serverChannel, Math.max(worstLateness.getAndSet(0), overdue())),
                TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void rest() {
        quietTicks = 0;
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
            worst = Math.max(worst, now - probe.due);
        }
        return worst;
    }

    /** A task that one worker loop runs every tick while the pacer is awake, noting how late it ran. */
    private final class Probe implements Runnable {
        private final EventLoop loop;
        private final int generation;
        /** When the scheduled run is due (written where it is scheduled, read by the ticks). */
        private volatile long due;

        Probe(EventLoop loop, int generation) {
            this.loop = loop;
            this.generation = generation;
        }

        void schedule() {
            due = System.nanoTime() + TICK.toNanos();
            loop.schedule(this, TICK.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            worstLateness.accumulateAndGet(System.nanoTime() - due, Math::max);
            if (AcceptPacer.this.generation != generation || loop.isShuttingDown()) {
                probeChains.decrementAndGet();
                return;
            }
            schedule();
        }
    }
}
