package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/**
 * Writes each {@link Message} as one line of JSON. The newline costs a v1 peer nothing (its
 * json.loads ignores trailing whitespace) and lets obrol peers and tools split lines cheaply.
 */
@ChannelHandler.Sharable
public final class MessageEncoder extends MessageToByteEncoder<Message> {
    private final MessageCodec codec;

    public MessageEncoder(MessageCodec codec) {
        super(Message.class);
        this.codec = codec;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, ByteBuf out) throws IOException {
        encodeLine(message, out);
    }

    /**
     * Appends {@code message} and its newline to {@code out}: what this stage writes for one
     * message, for callers that put several messages into one buffer (the server's outbox).
     */
    public void encodeLine(Message message, ByteBuf out) throws IOException {
        if (message instanceof ServerMessage.PeerMsg peerMsg) {
            PeerMsgWriter.write(peerMsg, out); // the hot path: every relayed direct message
        } else {
            try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
                codec.encode(message, stream);
            }
        }
        out.writeByte('\n');
    }
}
