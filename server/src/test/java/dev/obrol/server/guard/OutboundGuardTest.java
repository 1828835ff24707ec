package dev.obrol.server.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/**
 * The outbound guard reads what is queued for a peer through Netty's public channel API (water
 * marks and bytes before (un)writability), not through {@code Channel.unsafe()}, and bounds it.
 * On an embedded channel writes stay queued until flushed, so the queue can be filled at will.
 */
class OutboundGuardTest {
    private static final int LOW = 1024;
    private static final int HIGH = 4096;

    private static EmbeddedChannel channel(OutboundGuard guard) {
        EmbeddedChannel channel = guard == null ? new EmbeddedChannel() : new EmbeddedChannel(guard);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(LOW, HIGH));
        return channel;
    }

    private static ByteBuf bytes(int n) {
        return Unpooled.buffer(n).writeZero(n);
    }

    @Test
    void theQueueReadThroughThePublicApiIsWhatNettyHoldsOnBothSidesOfTheWaterMarks() {
        EmbeddedChannel channel = channel(null);
        for (int i = 1; i <= 12; i++) {
            channel.write(bytes(700));
            assertThat(OutboundGuard.queuedBytes(channel)).as("after %d writes, writable: %s", i, channel.isWritable())
                    .isEqualTo(channel.unsafe().outboundBuffer().totalPendingWriteBytes());
        }
        assertThat(channel.isWritable()).as("well past the high water mark").isFalse();
        channel.flush();
        assertThat(channel.isWritable()).as("drained").isTrue();
        assertThat(OutboundGuard.queuedBytes(channel)).as("nothing left after the flush").isZero();
        channel.close();
        assertThat(OutboundGuard.queuedBytes(channel)).as("a closed channel queues nothing").isZero();
        channel.finishAndReleaseAll();
    }

    @Test
    void aWriteThatWouldPassTheBoundIsDroppedAndTheConnectionClosed() {
        EmbeddedChannel channel = channel(new OutboundGuard(10_000));
        ChannelFuture fits = channel.write(bytes(6_000));
        assertThat(fits.isDone()).as("under the bound: queued").isFalse();
        ByteBuf tooMuch = bytes(6_000);
        ChannelFuture over = channel.write(tooMuch);
        assertThat(over.cause()).as("the write past the bound").isInstanceOf(ClosedChannelException.class);
        assertThat(tooMuch.refCnt()).as("the dropped write was released").isZero();
        assertThat(channel.isOpen()).as("a slow consumer is closed").isFalse();
        channel.finishAndReleaseAll();
    }
}
