package dev.obrol.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Lays out one traffic line, {@code [2026-11-24 04:43:30.123] [TRAFFIC] Alice -> MSG: Bob: hi},
 * as Logback's pattern {@code [%d{yyyy-MM-dd HH:mm:ss.SSS}] [TRAFFIC] %msg%n} would, at a fraction
 * of its cost: the date part is formatted once per second and kept as bytes, and the message is
 * encoded to UTF-8 straight into the line. The server writes a line for every message it relays,
 * so the layout's cost counts (docs/BENCHMARKS.md).
 *
 * <p>Options (logback.xml): {@code millis} (default true) adds {@code .SSS} to the time; {@code
 * tag} (default TRAFFIC) is the bracketed word after it. Times are in the JVM's default zone, as
 * Logback's {@code %d}. Thread-safe: the cached second is an immutable object swapped whole.
 */
public final class TrafficLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final byte[] NO_BYTES = new byte[0];

    private boolean millis = true;
    private String tag = "TRAFFIC";
    private ZoneId zone = ZoneId.systemDefault();
    private byte[] afterTime;
    private volatile CachedSecond cached = new CachedSecond(Long.MIN_VALUE, NO_BYTES);

    /** The formatted {@code [yyyy-MM-dd HH:mm:ss} of one epoch second. */
    private record CachedSecond(long epochSecond, byte[] bytes) {}

    public void setMillis(boolean millis) {
        this.millis = millis;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    /** For tests: the zone the times are written in. */
    void setZone(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void start() {
        afterTime = ("] [" + tag + "] ").getBytes(StandardCharsets.UTF_8);
        cached = new CachedSecond(Long.MIN_VALUE, NO_BYTES);
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        long epochMillis = event.getTimeStamp();
        byte[] second = second(Math.floorDiv(epochMillis, 1000));
        String message = event.getFormattedMessage();
        byte[] text = message == null ? NO_BYTES : message.getBytes(StandardCharsets.UTF_8);
        int timeLength = second.length + (millis ? 4 : 0);
        byte[] line = new byte[timeLength + afterTime.length + text.length + 1];
        System.arraycopy(second, 0, line, 0, second.length);
        if (millis) {
            int ms = Math.floorMod(epochMillis, 1000);
            int at = second.length;
            line[at] = '.';
            line[at + 1] = (byte) ('0' + ms / 100);
            line[at + 2] = (byte) ('0' + ms / 10 % 10);
            line[at + 3] = (byte) ('0' + ms % 10);
        }
        System.arraycopy(afterTime, 0, line, timeLength, afterTime.length);
        System.arraycopy(text, 0, line, timeLength + afterTime.length, text.length);
        line[line.length - 1] = '\n';
        return line;
    }

    private byte[] second(long epochSecond) {
        CachedSecond current = cached;
        if (current.epochSecond() != epochSecond) {
            String formatted = "[" + SECOND.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone));
            current = new CachedSecond(epochSecond, formatted.getBytes(StandardCharsets.US_ASCII));
            cached = current;
        }
        return current.bytes();
    }
}
