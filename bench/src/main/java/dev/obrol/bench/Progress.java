package dev.obrol.bench;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Progress lines while a scenario runs, at most one a second, on standard error so that
 * {@code --json} output on standard output stays machine-readable. Caller's thread only.
 */
final class Progress {
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long lastLine = start;

    Progress(PrintWriter out) {
        this.out = out;
    }

    /** Prints nothing; for tests and embedding. */
    static Progress silent() {
        return new Progress(null);
    }

    /** Prints {@code line} if a second has passed since the last line. */
    void tick(Supplier<String> line) {
        long now = System.nanoTime();
        if (now - lastLine >= 1_000_000_000L) {
            lastLine = now;
            print(line.get());
        }
    }

    /** Prints {@code line} now. */
    void print(String line) {
        if (out != null) {
            out.printf("[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, line);
            out.flush();
        }
    }
}
