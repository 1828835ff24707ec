package dev.obrol.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code obrol server} as a child process ({@code --server-process}): the same program an operator
 * runs, in its own JVM, on a free loopback port, with the per-client limits off and its traffic
 * log in a fresh temporary folder (written as in real use, minus the copy on standard output).
 * The operator's broadcast is typed on its console (standard input), as an operator would; a
 * thread of this class reads the console's answers (in English) from its standard output: the
 * port it listens on and, for each broadcast, the number of recipients.
 *
 * <p>Unlike {@link InProcessServer}, the server's memory is its own (read by pid) and it does not
 * share a file-descriptor limit with the clients, so it can hold as many connections as one
 * process may open.
 */
final class ServerProcess implements EmbeddedServer {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)");
    private static final Pattern BROADCAST = Pattern.compile("^Broadcast to ([\\d,]+) user");
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long ANSWER_TIMEOUT_SECONDS = 30;
    /** Put in the answer queue when the server's output ends. */
    private static final int GONE = -1;

    private final Process process;
    private final Writer console;
    private final Path logDir;
    private final CompletableFuture<InetSocketAddress> started = new CompletableFuture<>();
    private final BlockingQueue<Integer> broadcastAnswers = new LinkedBlockingQueue<>();
    private InetSocketAddress address;

    private ServerProcess(Process process, Path logDir) {
        this.process = process;
        this.logDir = logDir;
        this.console = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts {@code obrol server} with {@code ioThreads} event loops (0: its default) and waits until it listens. */
    static ServerProcess start(int ioThreads) {
        return start(ioThreads, List.of());
    }

    /** As {@link #start(int)}, the server's JVM started with {@code javaOptions} (e.g. -Xmx256m). */
    static ServerProcess start(int ioThreads, List<String> javaOptions) {
        Path logDir;
        Process process;
        try {
            logDir = Files.createTempDirectory("obrol-bench-server-");
            Path logback = logDir.resolve("logback.xml");
            try (InputStream config = ServerProcess.class.getResourceAsStream("logback-server-process.xml")) {
                Files.copy(config, logback);
            }
            ProcessBuilder builder = new ProcessBuilder(command(ioThreads, javaOptions, logback))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("OBROL_LOG_DIR", logDir.toString());
            process = builder.start();
        } catch (IOException e) {
            throw new BenchException("cannot start obrol server: " + e.getMessage(), e);
        }
        ServerProcess server = new ServerProcess(process, logDir);
        try {
            server.readOutput();
            server.address = server.started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return server;
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new BenchException("obrol server did not start listening within " + START_TIMEOUT_SECONDS + " s ("
                    + server.exitStatus() + ")", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while starting obrol server");
        }
    }

    /** This JVM's java and class path, running {@code obrol server} on a free loopback port without per-client limits. */
    private static List<String> command(int ioThreads, List<String> javaOptions, Path logback) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dobrol.logback=" + logback);
        command.addAll(javaOptions);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                dev.obrol.server.ServerCommand.class.getName(), "127.0.0.1", "0", "--lang", "en",
                // One machine loads it from one address, far beyond what a person's client sends.
                "--max-connections", "0", "--max-connections-per-address", "0",
                "--connection-rate", "0", "--message-rate", "0"));
        if (ioThreads > 0) {
            command.add("--io-threads");
            command.add(String.valueOf(ioThreads));
        }
        return command;
    }

    private void readOutput() {
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    notice(line);
                }
            } catch (IOException e) {
                // the process ended; the waiting calls below report it
            }
            started.completeExceptionally(new BenchException("obrol server's output ended"));
            broadcastAnswers.add(GONE);
        }, "obrol-bench-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void notice(String line) {
        Matcher listening = LISTENING.matcher(line);
        if (!started.isDone() && listening.find()) {
            started.complete(new InetSocketAddress(listening.group(1), Integer.parseInt(listening.group(2))));
            return;
        }
        Matcher broadcast = BROADCAST.matcher(line);
        if (broadcast.find()) {
            broadcastAnswers.add(Integer.parseInt(broadcast.group(1).replace(",", "")));
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Types {@code broadcast <text>} on the server's console and returns the number of recipients
     * from the console's answer. The text must be one line, as the bench's are.
     */
    @Override
    public int broadcast(String text) {
        try {
            console.write("broadcast " + text + "\n");
            console.flush();
            Integer recipients = broadcastAnswers.poll(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (recipients == null) {
                throw new BenchException("no answer to broadcast from the server within " + ANSWER_TIMEOUT_SECONDS + " s");
            }
            if (recipients == GONE) {
                broadcastAnswers.add(GONE);
                throw new BenchException("obrol server ended (" + exitStatus() + ")");
            }
            return recipients;
        } catch (IOException e) {
            throw new BenchException("cannot type on the server's console: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting for the server");
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String trafficLog() {
        return logDir.resolve("obrol-traffic.log").toString();
    }

    /** Types {@code quit} (the server tells its clients and flushes its log), then waits for it to exit. */
    @Override
    public void close() {
        try {
            console.write("quit\n");
            console.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String exitStatus() {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                return "exit status " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "still running";
    }
}
