package dev.obrol.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code obrol server [HOST] [PORT]}: runs the server with the operator console on stdin. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        versionProvider = dev.obrol.Version.class,
        description = {
            "Run the obrol chat server.",
            "Console commands on standard input: list, send <user> <message>, broadcast <message>, help, quit.",
            "The traffic log goes to standard output and to logs/obrol-traffic.log (see docs/OPERATIONS.md)."
        })
public final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Parameters(index = "1", arity = "0..1", defaultValue = "8000", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @picocli.CommandLine.Option(names = "--offer-expiry", paramLabel = "SECONDS", defaultValue = "600",
            description = "Seconds a streamed-file offer waits for an answer before both sides are told it expired (default: ${DEFAULT-VALUE}).")
    long offerExpirySeconds;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = ServerConfig.defaults(host, port)
                    .withOfferExpiry(java.time.Duration.ofSeconds(offerExpirySeconds))
                    .validate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerLogging.configure();
        ObrolServer server = new ObrolServer(config);
        InetSocketAddress bound;
        try {
            bound = server.start();
        } catch (Exception e) {
            spec.commandLine().getErr().println("Cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return 2;
        }
        // SIGTERM / Ctrl+C: tell the clients, close cleanly, flush the traffic log.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            ServerLogging.flush();
        }, "obrol-shutdown"));
        System.out.println("obrol server listening on " + bound.getHostString() + ":" + bound.getPort()
                + ". Type 'help' for console commands.");
        OperatorConsole console = new OperatorConsole(server, System.out);
        boolean quit = console.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        if (!quit) {
            server.awaitClose(); // stdin closed or not a terminal: keep serving until stopped
        }
        ServerLogging.flush();
        return 0;
    }
}
