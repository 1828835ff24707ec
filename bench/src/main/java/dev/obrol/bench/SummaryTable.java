package dev.obrol.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The human summary at the end of a run: a title and aligned "label  value" rows. */
final class SummaryTable {
    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    SummaryTable(String title) {
        this.title = title;
    }

    SummaryTable row(String label, String format, Object... args) {
        rows.add(new String[] {label, String.format(format, args)});
        return this;
    }

    SummaryTable latency(String label, Latency l) {
        return row(label, "p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (ms, %,d samples)",
                l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.count());
    }

    static String bytes(long b) {
        if (b < 0) {
            return "n/a";
        }
        if (b < 10 * 1024) {
            return String.format("%,d B", b);
        }
        if (b < 10L * 1024 * 1024) {
            return String.format("%,.1f KiB", b / 1024.0);
        }
        return String.format("%,.1f MiB", b / (1024.0 * 1024));
    }

    void print(PrintWriter out) {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        out.println();
        out.println(title);
        out.println("-".repeat(title.length()));
        for (String[] r : rows) {
            out.printf("  %-" + width + "s  %s%n", r[0], r[1]);
        }
        out.flush();
    }
}
