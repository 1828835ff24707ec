package dev.obrol.client;

import dev.obrol.protocol.BinaryChunkFrame;
import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.StreamLimits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Turns on binary chunk frames in the framer when the server's login answer lists {@value
 * StreamLimits#BINARY_FEATURE} (the client announced it in its handshake), and reads of up to a
 * chunk ({@link BinaryChunkFrame#READS}), then leaves the pipeline. It runs on the event loop as the answer is read, before anything after it, so the
 * framer is ready before the server can send a binary chunk (that needs a transfer, after login).
 */
final class BinaryChunkSwitch extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ServerMessage.Success success) {
            if (success.features() != null && success.features().contains(StreamLimits.BINARY_FEATURE)) {
                ctx.pipeline().get(JsonFrameDecoder.class).acceptBinaryChunks();
                ctx.channel().config().setRecvByteBufAllocator(BinaryChunkFrame.READS);
            }
            ctx.pipeline().remove(this); // one answer per connection
        }
        ctx.fireChannelRead(msg);
    }
}
