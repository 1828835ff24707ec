package dev.obrol.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for the console's {@code stats}: messages and their bytes, file bytes, files offered
 * and transfers answered, since the server started. A message counts once per person it reached
 * (a broadcast to ten people counts ten) and its bytes are the UTF-8 bytes of its text; file bytes
 * are counted apart (a whole file's size when it goes out with the offer, a streamed file's bytes
 * as they pass), never the JSON around either. Thread-safe and cheap on the event loops ({@link
 * LongAdder}).
 */
public final class ServerStats {
    /** One consistent-enough reading of the counters (each is read once; they are not frozen together). */
    public record Snapshot(Duration uptime, long messages, long messageBytes, long fileBytes, long filesOffered, long transfersDone) {}

    private final Clock clock;
    private final Instant started;
    private final LongAdder messages = new LongAdder();
    private final LongAdder messageBytes = new LongAdder();
    private final LongAdder fileBytes = new LongAdder();
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
        messageBytes.add((long) utf8Length(text) * recipients);
    }

    /** A whole file of {@code size} bytes went to its receiver with the offer. */
    void fileOffered(long size) {
        filesOffered.increment();
        fileBytes.add(size);
    }

    /** A streamed file was offered; its bytes are counted as they are relayed ({@link #relayedFileBytes}). */
    public void streamOffered() {
        filesOffered.increment();
    }

    /** A transfer ended: accepted, rejected, finished or cancelled. */
    public void transferDone() {
        transfersDone.increment();
    }

    /** Bytes of a file streamed in pieces (for transfer engines that relay chunks). */
    public void relayedFileBytes(long count) {
        fileBytes.add(count);
    }

    public Snapshot snapshot() {
        return new Snapshot(Duration.between(started, clock.instant()), messages.sum(), messageBytes.sum(), fileBytes.sum(),
                filesOffered.sum(), transfersDone.sum());
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
