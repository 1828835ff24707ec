package dev.obrol.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A program running in a real pseudo-terminal, driven like a person at a keyboard: tmux on a
 * private socket (so no other tmux session is touched), one detached session of a fixed size.
 * Keys are sent with {@code send-keys}; the screen is read with {@code capture-pane}.
 */
public final class Tmux implements AutoCloseable {
    private final String socket = "obrol-test-" + UUID.randomUUID();
    private final String session = "t";

    private Tmux() {}

    /** True if a working tmux is on the PATH. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code command} in {@code workDir} with {@code env} added, on a {@code columns} x {@code rows} screen. */
    public static Tmux start(Path workDir, Map<String, String> env, int columns, int rows, List<String> command) throws IOException {
        Tmux tmux = new Tmux();
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", tmux.session, "-x", String.valueOf(columns),
                "-y", String.valueOf(rows), "-c", workDir.toString()));
        List<String> withEnv = new ArrayList<>(List.of("env"));
        env.forEach((k, v) -> withEnv.add(k + "=" + v));
        withEnv.addAll(command);
        args.addAll(withEnv);
        tmux.run(args);
        // Keep the pane after the program ends, so its last screen can still be read.
        tmux.run(List.of("set-option", "-t", tmux.session, "remain-on-exit", "on"));
        return tmux;
    }

    /** Types literal text (no key names interpreted). */
    public void type(String text) throws IOException {
        run(List.of("send-keys", "-t", session, "-l", text));
    }

    /** Presses keys by tmux name: "Enter", "Tab", "Up", "C-r"... */
    public void press(String... keys) throws IOException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        run(args);
    }

    /** The screen as text, one string per row, without colours. */
    public List<String> screen() throws IOException {
        return List.of(run(List.of("capture-pane", "-p", "-t", session)).split("\n", -1));
    }

    /** The process id of the program (the command given to {@link #start}). */
    public long pid() throws IOException {
        return Long.parseLong(run(List.of("display-message", "-p", "-t", session, "#{pane_pid}")).strip());
    }

    /** True once the program has ended (its last screen stays readable). */
    public boolean exited() throws IOException {
        return run(List.of("display-message", "-p", "-t", session, "#{pane_dead}")).strip().equals("1");
    }

    public String screenText() throws IOException {
        return String.join("\n", screen());
    }

    private String run(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("tmux " + args + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        run(List.of("kill-server"));
    }
}
