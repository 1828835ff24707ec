package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/**
 * The pipeline stage that writes each {@link Message} as a frame of the connection's {@link
 * WireFormat} (one JSON line unless told otherwise). The client writes everything through it; the
 * server's outbox frames most messages itself and uses this stage for the few written directly.
 */
@ChannelHandler.Sharable
public final class MessageEncoder extends MessageToByteEncoder<Message> {
    private final WireFormat format;

    public MessageEncoder(MessageCodec codec) {
        this(new JsonLines(codec));
    }

    public MessageEncoder(WireFormat format) {
        super(Message.class);
        this.format = format;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, ByteBuf out) throws IOException {
        format.appendMessage(message, out);
    }

    /** Appends {@code message} as one frame to {@code out} (for callers that batch several into a buffer). */
    public void encodeLine(Message message, ByteBuf out) throws IOException {
        format.appendMessage(message, out);
    }
}
