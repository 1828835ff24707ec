package dev.obrol.client;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.ServerMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The client's half of keepalive (PROTOCOL.md, protocol 2): the client announces "keepalive" at
 * login, and this pipeline stage keeps the promise. When the server's SUCCESS announces {@code
 * limits.idle_timeout_seconds}, it puts Netty's {@link IdleStateHandler} in front of itself and
 * sends {@code PING} whenever the client has written nothing for a third of that timeout; PONGs end
 * here. No announced timeout (a v1 server, or none configured): no pings at all. Everything runs
 * on the connection's event loop, and the timer goes with the channel when it closes.
 */
final class Keepalive extends ChannelInboundHandlerAdapter {
    /** The feature name announced in SET_USERNAME. */
    static final String FEATURE = "keepalive";

    private boolean started;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ServerMessage.Pong) {
            return; // only proves the link works; nothing to show
        }
        if (!started && msg instanceof ServerMessage.Success success) {
            started = true;
            long interval = intervalMillis(success.limits());
            if (interval > 0) {
                ctx.pipeline().addBefore(ctx.name(), "idle", new IdleStateHandler(0, interval, 0, TimeUnit.MILLISECONDS));
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
            // From the tail, so the encoder (and TLS) below see it like any other message.
            ctx.channel().writeAndFlush(new ClientMessage.Ping(), ctx.channel().voidPromise());
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** A third of the announced idle timeout, in milliseconds; 0 when there is none. */
    static long intervalMillis(Limits limits) {
        Integer seconds = limits == null ? null : limits.idleTimeoutSeconds();
        return seconds == null || seconds <= 0 ? 0 : TimeUnit.SECONDS.toMillis(seconds) / 3;
    }
}
