package dev.obrol.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last pipeline stage: hands every decoded object to the {@link InboundRouter} and tells it
 * when the connection ends. No logic of its own. A decoding failure (a frame over the limit)
 * closes the connection, which the router reports.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private final InboundRouter router;

    ConnectionHandler(InboundRouter router) {
        this.router = router;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            router.onMessage(msg);
        } finally {
            ReferenceCountUtil.release(msg); // decoded messages are plain objects; this is a no-op for them
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        router.onClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
