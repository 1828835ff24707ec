package dev.obrol.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.core.ConditionTimeoutException;
import picocli.CommandLine;

/**
 * The real {@code obrol client} command run in this JVM, in non-terminal mode: lines typed into
 * a pipe as its standard input, its standard output and error captured. For integration tests.
 */
final class ScriptedClient implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit;

    private ScriptedClient(Map<String, String> env, String... args) throws IOException {
        PipedInputStream stdin = new PipedInputStream(keyboard, 64 * 1024);
        ClientCommand command = new ClientCommand(stdin, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        if (env != null) {
            command.withEnvironment(env);
        }
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new java.io.PrintWriter(new PrintStream(err, true, UTF_8), true));
        exit = new CompletableFuture<>();
        Thread runner = new Thread(() -> exit.complete(commandLine.execute(args)), "scripted-client");
        runner.setDaemon(true);
        runner.start();
    }

    /** Starts {@code obrol client} with {@code args}. */
    static ScriptedClient start(String... args) throws IOException {
        return new ScriptedClient(null, args);
    }

    /** Starts {@code obrol client} with {@code args} and {@code env} as its whole environment (OBROL_PASSWORD, OBROL_CONFIG_DIR). */
    static ScriptedClient startWithEnvironment(Map<String, String> env, String... args) throws IOException {
        return new ScriptedClient(env, args);
    }

    /** Types one line, as if followed by Enter. */
    ScriptedClient type(String line) {
        try {
            keyboard.write((line + "\n").getBytes(UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Ends standard input (as Ctrl+D or the end of a script file). */
    void endInput() {
        try {
            keyboard.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        return out.toString(UTF_8);
    }

    String errors() {
        return err.toString(UTF_8);
    }

    /** Waits until standard output contains {@code text}. */
    ScriptedClient awaitOutput(String text) {
        return awaitOutput(text, 1);
    }

    /** Waits until standard output contains {@code text} at least {@code times} times. */
    ScriptedClient awaitOutput(String text, int times) {
        try {
            await().atMost(PATIENCE).until(() -> count(output(), text) >= times);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("client output never contained \"" + text + "\" " + times + " time(s); output:\n"
                    + output() + "\nerrors:\n" + errors(), e);
        }
        return this;
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** Waits for the command to return; its exit status. */
    int awaitExit() {
        await().atMost(PATIENCE).alias("client exit; output so far:\n" + output() + "\nerrors:\n" + errors()).until(exit::isDone);
        return exit.join();
    }

    @Override
    public void close() {
        if (!exit.isDone()) {
            try {
                keyboard.write("/quit\n".getBytes(UTF_8));
                keyboard.close();
            } catch (IOException alreadyEnded) {
                // input was ended by the test; the client is on its way out
            }
            await().atMost(PATIENCE).until(exit::isDone);
        }
    }
}
