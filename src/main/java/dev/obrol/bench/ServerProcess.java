package dev.obrol.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code obrol server} as a child process ({@code --server-process}): the same program an operator
 * runs, in its own JVM, on a free loopback port, with the per-client limits off and its traffic
 * log in a fresh temporary folder. The operator's broadcast is typed on its console (standard
 * input), as an operator would; its standard output (console answers and the traffic log's copy)
 * is read by a thread of this class, which finds the port in the START line and the number of
 * recipients in each BROADCAST line.
 *
 * <p>Unlike {@link InProcessServer}, the server's memory is its own (read by pid) and it does not
 * share a file-descriptor limit with the clients, so it can hold as many connections as one
 * process may open.
 */
final class ServerProcess implements EmbeddedServer {
    private static final Pattern START = Pattern.compile("SERVER -> START: listening on (\\S+):(\\d+) ");
    private static final Pattern BROADCAST = Pattern.compile("SERVER -> BROADCAST: (.*) \\((\\d+) recipients\\)$");
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Writer console;
    private final Path logDir;
    private final CompletableFuture<InetSocketAddress> started = new CompletableFuture<>();
    private final Map<String, CompletableFuture<Integer>> broadcasts = new ConcurrentHashMap<>();
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
        try {
            Path logDir = Files.createTempDirectory("obrol-bench-server-");
            ProcessBuilder builder = new ProcessBuilder(command(ioThreads, javaOptions))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("OBROL_LOG_DIR", logDir.toString());
            ServerProcess server = new ServerProcess(builder.start(), logDir);
            server.readOutput();
            server.address = server.started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return server;
        } catch (IOException e) {
            throw new BenchException("cannot start obrol server: " + e.getMessage(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException("obrol server did not start listening within " + START_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while starting obrol server");
        }
    }

    /** This JVM's java and class path, running {@code obrol server} on a free loopback port without per-client limits. */
    private static List<String> command(int ioThreads, List<String> javaOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                dev.obrol.Obrol.class.getName(), "server", "127.0.0.1", "0",
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
                // the process ended; close() and the futures report it
            }
            started.completeExceptionally(new BenchException("obrol server exited with status " + exitStatus()));
        }, "obrol-bench-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void notice(String line) {
        Matcher start = START.matcher(line);
        if (!started.isDone() && start.find()) {
            started.complete(new InetSocketAddress(start.group(1), Integer.parseInt(start.group(2))));
            return;
        }
        Matcher broadcast = BROADCAST.matcher(line);
        if (broadcast.find()) {
            CompletableFuture<Integer> answer = broadcasts.remove(broadcast.group(1));
            if (answer != null) {
                answer.complete(Integer.parseInt(broadcast.group(2)));
            }
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Types {@code broadcast <text>} on the server's console and returns the number of recipients
     * from the traffic log's BROADCAST line (the console's answer is in the operator's language).
     * The text must be one line of printable characters, as the bench's are.
     */
    @Override
    public int broadcast(String text) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        broadcasts.put(text, answer);
        try {
            console.write("broadcast " + text + "\n");
            console.flush();
            return answer.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new BenchException("cannot type on the server's console: " + e.getMessage(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException("no BROADCAST line from the server within " + ANSWER_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting for the server");
        } finally {
            broadcasts.remove(text);
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
        return process.isAlive() ? "(still running)" : String.valueOf(process.exitValue());
    }
}
