package dev.obrol.client;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.ServerMessage;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * The pipeline stage that tells what became of a request, though an obrol server answers success
 * with silence (a direct message, a file offer) and only a failure with an ERROR. A request sent
 * with {@link Outbound#sendConfirmed} is followed by a PING: the server answers the requests of a
 * connection in order, so when that PING's PONG arrives, every reply the request caused has
 * arrived before it and been handed on to the session. An ERROR belongs to that request only if
 * nothing else was sent since the PING before it, so a PING goes first when anything was.
 *
 * <p>Every PING written (the keepalive's too) closes a segment of what was sent, and each PONG
 * answers the oldest one; an ERROR goes to the oldest segment still waiting for its PONG. A
 * request the server drops for its rate may have been a PING, after which answers cannot be
 * paired any more: every confirmation from then on is {@link Delivery#UNKNOWN}, as it is once the
 * connection has gone. Sits before the keepalive stage, which swallows PONGs. Event loop only.
 */
final class Confirmations extends ChannelDuplexHandler {
    /** What {@link ServerConnection#sendConfirmed} writes: the request, and the result to complete. */
    record Confirmed(ClientMessage message, CompletableFuture<Delivery> result) {}

    /** What was sent between two PINGs. */
    private static final class Segment {
        /** Set when the segment holds one confirmed request and nothing else. */
        CompletableFuture<Delivery> result;
        boolean anythingSent;
        boolean refused;
    }

    private final Deque<Segment> awaitingPong = new ArrayDeque<>();
    private Segment open = new Segment();
    private boolean unpaired;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Confirmed confirmed) {
            writeConfirmed(ctx, confirmed, promise);
            return;
        }
        if (msg instanceof ClientMessage.Ping) {
            awaitingPong.add(open);
            open = new Segment();
        } else {
            open.anythingSent = true;
        }
        ctx.write(msg, promise);
    }

    private void writeConfirmed(ChannelHandlerContext ctx, Confirmed confirmed, ChannelPromise promise) {
        if (unpaired) {
            ctx.write(confirmed.message(), promise);
            confirmed.result().complete(Delivery.UNKNOWN);
            return;
        }
        if (open.anythingSent) {
            ping(ctx); // the request gets a segment of its own
        } else {
            open = new Segment(); // forgets an ERROR that came for nothing sent (a notice before a close)
        }
        open.result = confirmed.result();
        open.anythingSent = true;
        ctx.write(confirmed.message(), promise);
        ping(ctx);
    }

    private void ping(ChannelHandlerContext ctx) {
        awaitingPong.add(open);
        open = new Segment();
        ctx.write(new ClientMessage.Ping(), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ServerMessage.Pong) {
            Segment answered = awaitingPong.poll();
            if (answered != null && answered.result != null) {
                answered.result.complete(answered.refused ? Delivery.REFUSED : Delivery.DONE);
            }
        } else if (msg instanceof ServerMessage.Error error) {
            if (ErrorCode.RATE_LIMITED.wireName().equals(error.code())) {
                unpair();
            } else {
                (awaitingPong.isEmpty() ? open : awaitingPong.peek()).refused = true;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        unpair();
        ctx.fireChannelInactive();
    }

    private void unpair() {
        unpaired = true;
        awaitingPong.add(open);
        for (Segment segment : awaitingPong) {
            if (segment.result != null) {
                segment.result.complete(Delivery.UNKNOWN);
            }
        }
        awaitingPong.clear();
        open = new Segment();
    }
}
