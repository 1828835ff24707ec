package dev.obrol.server.guard;

import dev.obrol.protocol.ClientMessage.SetUsername;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.server.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes logged-in connections that have been silent too long, so dead peers are noticed. Clients
 * that announced the "keepalive" feature in SET_USERNAME send PING when idle and get {@code
 * idleTimeout}; others (v1 clients never ping) get {@code v1IdleTimeout}, off by default. Before
 * login the login deadline applies instead. One instance per channel, used on its event loop.
 */
final class IdleGuard extends ChannelInboundHandlerAdapter {
    static final String KEEPALIVE_FEATURE = "keepalive";

    private final long idleNanos;
    private final long v1IdleNanos;
    private final Refusals refusals;
    private long lastRead = System.nanoTime();
    private boolean keepalive;
    private ScheduledFuture<?> check;

    IdleGuard(Duration idleTimeout, Duration v1IdleTimeout, Refusals refusals) {
        this.idleNanos = idleTimeout.toNanos();
        this.v1IdleNanos = v1IdleTimeout.toNanos();
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long shortest = idleNanos == 0 ? v1IdleNanos : v1IdleNanos == 0 ? idleNanos : Math.min(idleNanos, v1IdleNanos);
        if (shortest > 0) {
            // Checking four times per timeout closes a silent peer within 125% of it.
            long period = Math.max(shortest / 4, TimeUnit.MILLISECONDS.toNanos(10));
            check = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = System.nanoTime();
        if (msg instanceof SetUsername hello && !isLoggedIn(ctx)) {
            keepalive = hello.hasFeature(KEEPALIVE_FEATURE);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private void check(ChannelHandlerContext ctx) {
        Session session = Session.of(ctx.channel());
        if (session == null || !session.isLoggedIn() || !ctx.channel().isActive()) {
            return;
        }
        long limit = keepalive ? idleNanos : v1IdleNanos;
        if (limit > 0 && System.nanoTime() - lastRead > limit) {
            check.cancel(false);
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(limit));
            refusals.errorAndClose(session, "idle timeout", "IDLE", ErrorCode.IDLE_TIMEOUT, "idle.timeout", seconds);
        }
    }

    private static boolean isLoggedIn(ChannelHandlerContext ctx) {
        Session session = Session.of(ctx.channel());
        return session != null && session.isLoggedIn();
    }
}
