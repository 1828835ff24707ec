package dev.obrol.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;

/**
 * One side of a {@code messages} pair: sends MSG frames to its partner and receives the partner's
 * PEER_MSG frames. Both sides of a pair live on the same event loop, so a delivery can release a
 * slot of the partner's in-flight window directly. Not thread-safe: event-loop only.
 *
 * <p>Open loop: the {@link LoopSchedule} offers messages at their intended times; a message that
 * finds the window full waits in the backlog <em>keeping its intended time</em>, so a slow server
 * shows up as latency instead of silently lowering the offered rate. Closed loop ({@code --rate 0}):
 * the window is kept full and each message's intended time is its actual send time.
 */
final class PairEndpoint implements FrameSink {
    private static final byte[] PEER_MSG = FrameFields.bytes("PEER_MSG");
    private static final byte[] ERROR = FrameFields.bytes("ERROR");
    private static final byte[] PRESENCE = FrameFields.bytes("PRESENCE");
    private static final byte[] SUFFIX = FrameFields.bytes("\"}\n");

    private final String username;
    private final byte[] prefix;
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

    PairEndpoint(String username, String partnerName, int size, int window, boolean closedLoop, MessageStats stats) {
        this.username = username;
        // The frame up to the payload never changes: encode it once.
        this.prefix = ("{\"type\":\"MSG\",\"to_username\":\"" + partnerName + "\",\"message\":\"")
                .getBytes(StandardCharsets.UTF_8);
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
            int frame = prefix.length + size + 32;
            pending = channel.alloc().buffer(closedLoop ? Math.max(frame, Math.min(16 * frame, 64 * 1024)) : frame);
        }
        pending.writeBytes(prefix);
        Payload.write(pending, nextSeq++, intended, size);
        pending.writeBytes(SUFFIX);
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
    public void onFrame(FrameFields fields, ByteBuf frame) {
        if (fields.typeIs(PEER_MSG) && fields.hasMessage()) {
            received(fields.bytes(), fields.messageStart(), fields.messageEnd());
        } else if (fields.typeIs(ERROR)) {
            stats.error(username + ": ERROR " + fields.message());
        } else if (!fields.typeIs(PRESENCE)) {
            // Presence events reach obrol-protocol logins; anything else is unexpected here.
            stats.error(username + ": unexpected " + fields.type());
        }
    }

    private void received(byte[] frame, int start, int end) {
        long seq = Payload.seq(frame, start, end);
        long intended = Payload.intended(frame, start, end);
        if (seq < 0 || intended < 0) {
            stats.error(username + ": PEER_MSG without a bench payload");
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
