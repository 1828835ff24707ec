package dev.obrol.bench;

import dev.obrol.server.ServerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** The options every scenario shares: which server, whether to start one, how to log in, how to report. */
final class TargetOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST", description = "Server address (default: 127.0.0.1).")
    String host;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT", description = "Server port (default: " + ServerConfig.DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--start-server", description = "Run an obrol server in this JVM on a free loopback port (traffic log to a temporary file).")
    boolean startServer;

    @Option(names = "--server-process",
            description = "Start obrol server as a process of its own on a free loopback port (per-client limits off,"
                    + " traffic log to a temporary folder); the operator's broadcast is typed on its console.")
    boolean serverProcess;

    @Option(names = "--server-java-options", paramLabel = "OPTIONS", defaultValue = "",
            description = "JVM options of the --server-process server, separated by spaces (e.g. \"-Xmx256m\").")
    String serverJavaOptions;

    @Option(names = "--server-threads", paramLabel = "N", defaultValue = "0",
            description = "Event loops of the started server (default: 0, the server's own default).")
    int serverThreads;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Event loops of the load generator (default: ${DEFAULT-VALUE}; it shares the cores with the server).")
    int threads;

    @Option(names = "--obrol-login",
            description = "Log in as an obrol (protocol 2) client. Default: as a v1 client, which gets no PRESENCE events,"
                    + " so N logins do not cost N\u00b2 notifications.")
    boolean obrolLogin;

    @Option(names = "--json", description = "Print the result as JSON on standard output (progress stays on standard error).")
    boolean json;

    /** Throws a picocli error for options that cannot work together. */
    void validate(CommandLine cl) {
        if (startServer && serverProcess) {
            throw new ParameterException(cl, "Give --start-server or --server-process, not both.");
        }
        if (!serverJavaOptions.isBlank() && !serverProcess) {
            throw new ParameterException(cl, "--server-java-options is for --server-process.");
        }
        if (startsServer() && (host != null || port != null)) {
            throw new ParameterException(cl, "Give HOST/PORT or start a server (--start-server, --server-process), not both.");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new ParameterException(cl, "PORT must be between 1 and 65535, got " + port + ".");
        }
        if (threads < 1 || threads > 64) {
            throw new ParameterException(cl, "--threads must be between 1 and 64, got " + threads + ".");
        }
        if (serverThreads < 0) {
            throw new ParameterException(cl, "--server-threads must be 0 or more, got " + serverThreads + ".");
        }
    }

    /** True if the bench starts the server itself, in this JVM or as a process. */
    boolean startsServer() {
        return startServer || serverProcess;
    }

    /** The address of the server to load (not used when the bench starts one). */
    InetSocketAddress address(CommandLine cl) {
        String h = host == null ? "127.0.0.1" : host;
        try {
            return new InetSocketAddress(InetAddress.getByName(h), port == null ? ServerConfig.DEFAULT_PORT : port);
        } catch (UnknownHostException e) {
            throw new ParameterException(cl, "Unknown host: " + h);
        }
    }
}
