package dev.obrol.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes a {@link FileChunk} as one JSON line without copying its payload: a small header, the
 * Base64 bytes themselves (retained), and a shared trailer go out as three buffers. The
 * superclass releases the chunk after encoding. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class FileChunkEncoder extends MessageToMessageEncoder<FileChunk> {

    public FileChunkEncoder() {
        super(FileChunk.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, FileChunk chunk, List<Object> out) {
        out.add(FileChunkCodec.header(ctx.alloc(), chunk.transferId(), chunk.offset()));
        out.add(chunk.content().retain());
        out.add(FileChunkCodec.trailer());
    }
}
