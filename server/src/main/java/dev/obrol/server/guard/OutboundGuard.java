package dev.obrol.server.guard;

import dev.obrol.server.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;

/**
 * Bounds what the server queues for one peer. Sits next to the socket, so it sees encoded bytes:
 *
 * <ul>
 *   <li>a write that would take the bytes queued for this connection past {@code maxOutboundBytes}
 *       is dropped and the connection is closed as a slow consumer (the DISCONNECT line says so),
 *       so a peer that stops reading can neither grow the server's memory nor slow anyone else;
 *   <li>while the connection is unwritable (queued bytes over the high water mark) the server
 *       stops reading its requests, because each request may queue a reply to it: a peer that
 *       sends but never reads is throttled by TCP instead of buffered.
 * </ul>
 *
 * <p>Senders are never paused for a slow receiver: that would let one stalled reader stall
 * everyone who writes to it. One instance per channel, used only on its event loop.
 */
final class OutboundGuard extends ChannelDuplexHandler {
    private final long maxOutboundBytes;
    private boolean closing;

    OutboundGuard(long maxOutboundBytes) {
        this.maxOutboundBytes = maxOutboundBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            long queued = queuedBytes(ctx.channel());
            if (closing || queued + bytes.readableBytes() > maxOutboundBytes) {
                ReferenceCountUtil.release(msg);
                closeSlowConsumer(ctx, queued); // first, so the reason logged is this one
                if (!promise.isVoid()) {
                    promise.tryFailure(new ClosedChannelException()); // a void promise would fire exceptionCaught
                }
                return;
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!closing) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void closeSlowConsumer(ChannelHandlerContext ctx, long queued) {
        if (closing) {
            return;
        }
        closing = true;
        Session session = Session.of(ctx.channel());
        if (session != null) {
            session.closeReason("slow consumer: " + queued + " bytes queued, limit " + maxOutboundBytes);
        }
        ctx.close();
    }

    /**
     * What Netty holds for {@code channel} and has not yet written to the socket (bytes plus its
     * small per-write bookkeeping), read through the public API: below the high water mark {@code
     * bytesBeforeUnwritable} is the room left under it, above it {@code bytesBeforeWritable} is what
     * must drain to get under the low one (each counted to one byte past the mark).
     */
    static long queuedBytes(Channel channel) {
        WriteBufferWaterMark marks = channel.config().getWriteBufferWaterMark();
        if (channel.isWritable()) {
            return marks.high() + 1L - channel.bytesBeforeUnwritable();
        }
        long toDrain = channel.bytesBeforeWritable();
        // Long.MAX_VALUE: no outbound buffer any more; the channel is closing and the write fails anyway.
        return toDrain == Long.MAX_VALUE ? 0 : marks.low() - 1L + toDrain;
    }
}
