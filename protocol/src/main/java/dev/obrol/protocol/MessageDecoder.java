package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Parses each framed JSON object into a {@link Message}. A frame that does not parse becomes a
 * {@link DecodeFailure}, so one bad frame costs the peer an ERROR reply, not its connection.
 * Releases every frame it reads (the superclass does). Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final MessageCodec codec;

    public MessageDecoder(MessageCodec codec) {
        super(ByteBuf.class);
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        ClientMessage.Msg direct = CanonicalMsg.parse(frame); // the common case, read without Jackson
        if (direct != null) {
            out.add(direct);
            return;
        }
        byte[] bytes;
        int offset;
        if (frame.hasArray()) {
            bytes = frame.array();
            offset = frame.arrayOffset() + frame.readerIndex();
        } else {
            bytes = ByteBufUtil.getBytes(frame);
            offset = 0;
        }
        try {
            out.add(codec.decode(bytes, offset, frame.readableBytes()));
        } catch (ProtocolException e) {
            out.add(new DecodeFailure(e.code(), e.getMessage()));
        }
    }

    /**
     * A frame that is not a valid message. {@code reason} is the codec's English, parser's words
     * included: a detail for the operator's log; the server tells the peer in the peer's language.
     */
    public record DecodeFailure(ErrorCode code, String reason) implements Inbound {}
}
