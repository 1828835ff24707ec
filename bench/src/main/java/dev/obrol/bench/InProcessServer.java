package dev.obrol.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.obrol.protocol.Limits;
import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The real obrol server on a free loopback port in the bench's JVM, with its traffic log written
 * asynchronously to a file in a fresh temporary folder (as {@code obrol server} writes it, minus
 * the console copy). Reconfigures Logback for the whole JVM: meant for the {@code bench} command.
 */
final class InProcessServer implements EmbeddedServer {
    private final ObrolServer server;
    private final InetSocketAddress address;
    private final Path logFile;

    private InProcessServer(ObrolServer server, InetSocketAddress address, Path logFile) {
        this.server = server;
        this.address = address;
        this.logFile = logFile;
    }

    /** Starts one with the traffic log in a file; {@code ioThreads} 0 takes the server's default. */
    static InProcessServer start(int ioThreads) {
        try {
            Path dir = Files.createTempDirectory("obrol-bench-");
            configureLogging(dir);
            return start(ioThreads, dir.resolve("obrol-traffic.log"));
        } catch (IOException | JoranException e) {
            throw new BenchException("cannot set up the in-process server's traffic log: " + e.getMessage(), e);
        }
    }

    /** Starts one leaving Logback as it is (tests: the JVM's logging is not the bench's to change). */
    static InProcessServer startKeepingLogging(int ioThreads) {
        return start(ioThreads, null);
    }

    private static InProcessServer start(int ioThreads, Path logFile) {
        ServerConfig config = new ServerConfig(
                "127.0.0.1", 0, Limits.defaults(), Duration.ofSeconds(30), Locale.forLanguageTag("id"), ioThreads);
        ObrolServer server = new ObrolServer(config);
        try {
            return new InProcessServer(server, server.start(), logFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while starting the in-process server");
        }
    }

    private static void configureLogging(Path dir) throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("BENCH_LOG_DIR", dir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(InProcessServer.class.getResource("logback-bench-server.xml"));
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public int broadcast(String text) {
        return server.postOffice().broadcast(text);
    }

    @Override
    public String trafficLog() {
        return logFile == null ? null : logFile.toString();
    }

    @Override
    public void close() {
        server.close();
        if (logFile != null) {
            // Drains the asynchronous appender so the log file is complete when the bench exits.
            ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        }
    }
}
