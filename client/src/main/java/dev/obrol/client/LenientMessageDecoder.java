package dev.obrol.client;

import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.ProtocolException;
import dev.obrol.protocol.RawText;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The client's message decoder: like {@link dev.obrol.protocol.MessageDecoder}, but a frame that
 * is not a message we know (a future server's new type, a malformed object) becomes
 * {@link RawText} holding the frame itself, so the user sees it (escaped) as the v1 client did,
 * instead of a bare reason. Releases every frame (the superclass does). Sharable and stateless.
 */
@io.netty.channel.ChannelHandler.Sharable
final class LenientMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final MessageCodec codec;

    LenientMessageDecoder(MessageCodec codec) {
        super(ByteBuf.class);
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        byte[] bytes = new byte[frame.readableBytes()];
        frame.getBytes(frame.readerIndex(), bytes);
        try {
            out.add(codec.decode(bytes));
        } catch (ProtocolException e) {
            out.add(new RawText(new String(bytes, StandardCharsets.UTF_8)));
        }
    }
}
