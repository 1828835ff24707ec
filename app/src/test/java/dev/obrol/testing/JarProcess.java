package dev.obrol.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Runs the built jar ({@code obrol.jar}) as a separate process, as a person would. */
public final class JarProcess implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private JarProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -jar obrol.jar args...} in {@code workDir}, stderr merged into stdout. */
    public static JarProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx128m", "-jar", jar()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        // The programs speak the locale's language; tests read English unless they ask otherwise.
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().putAll(env);
        return new JarProcess(builder.start());
    }

    public static String jar() {
        String jar = System.getProperty("obrol.jar");
        if (jar == null) {
            throw new IllegalStateException("run through failsafe (mvn verify): obrol.jar property not set");
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Types one line on the process's standard input. */
    public void type(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    public void closeInput() throws IOException {
        stdin.close();
    }

    /** Every line the process has printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    public String outputText() {
        return String.join("\n", output);
    }

    public boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    public int exitValue() {
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
