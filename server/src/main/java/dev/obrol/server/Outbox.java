package dev.obrol.server;

import dev.obrol.protocol.Message;
import dev.obrol.protocol.MessageEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the server sends to one connection, in order, with as few system calls as load
 * allows. Any thread may {@link #post}; a single drain task on the channel's event loop writes
 * everything queued so far and then flushes once. Under load, many messages share one write;
 * when idle, each is flushed at once.
 *
 * <p>For obrol clients the drain encodes consecutive messages into one buffer itself, so a batch
 * of a hundred messages is one buffer on its way to the socket, not a hundred trips through the
 * pipeline's encoder, a hundred allocations and a hundred entries in the outbound buffer. File
 * chunks keep their zero-copy path through the pipeline; the batch so far is written before them.
 *
 * <p>A v1 client parses each read as one object and breaks when two arrive together, so for v1
 * sessions every message goes through the pipeline and is flushed on its own. Closing goes
 * through the same queue, so a reply queued before a close is written before it.
 *
 * <p>Invariant: whenever the queue is not empty, a drain task is scheduled or running. The drain
 * clears {@code scheduled} before polling, so a post that races with it either is polled by it or
 * schedules the next drain.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** Queued after the last message when the connection must close once it is written. */
    private static final Object CLOSE = new Object();
    private static final int QUEUE_CHUNK = 16;
    /** A power of two, as the queue needs; what is queued is bounded far lower by the outbound guard. */
    private static final int MAX_QUEUED = 1 << 30;
    /** First size of a batch buffer: a few typical messages; it grows as needed. */
    private static final int BATCH_START_BYTES = 1024;
    /** A batch this large is written out and a new one started, so no buffer grows without end. */
    static final int BATCH_MAX_BYTES = 64 * 1024;

    private final Channel channel;
    private final MessageEncoder encoder;
    // Many producers (any event loop), one consumer (this channel's loop). Small linked chunks:
    // the default 1024-slot chunk cost 4 KiB of heap per idle connection.
    private final Queue<Object> queue = PlatformDependent.newMpscQueue(QUEUE_CHUNK, MAX_QUEUED);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean flushEach = true;

    Outbox(Channel channel, MessageEncoder encoder) {
        this.channel = channel;
        this.encoder = encoder;
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
        boolean batching = !flushEach;
        ByteBuf batch = null;
        boolean written = false;
        Object message;
        while ((message = queue.poll()) != null) {
            if (message == CLOSE) {
                batch = writeBatch(batch);
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                written = false;
            } else if (batching && (message instanceof Message || message instanceof ByteBuf)) {
                if (batch == null) {
                    batch = channel.alloc().ioBuffer(BATCH_START_BYTES);
                }
                if (!append(batch, message)) {
                    batch = writeBatch(batch);
                    channel.write(message, channel.voidPromise()); // the pipeline's encoder reports the failure
                }
                if (batch != null && batch.readableBytes() >= BATCH_MAX_BYTES) {
                    batch = writeBatch(batch);
                }
                written = true;
            } else if (batching) {
                batch = writeBatch(batch); // a file chunk: whatever came before it goes first
                channel.write(message, channel.voidPromise());
                written = true;
            } else {
                channel.writeAndFlush(message, channel.voidPromise());
            }
        }
        writeBatch(batch);
        if (written) {
            channel.flush();
        }
    }

    /** Adds one message to the batch; false (and the batch as it was) if it could not be encoded. */
    private boolean append(ByteBuf batch, Object message) {
        if (message instanceof ByteBuf encoded) {
            batch.writeBytes(encoded);
            encoded.release();
            return true;
        }
        int mark = batch.writerIndex();
        try {
            encoder.encodeLine((Message) message, batch);
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("cannot encode {} into a batch", message, e);
            batch.writerIndex(mark);
            return false;
        }
    }

    /** Writes the batch, if any (not flushed); returns null, for the caller's next batch. */
    private ByteBuf writeBatch(ByteBuf batch) {
        if (batch != null) {
            if (batch.isReadable()) {
                channel.write(batch, channel.voidPromise());
            } else {
                batch.release();
            }
        }
        return null;
    }
}
