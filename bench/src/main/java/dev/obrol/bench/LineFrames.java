package dev.obrol.bench;

import dev.obrol.protocol.BinaryChunkFrame;
import dev.obrol.protocol.StreamLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Cuts what a server sends into lines: an obrol server ends every message with a newline (see
 * docs/PROTOCOL.md), so the load generator can find frames with one eight-bytes-at-a-time search
 * per message instead of tracking JSON structure byte by byte; an IRC server ends every line with
 * CR LF (the CR stays on the line for {@link IrcLine} to drop). Emits each line without its
 * newline as a retained slice; the next handler releases it. A 0x00 where a line would begin is a
 * binary chunk frame (an obrol server sends them only to a connection that negotiated them): it is
 * cut by the lengths in its header and emitted whole, marker included. One instance per channel.
 */
final class LineFrames extends ByteToMessageDecoder {
    private final int maxLineBytes;
    /** Bytes of the current, unfinished line already searched (a long line arrives in many reads). */
    private int searched;

    LineFrames(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            if (searched == 0 && in.getByte(start) == BinaryChunkFrame.MARKER) {
                int length = BinaryChunkFrame.frameLength(in, start, StreamLimits.MAX_BINARY_CHUNK_BYTES);
                if (length == 0 || in.readableBytes() < length) {
                    return; // the rest of the frame has not arrived yet
                }
                out.add(in.readRetainedSlice(length));
                continue;
            }
            int newline = in.indexOf(start + searched, in.writerIndex(), (byte) '\n');
            if (newline < 0) {
                searched = in.readableBytes();
                if (searched > maxLineBytes) {
                    in.skipBytes(in.readableBytes());
                    searched = 0;
                    throw new TooLongFrameException("a line from the server over " + maxLineBytes + " bytes");
                }
                return;
            }
            searched = 0;
            if (newline > start) {
                out.add(in.retainedSlice(start, newline - start));
            }
            in.readerIndex(newline + 1);
        }
    }
}
