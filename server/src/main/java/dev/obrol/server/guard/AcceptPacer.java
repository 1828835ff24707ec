package dev.obrol.server.guard;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces the accepting of new connections by how late the event loops run, so that a login storm
 * waits in the kernel's accept queue instead of delaying chat for the users already online.
 *
 * <p>Every {@link #TICK} each worker loop runs a probe that notes how much later than due it ran:
 * what a chat message arriving then would wait too. Every tick the server channel's loop reads the
 * worst lateness since the last tick and sets how many connections the next tick may accept, as
 * TCP paces a sender: when a loop ran later than the limit, half of what the late tick accepted;
 * otherwise a quarter more than before, plus one. Never fewer than {@link #MIN_PER_TICK}, so logins
 * go on (slower) while chat alone keeps the server busy; with no lateness the budget soon exceeds
 * any real arrival rate. Past the tick's budget the server channel stops reading (accepting) until
 * the next tick.
 *
 * <p>Added to the server channel's pipeline, where each accepted channel passes before the
 * bootstrap registers it. Threading: probes run on their worker loops and only raise {@link
 * #worstLateness}; the rest runs on the server channel's loop.
 */
public final class AcceptPacer extends ChannelInboundHandlerAdapter {
    static final Duration TICK = Duration.ofMillis(5);
    static final int MIN_PER_TICK = 1;
    static final int MAX_PER_TICK = 1 << 20;
    /** Percent by which the budget grows after each tick without lateness. */
    static final int GROWTH_PERCENT = 25;

    private final long limitNanos;
    private final AtomicLong worstLateness = new AtomicLong();
    private int perTick = MAX_PER_TICK;
    private int allowed = MAX_PER_TICK;
    private int acceptedThisTick;

    /** Paces while a worker loop runs more than {@code limit} late; zero turns pacing off. */
    public AcceptPacer(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    /** Starts the probes on every loop of {@code workers} and the pacing of {@code serverChannel}. */
    public void start(Channel serverChannel, EventLoopGroup workers) {
        if (limitNanos <= 0) {
            return;
        }
        for (EventExecutor loop : workers) {
            probe((EventLoop) loop);
        }
        ScheduledFuture<?> pacing = serverChannel.eventLoop().scheduleAtFixedRate(
                () -> tick(serverChannel, worstLateness.getAndSet(0)), TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
        serverChannel.closeFuture().addListener(f -> pacing.cancel(false));
    }

    /** How many connections a tick may accept now (tests). */
    int perTick() {
        return perTick;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object acceptedChannel) {
        acceptedThisTick++;
        if (limitNanos > 0 && --allowed <= 0) {
            ctx.channel().config().setAutoRead(false);
        }
        ctx.fireChannelRead(acceptedChannel);
    }

    /** Ends a tick in which the worst loop ran {@code latenessNanos} late: sets the next tick's budget. */
    void tick(Channel serverChannel, long latenessNanos) {
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
    }

    private void probe(EventLoop loop) {
        if (loop.isShuttingDown()) {
            return;
        }
        long due = System.nanoTime() + TICK.toNanos();
        loop.schedule(() -> {
            worstLateness.accumulateAndGet(System.nanoTime() - due, Math::max);
            probe(loop);
        }, TICK.toNanos(), TimeUnit.NANOSECONDS);
    }
}
