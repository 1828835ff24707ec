package dev.obrol.server.guard;

import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.Message;
import dev.obrol.protocol.RawText;
import dev.obrol.server.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Bounds how many requests one connection may send: a token bucket of {@code burst} refilled at
 * {@code perSecond}. A request over the rate is dropped with an ERROR (RATE_LIMITED) saying so; a
 * connection that keeps flooding ({@code burst} drops in a row) is closed. Counting parsed
 * requests, raw text and undecodable frames alike means junk cannot bypass it.
 *
 * <p>One instance per channel, used only on its event loop.
 */
final class InboundRateGuard extends ChannelInboundHandlerAdapter {
    private final TokenBucket bucket;
    private final int perSecond;
    private final int maxStrikes;
    private final Refusals refusals;
    private int strikes;
    private boolean closing;

    InboundRateGuard(int perSecond, int burst, Refusals refusals) {
        this.bucket = new TokenBucket(burst, perSecond);
        this.perSecond = perSecond;
        this.maxStrikes = burst;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (bucket.tryTake()) {
            strikes = 0;
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        Session session = Session.of(ctx.channel());
        if (session == null || closing || !ctx.channel().isActive()) {
            return;
        }
        strikes++;
        String type = msg instanceof Message m ? m.type() : msg instanceof RawText ? "RAW" : "?";
        if (strikes > maxStrikes) {
            closing = true;
            ctx.channel().config().setAutoRead(false); // read nothing more while the goodbye is written
            refusals.errorAndClose(session, "flooding", type, ErrorCode.RATE_LIMITED, "rate.flood", perSecond);
        } else {
            refusals.error(session, type, ErrorCode.RATE_LIMITED, "rate.limited", perSecond);
        }
    }
}
