package dev.obrol.server;

import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.Message;
import dev.obrol.protocol.WireFormat;
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
 * <p>Everything is framed by the connection's {@link WireFormat}. For obrol clients the drain
 * encodes consecutive messages into one buffer, so a batch of a hundred messages is one buffer on
 * its way to the socket, not a hundred allocations and a hundred entries in the outbound buffer.
 * File chunks keep their zero-copy path (the format writes header, payload and trailer as
 * separate buffers, as a binary frame to a peer that negotiated binary chunks); the batch so far
 * is written before them.
 *
 * <p>A v1 client parses each read as one object and breaks when two arrive together, so for v1
 * sessions every message is written and flushed on its own. Closing goes through the same queue,
 * so a reply queued before a close is written before it.
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
    private final WireFormat format;
    // Many producers (any event loop), one consumer (this channel's loop). Small linked chunks:
    // the default 1024-slot chunk cost 4 KiB of heap per idle connection.
    private final Queue<Object> queue = PlatformDependent.newMpscQueue(QUEUE_CHUNK, MAX_QUEUED);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean flushEach = true;
    /** The peer negotiated binary chunk frames; set at login, before any chunk can be queued to it. */
    private volatile boolean binaryChunks;
    /** The batch being filled, and whether anything was written unflushed; event loop only, during a drain. */
    private ByteBuf batch;
    private boolean written;
    /** The login answer was written by {@link #postFirst} and waits for the next drain's flush; event loop only. */
    private boolean answerUnflushed;

    Outbox(Channel channel, WireFormat format) {
        this.channel = channel;
        this.format = format;
    }

    /** Batch writes for clients that can read several objects at once (obrol clients). */
    void batchWrites() {
        flushEach = false;
    }

    /** Write file chunks as binary frames when they carry raw bytes (the peer negotiated them). */
    void binaryChunks() {
        binaryChunks = true;
    }

    /**
     * Queues a message: a record, a {@link DeferredMessages}, a {@link FileChunk} (the reference is handed
     * over), or a ByteBuf already framed in this connection's format (a broadcast; the reference is
     * handed over).
     */
    void post(Object message) {
        queue.add(message);
        scheduleDrain();
    }

    /**
     * Sends {@code message} ahead of everything queued so far: the login answer. The instant a
     * session is registered other threads may queue to it (a presence, a direct message), but a
     * client must read its answer first. Called on the channel's event loop, where no drain can
     * run in between, so writing straight to the channel puts it before anything queued.
     *
     * <p>For obrol clients the answer is written but not flushed: the drain scheduled here flushes
     * it with what the login queues right after it (the message of the day, presence), one system
     * call per login instead of two. A v1 client must read the answer on its own, so it is flushed
     * at once.
     */
    void postFirst(Message message) {
        if (channel.eventLoop().inEventLoop()) {
            ByteBuf frame = encode((Message) message);
            if (frame == null) {
                return;
            }
            if (flushEach) {
                channel.writeAndFlush(frame, channel.voidPromise());
            } else {
                channel.write(frame, channel.voidPromise());
                answerUnflushed = true;
                scheduleDrain();
            }
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
        written = false;
        Object message;
        while ((message = queue.poll()) != null) {
            if (message instanceof DeferredMessages deferred) {
                // Made now, at its place in the queue: everything that piled up since it was queued.
                for (Message made : deferred.messages()) {
                    write(made);
                }
            } else {
                write(message);
            }
        }
        batch = writeBatch(batch);
        if (written || answerUnflushed) {
            answerUnflushed = false;
            channel.flush();
        }
    }

    /** Writes one queued item: into the batch for obrol clients, on its own for v1 clients. */
    private void write(Object message) {
        if (message == CLOSE) {
            batch = writeBatch(batch);
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            written = false;
        } else if (message instanceof FileChunk chunk) {
            batch = writeBatch(batch); // whatever came before the chunk goes first
            format.writeChunk(channel.alloc(), chunk, binaryChunks, part -> channel.write(part, channel.voidPromise()));
            chunk.release();
            written = true;
        } else if (!flushEach) {
            if (batch == null) {
                batch = channel.alloc().ioBuffer(BATCH_START_BYTES);
            }
            append(batch, message);
            if (batch.readableBytes() >= BATCH_MAX_BYTES) {
                batch = writeBatch(batch);
            }
            written = true;
        } else {
            ByteBuf frame = message instanceof ByteBuf framed ? framed : encode((Message) message);
            if (frame != null) {
                channel.writeAndFlush(frame, channel.voidPromise());
            }
        }
    }

    /** Adds one message (a record, or a frame already encoded) to the batch; a record that cannot be encoded is left out. */
    private void append(ByteBuf batch, Object message) {
        if (message instanceof ByteBuf framed) {
            batch.writeBytes(framed);
            framed.release();
            return;
        }
        int mark = batch.writerIndex();
        try {
            format.appendMessage((Message) message, batch);
        } catch (IOException | RuntimeException e) {
            batch.writerIndex(mark);
            encodingFailed(message, e);
        }
    }

    /** One message as a frame of its own; null (and the failure reported) if it cannot be encoded. */
    private ByteBuf encode(Message message) {
        ByteBuf frame = channel.alloc().ioBuffer();
        try {
            format.appendMessage(message, frame);
            return frame;
        } catch (IOException | RuntimeException e) {
            frame.release();
            encodingFailed(message, e);
            return null;
        }
    }

    /** A message the codec cannot write is a bug of ours: the pipeline's error handling closes the connection and logs it. */
    private void encodingFailed(Object message, Exception e) {
        log.debug("cannot encode {}", message, e);
        channel.pipeline().fireExceptionCaught(e);
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
