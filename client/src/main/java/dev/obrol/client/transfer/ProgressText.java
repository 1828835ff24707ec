package dev.obrol.client.transfer;

import dev.obrol.client.Sizes;
import dev.obrol.client.Texts;
import java.util.Locale;

/** Words and numbers for progress lines and summaries: percent, sizes, MB/s (10^6 bytes), durations. */
final class ProgressText {
    private final Texts texts;

    ProgressText(Texts texts) {
        this.texts = texts;
    }

    /** "42% · 430.0 MiB of 1.0 GiB · 112.3 MB/s · 0:05 left". */
    String detail(ProgressMeter meter, long now) {
        long left = meter.secondsLeft(now);
        return texts.get("progress.detail", String.valueOf(meter.percent()), size(meter.done()), size(meter.size()),
                speed(meter.bytesPerSecond(now)), left < 0 ? "--:--" : clock(left));
    }

    String size(long bytes) {
        return Sizes.human(bytes, texts);
    }

    /** MB/s with one decimal, the same in every language (a dot, no grouping). */
    static String speed(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%.1f", bytesPerSecond / 1e6);
    }

    /** "0:05", "12:34", "1:02:03". */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /** Elapsed time for summaries: "0.84 s" under a minute, a clock above. */
    static String duration(long nanos) {
        double seconds = nanos / 1e9;
        return seconds < 60 ? String.format(Locale.ROOT, "%.2f s", seconds) : clock((long) seconds);
    }
}
