package dev.obrol.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client without a terminal (scripts, pipes, tests): one line of UTF-8 input per command,
 * plain lines out. Only the username question is printed as a prompt; the chat prompt is a
 * terminal nicety and would only clutter a transcript.
 */
public final class PlainUi implements Ui {
    /** Progress goes to a transcript, so one line per transfer every few seconds, not every update. */
    static final long PROGRESS_EVERY_NANOS = 3_000_000_000L;

    private final BufferedReader in;
    /** When each transfer's progress was last printed (or first reported). */
    private final Map<String, Long> progressShown = new ConcurrentHashMap<>();
    private final PrintStream out;
    private final PrintStream err;

    public PlainUi(InputStream in, PrintStream out, PrintStream err) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    @Override
    public String ask(String question) {
        synchronized (out) {
            out.print(question);
            out.flush();
        }
        return read();
    }

    @Override
    public String readLine(String prompt) {
        return read();
    }

    private String read() {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null; // a broken input is the end of input
        }
    }

    @Override
    public void show(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void progress(String id, String line) {
        long now = System.nanoTime();
        long last = progressShown.computeIfAbsent(id, k -> now);
        if (now - last >= PROGRESS_EVERY_NANOS && progressShown.replace(id, last, now)) {
            show(line);
        }
    }

    @Override
    public void progressDone(String id) {
        progressShown.remove(id);
    }

    @Override
    public void error(String line) {
        // Fatal errors go to standard error, so a script's captured output stays a clean transcript.
        synchronized (out) {
            out.flush();
            err.println(line);
            err.flush();
        }
    }

    @Override
    public void interrupt() {
        // A read on a pipe cannot be interrupted; the input thread is a daemon and dies with the client.
    }

    @Override
    public void close() {
        out.flush();
        err.flush();
    }
}
