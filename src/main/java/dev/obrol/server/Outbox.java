package dev.obrol.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers what the server sends to one connection, in order, with as few system calls as load
 * allows. Any thread may {@link #post}; a single drain task on the channel's event loop writes
 * everything queued so far and then flushes once. Under load, many messages share one write;
 * when idle, each is flushed at once.
 *
 * <p>A v1 client parses each read as one object and breaks when two arrive together, so for v1
 * sessions every message is flushed on its own. Closing goes through the same queue, so a reply
 * queued before a close is written before it.
 *
 * <p>Invariant: whenever the queue is not empty, a drain task is scheduled or running. The drain
 * clears {@code scheduled} before polling, so a post that races with it either is polled by it or
 * schedules the next drain.
 */
final class Outbox {
    /** Queued after the last message when the connection must close once it is written. */
    private static final Object CLOSE = new Object();
    private static final int QUEUE_CHUNK = 16;
    /** A power of two, as the queue needs; what is queued is bounded far lower by the outbound guard. */
    private static final int MAX_QUEUED = 1 << 30;

    private final Channel channel;
    // Many producers (any event loop), one consumer (this channel's loop). Small linked chunks:
    // the default 1024-slot chunk cost 4 KiB of heap per idle connection.
    private final Queue<Object> queue = PlatformDependent.newMpscQueue(QUEUE_CHUNK, MAX_QUEUED);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean flushEach = true;

    Outbox(Channel channel) {
        this.channel = channel;
    }

    /** Batch writes for clients that can read several objects at once (obrol clients). */
    void batchWrites() {
        flushEach = false;
    }

    /** Queues a message (a record for the encoder, or an already encoded ByteBuf). */
    void post(Object message) {
        queue.add(message);
        scheduleDrain();
    }

    /**
     * Sends {@code message} ahead of everything queued so far: the login answer. The instant a
     * session is registered other threads may queue to it (a presence, a direct message), but a
     * client must read its answer first. Called on the channel's event loop, where no drain can
     * run in between, so writing straight to the channel puts it before anything queued.
     */
    void postFirst(Object message) {
        if (channel.eventLoop().inEventLoop()) {
            channel.writeAndFlush(message, channel.voidPromise());
        } else {
            post(message); // not expected; order then is as queued
        }
    }

    /** Queues a close after everything queued so far. */
    void postClose() {
        post(CLOSE);
    }

    private void scheduleDrain() {
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        Object message;
        boolean written = false;
        while ((message = queue.poll()) != null) {
            if (message == CLOSE) {
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                written = false;
                continue;
            }
            if (flushEach) {
                channel.writeAndFlush(message, channel.voidPromise());
            } else {
                channel.write(message, channel.voidPromise());
                written = true;
            }
        }
        if (written) {
            channel.flush();
        }
    }
}
