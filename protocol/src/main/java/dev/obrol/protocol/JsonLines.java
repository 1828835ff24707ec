package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Newline-delimited JSON over a byte stream: every message is one JSON object followed by
 * {@code \n}. The newline costs a v1 peer nothing (its json.loads ignores trailing whitespace) and
 * lets obrol peers and tools split lines cheaply. A file chunk goes out as header, payload and
 * trailer side by side (see {@link FileChunkCodec}).
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
    public void writeChunk(ByteBufAllocator alloc, FileChunk chunk, Consumer<ByteBuf> out) {
        out.accept(FileChunkCodec.header(alloc, chunk.transferId(), chunk.offset()));
        out.accept(chunk.content().retain());
        out.accept(FileChunkCodec.trailer());
    }
}
