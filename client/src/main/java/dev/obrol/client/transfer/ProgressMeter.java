package dev.obrol.client.transfer;

/**
 * Progress of one transfer: how far (absolute bytes of the file), how fast since it started or
 * resumed, and how long the rest should take at that speed. Speed counts only the bytes moved in
 * this run, so a resumed prefix does not inflate it. Thread-safe (one writer, any readers).
 */
public final class ProgressMeter {
    private final long size;
    private final long startOffset;
    private final long startNanos;
    private volatile long done;

    public ProgressMeter(long size, long startOffset, long startNanos) {
        this.size = size;
        this.startOffset = startOffset;
        this.startNanos = startNanos;
        this.done = startOffset;
    }

    /** Records that {@code bytes} (absolute) of the file are through. */
    public void update(long bytes) {
        done = bytes;
    }

    public long done() {
        return done;
    }

    public long size() {
        return size;
    }

    public long startOffset() {
        return startOffset;
    }

    /** Bytes moved in this run: a resumed transfer does not count the part that was already there. */
    public long moved() {
        return done - startOffset;
    }

    /** 0 to 100; an empty file is 100 % done. */
    public int percent() {
        return size == 0 ? 100 : (int) (done * 100 / size);
    }

    public long elapsedNanos(long nowNanos) {
        return Math.max(0, nowNanos - startNanos);
    }

    /** Average speed of this run in bytes per second; 0 before any time has passed. */
    public double bytesPerSecond(long nowNanos) {
        long elapsed = elapsedNanos(nowNanos);
        return elapsed == 0 ? 0 : moved() * 1e9 / elapsed;
    }

    /** Seconds until done at the average speed so far; -1 while unknown (nothing moved yet). */
    public long secondsLeft(long nowNanos) {
        double rate = bytesPerSecond(nowNanos);
        if (rate <= 0) {
            return -1;
        }
        return (long) Math.ceil((size - done) / rate);
    }
}
