package dev.obrol.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * One side of a {@code messages} pair: sends direct messages to its partner and receives the
 * partner's, in the run's {@link ChatWire} (obrol MSG/PEER_MSG frames or IRC PRIVMSG lines). Both
 * sides of a pair live on the same event loop, so a delivery can release a slot of the partner's
 * in-flight window directly. Not thread-safe: event-loop only.
 *
 * <p>Open loop: the {@link LoopSchedule} offers messages at their intended times; a message that
 * finds the window full waits in the backlog <em>keeping its intended time</em>, so a slow server
 * shows up as latency instead of silently lowering the offered rate. Closed loop ({@code --rate 0}):
 * the window is kept full and each message's intended time is its actual send time.
 */
final class PairEndpoint implements FrameSink {
    private final String username;
    private final ChatWire wire;
    private final byte[] prefix;
    private final byte[] suffix;
    private final int size;
    private final int window;
    private final boolean closedLoop;
    private final MessageStats stats;
    private final LongRing backlog = new LongRing();
    /** Messages written since the last flush, in one buffer: one write per flush, not one per message. */
    private ByteBuf pending;
    private PairEndpoint partner;
    private Channel channel;
    private long nextSeq;
    private long expectedSeq;
    private int inflight;
    private boolean dirty;
    private boolean stopped;

    PairEndpoint(
            String username, String partnerName, ChatWire wire, int size, int window, boolean closedLoop, MessageStats stats) {
        this.username = username;
        this.wire = wire;
        // The message around the payload never changes: encode it once.
        this.prefix = wire.messagePrefix(partnerName);
        this.suffix = wire.messageSuffix();
        this.size = size;
        this.window = window;
        this.closedLoop = closedLoop;
        this.stats = stats;
    }

    static void pair(PairEndpoint a, PairEndpoint b) {
        a.partner = b;
        b.partner = a;
    }

    String username() {
        return username;
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    /** Open loop: a message falls due at {@code intended}. */
    void offer(long intended) {
        stats.offered.increment();
        if (inflight < window && backlog.isEmpty()) {
            send(intended);
        } else {
            backlog.add(intended);
        }
    }

    /** Closed loop: fill the window once; deliveries keep it full. */
    void fillWindow() {
        while (inflight < window && !stopped) {
            stats.offered.increment();
            send(Math.max(0, stats.now()));
        }
        flush();
    }

    void flush() {
        if (dirty) {
            dirty = false;
            channel.writeAndFlush(pending, channel.voidPromise());
            pending = null;
        }
    }

    /** Stop sending; what is still in the backlog was never sent and is counted as such. */
    void stop() {
        flush(); // what was counted as sent goes out
        stopped = true;
        stats.unsent.add(backlog.size());
        backlog.clear();
    }

    private void send(long intended) {
        if (pending == null) {
            // Open loop: mostly one message per flush. Closed loop: a window's worth per flush.
            int frame = prefix.length + size + suffix.length + 32; // room for the numbers beyond size
            pending = channel.alloc().buffer(closedLoop ? Math.max(frame, Math.min(16 * frame, 64 * 1024)) : frame);
        }
        pending.writeBytes(prefix);
        Payload.write(pending, nextSeq++, intended, size);
        pending.writeBytes(suffix);
        inflight++;
        stats.sent.increment();
        dirty = true;
    }

    /** The partner received one of this side's messages: a window slot is free again. */
    private void delivered() {
        inflight--;
        if (stopped) {
            return;
        }
        if (!backlog.isEmpty()) {
            send(backlog.poll());
        } else if (closedLoop) {
            stats.offered.increment();
            send(stats.now());
        }
    }

    @Override
    public void onFrame(ReceivedLine fields, ByteBuf frame) {
        switch (wire.meaning(fields)) {
            case DIRECT_MESSAGE -> received(fields);
            case ERROR -> stats.error(username + ": " + fields.type() + " " + fields.message());
            case NOISE -> { }
            default -> stats.error(username + ": unexpected " + fields.type());
        }
    }

    private void received(ReceivedLine fields) {
        byte[] bytes = fields.bytes();
        int start = fields.messageStart();
        int end = fields.messageEnd();
        long seq = fields.hasMessage() ? Payload.seq(bytes, start, end) : -1;
        long intended = fields.hasMessage() ? Payload.intended(bytes, start, end) : -1;
        if (seq < 0 || intended < 0) {
            stats.error(username + ": " + fields.type() + " without a bench payload");
            return;
        }
        stats.delivered(intended, stats.now());
        if (seq == expectedSeq) {
            expectedSeq++;
        } else if (seq > expectedSeq) {
            expectedSeq = seq + 1; // a gap: counted as lost at the end unless the missing ones arrive late
        } else {
            stats.reordered.increment();
        }
        partner.delivered();
    }

    @Override
    public void onReadComplete() {
        partner.flush();
    }

    @Override
    public void onClosed(Throwable cause) {
        stats.closed(username, cause);
    }
}
