package dev.obrol.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for the console's {@code stats}: messages and bytes relayed, files offered and
 * transfers answered, since the server started. A message counts once per person it reached (a
 * broadcast to ten people counts ten); bytes are the UTF-8 bytes of the text or the file's size,
 * not the JSON around them. Thread-safe and cheap on the event loops ({@link LongAdder}).
 */
public final class ServerStats {
    /** One consistent-enough reading of the counters (each is read once; they are not frozen together). */
    public record Snapshot(Duration uptime, long messages, long bytes, long filesOffered, long transfersDone) {}

    private final Clock clock;
    private final Instant started;
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder filesOffered = new LongAdder();
    private final LongAdder transfersDone = new LongAdder();

    public ServerStats() {
        this(Clock.systemUTC());
    }

    ServerStats(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    /** {@code text} was delivered to {@code recipients} people. */
    void relayed(String text, int recipients) {
        messages.add(recipients);
        bytes.add((long) utf8Length(text) * recipients);
    }

    /** A whole file of {@code size} bytes went to its receiver with the offer. */
    void fileOffered(long size) {
        filesOffered.increment();
        bytes.add(size);
    }

    /** A streamed file was offered; its bytes are counted as they are relayed ({@link #relayedBytes}). */
    public void streamOffered() {
        filesOffered.increment();
    }

    /** A transfer ended: accepted, rejected, finished or cancelled. */
    public void transferDone() {
        transfersDone.increment();
    }

    /** Bytes of a transfer streamed in pieces (for transfer engines that relay chunks). */
    public void relayedBytes(long count) {
        bytes.add(count);
    }

    public Snapshot snapshot() {
        return new Snapshot(Duration.between(started, clock.instant()), messages.sum(), bytes.sum(), filesOffered.sum(), transfersDone.sum());
    }

    /** UTF-8 length without encoding (no garbage on the event loop). */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
