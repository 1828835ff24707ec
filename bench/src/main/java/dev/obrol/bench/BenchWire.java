package dev.obrol.bench;

import dev.obrol.protocol.Message;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.Arrays;

/**
 * The protocol's own records and codec for the bench's rare messages (handshakes, transfer
 * control), so the bench says them exactly as obrol does; the frequent ones (chat frames, file
 * chunks) are written pre-encoded and scanned without Jackson elsewhere. Thread-safe.
 */
final class BenchWire {
    private static final MessageCodec CODEC = new MessageCodec();

    private BenchWire() {}

    /** {@code message} as one JSON line. */
    static byte[] line(Message message) {
        byte[] json = CODEC.encode(message);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** Writes {@code message} as one line (not flushed). */
    static void write(Channel channel, Message message) {
        channel.write(Unpooled.wrappedBuffer(line(message)), channel.voidPromise());
    }

    /** The message in {@code frame}, or null if it is not one. */
    static Message read(ByteBuf frame) {
        try {
            return CODEC.decode(ByteBufUtil.getBytes(frame));
        } catch (ProtocolException e) {
            return null;
        }
    }
}
