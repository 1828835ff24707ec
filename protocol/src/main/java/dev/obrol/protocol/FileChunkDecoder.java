package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Pipeline stage between the framer and the message decoder: turns {@code FILE_CHUNK} frames into
 * {@link FileChunk}s (payload left as Base64 bytes), and binary chunk frames, which the framer
 * cuts only for a connection that negotiated them, into binary {@link FileChunk}s (payload a slice
 * of the frame); it passes every other frame on untouched. A chunk with bad fields becomes a
 * {@link MessageDecoder.DecodeFailure}, answered like any other bad request. Stateless and
 * sharable; the superclass releases each frame it reads.
 */
@ChannelHandler.Sharable
public final class FileChunkDecoder extends MessageToMessageDecoder<ByteBuf> {

    public FileChunkDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (frame.isReadable() && frame.getByte(frame.readerIndex()) == BinaryChunkFrame.MARKER) {
            try {
                out.add(BinaryChunkFrame.parse(frame));
            } catch (ProtocolException e) {
                out.add(new MessageDecoder.DecodeFailure(e.code(), e.getMessage()));
            }
            return;
        }
        if (FileChunkCodec.opensWithOtherType(frame)) {
            out.add(frame.retain()); // a chat message: not even searched for the marker
            return;
        }
        FileChunk canonical = FileChunkCodec.parseCanonical(frame);
        if (canonical != null) {
            out.add(canonical);
            return;
        }
        if (FileChunkCodec.mayBeChunk(frame)) {
            try {
                FileChunk chunk = FileChunkCodec.parse(frame);
                if (chunk != null) {
                    out.add(chunk);
                    return;
                }
            } catch (ProtocolException e) {
                out.add(new MessageDecoder.DecodeFailure(e.code(), e.getMessage()));
                return;
            }
        }
        out.add(frame.retain());
    }
}
