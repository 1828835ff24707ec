package dev.obrol.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrafficLineEncoderTest {
    private final LoggerContext context = new LoggerContext();
    private final TimeZone originalZone = TimeZone.getDefault();

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(originalZone);
    }

    @Test
    void writesTheSameBytesAsThePatternItReplaces() {
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Jakarta")); // both sides use the default zone
        TrafficLineEncoder withMillis = encoder(true);
        TrafficLineEncoder seconds = encoder(false);
        PatternLayoutEncoder fileLayout = pattern("[%d{yyyy-MM-dd HH:mm:ss.SSS}] [TRAFFIC] %msg%n");
        PatternLayoutEncoder stdoutLayout = pattern("[%d{yyyy-MM-dd HH:mm:ss}] [TRAFFIC] %msg%n");
        List<String> messages = List.of(
                "Alice -> MSG: Bob: hi",
                "Budi -> MSG: Siti: apa kabar? 😀 naïve ünïcödé 日本語",
                "",
                "SERVER -> BROADCAST: \\u001b[31m escaped (3 recipients)");
        long[] times = {0L, 999L, 1_000L, 1_764_654_321_007L, 1_764_654_321_999L, 1_764_654_322_000L, 4_102_444_799_500L};
        for (String message : messages) {
            for (long time : times) {
                LoggingEvent event = event(message, time);
                assertThat(text(withMillis.encode(event))).as("with millis at %d", time).isEqualTo(text(fileLayout.encode(event)));
                assertThat(text(seconds.encode(event))).as("seconds only at %d", time).isEqualTo(text(stdoutLayout.encode(event)));
            }
        }
    }

    @Test
    void theTagAndZoneCanBeChosen() {
        TrafficLineEncoder sut = new TrafficLineEncoder();
        sut.setContext(context);
        sut.setTag("AUDIT");
        sut.setZone(ZoneId.of("UTC"));
        sut.start();
        assertThat(text(sut.encode(event("x", 1_000L)))).isEqualTo("[1970-01-01 00:00:01.000] [AUDIT] x\n");
    }

    private TrafficLineEncoder encoder(boolean millis) {
        TrafficLineEncoder encoder = new TrafficLineEncoder();
        encoder.setContext(context);
        encoder.setMillis(millis);
        encoder.start();
        return encoder;
    }

    private PatternLayoutEncoder pattern(String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private LoggingEvent event(String message, long time) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerName("obrol.traffic");
        event.setLevel(Level.INFO);
        event.setMessage(message);
        event.setTimeStamp(time);
        return event;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
