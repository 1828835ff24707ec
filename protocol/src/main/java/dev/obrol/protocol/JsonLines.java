package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.base64.Base64;
import io.netty.handler.codec.base64.Base64Dialect;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Newline-delimited JSON over a byte stream: every message is one JSON object followed by
 * {@code \n}. The newline costs a v1 peer nothing (its json.loads ignores trailing whitespace) and
 * lets obrol peers and tools split lines cheaply. A file chunk goes out as header, payload and
 * trailer side by side (see {@link FileChunkCodec}), or, to a peer that negotiated binary chunk
 * frames, as a binary header and the payload (see {@link BinaryChunkFrame}).
 *
 * <p>Which frame a chunk gets: binary bytes go as a binary frame to a peer that negotiated them,
 * else as {@code FILE_CHUNK} JSON, Base64-encoded here, in pieces of at most {@link
 * StreamLimits#MAX_CHUNK_BYTES} (what a peer without binary frames accepts). Base64 text goes as
 * {@code FILE_CHUNK} JSON to every peer, also to one that negotiated binary frames: every client
 * that negotiates them reads JSON chunks too, and the text is relayed as it came, undecoded.
 */
public final class JsonLines implements WireFormat {
    private final MessageCodec codec;

    public JsonLines(MessageCodec codec) {
        this.codec = codec;
    }

    @Override
    public void appendMessage(Message message, ByteBuf out) throws IOException {
        if (message instanceof ServerMessage.PeerMsg peerMsg) {
            PeerMsgWriter.write(peerMsg, out); // the hot path: every relayed direct message
        } else {
            try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
                codec.encode(message, stream);
            }
        }
        out.writeByte('\n');
    }

    @Override
    public ByteBuf frameEncoded(ByteBufAllocator alloc, byte[] json) {
        return alloc.directBuffer(json.length + 1).writeBytes(json).writeByte('\n');
    }

    @Override
    public void writeChunk(ByteBufAllocator alloc, FileChunk chunk, boolean binaryFrames, Consumer<ByteBuf> out) {
        ByteBuf content = chunk.content();
        if (!chunk.isBinary()) {
            out.accept(FileChunkCodec.header(alloc, chunk.transferId(), chunk.offset()));
            out.accept(content.retain());
            out.accept(FileChunkCodec.trailer());
        } else if (binaryFrames) {
            out.accept(BinaryChunkFrame.header(alloc, chunk.transferId(), chunk.offset(), content.readableBytes()));
            out.accept(content.retain());
        } else {
            // A peer without binary frames: the one place a payload is copied, into Base64.
            for (int done = 0; done < content.readableBytes(); done += StreamLimits.MAX_CHUNK_BYTES) {
                int piece = Math.min(StreamLimits.MAX_CHUNK_BYTES, content.readableBytes() - done);
                out.accept(FileChunkCodec.header(alloc, chunk.transferId(), chunk.offset() + done));
                out.accept(Base64.encode(content, content.readerIndex() + done, piece, false, Base64Dialect.STANDARD, alloc));
                out.accept(FileChunkCodec.trailer());
            }
        }
    }
}
