package dev.obrol.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * The pipeline stage that writes a {@link FileChunk} as a frame of the connection's {@link
 * WireFormat} without copying its payload (for newline JSON: a small header, the Base64 bytes
 * themselves, and a shared trailer; for a binary chunk, a binary header and the bytes). A binary
 * chunk goes as a binary frame: the client makes binary chunks only towards a server that
 * negotiated them. The superclass releases the chunk after encoding. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class FileChunkEncoder extends MessageToMessageEncoder<FileChunk> {

    private final WireFormat format;

    public FileChunkEncoder() {
        this(new JsonLines(new MessageCodec()));
    }

    public FileChunkEncoder(WireFormat format) {
        super(FileChunk.class);
        this.format = format;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, FileChunk chunk, List<Object> out) {
        format.writeChunk(ctx.alloc(), chunk, true, out::add);
    }
}
