package dev.obrol.server.guard;

import dev.obrol.protocol.ClientMessage.SetUsername;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.server.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes logged-in connections that have been silent too long, so dead peers are noticed. Clients
 * that announced the "keepalive" feature in SET_USERNAME send PING when idle and get {@code
 * idleTimeout}; others (v1 clients never ping) get {@code v1IdleTimeout}, off by default. Before
 * login the login deadline applies instead.
 *
 * <p>Netty's {@link IdleStateHandler} does the timing. Which timeout applies is only known from
 * the handshake, so when a SET_USERNAME passes, this stage puts one in front of itself (replacing
 * one an earlier handshake put there, read before that one's refusal closed the connection) and
 * closes the connection on its reader-idle event. Placed after the decoders, the timer counts
 * whole messages: a frame still arriving is no sign of life. One instance per channel, used on its
 * event loop; the timer goes with the channel.
 */
final class IdleGuard extends ChannelInboundHandlerAdapter {
    static final String KEEPALIVE_FEATURE = "keepalive";
    /** The pipeline name of the timer this stage puts in front of itself. */
    static final String TIMER = "idleTimer";

    private final Duration idleTimeout;
    private final Duration v1IdleTimeout;
    private final Refusals refusals;
    /** The timeout the handshake chose; what the IDLE_TIMEOUT error tells the client. */
    private Duration timeout = Duration.ZERO;

    IdleGuard(Duration idleTimeout, Duration v1IdleTimeout, Refusals refusals) {
        this.idleTimeout = idleTimeout;
        this.v1IdleTimeout = v1IdleTimeout;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SetUsername hello && !isLoggedIn(ctx)) {
            startTimer(ctx, hello.hasFeature(KEEPALIVE_FEATURE) ? idleTimeout : v1IdleTimeout);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        Session session = Session.of(ctx.channel());
        if (session == null || !session.isLoggedIn()) {
            return; // a refused handshake, and silence since: the login deadline closes it
        }
        ctx.pipeline().remove(TIMER); // one refusal is enough; the connection closes once it is written
        long seconds = Math.max(1, timeout.toSeconds());
        refusals.errorAndClose(session, "idle timeout", "IDLE", ErrorCode.IDLE_TIMEOUT, "idle.timeout", seconds);
    }

    private void startTimer(ChannelHandlerContext ctx, Duration chosen) {
        ChannelPipeline pipeline = ctx.pipeline();
        if (pipeline.get(TIMER) != null) {
            pipeline.remove(TIMER);
        }
        timeout = chosen;
        if (!chosen.isZero()) {
            pipeline.addBefore(ctx.name(), TIMER, new IdleStateHandler(chosen.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        }
    }

    private static boolean isLoggedIn(ChannelHandlerContext ctx) {
        Session session = Session.of(ctx.channel());
        return session != null && session.isLoggedIn();
    }
}
