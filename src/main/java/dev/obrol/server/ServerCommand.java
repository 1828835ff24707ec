package dev.obrol.server;

import dev.obrol.net.ConfigDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
            "Console commands on standard input: list, send <user> <message>, broadcast <message>, kick <user> [reason],",
            "stats, transfers, motd [text|clear], help, quit. On a terminal the console has line editing, history and Tab completion.",
            "The traffic log goes to standard output and to logs/obrol-traffic.log (see docs/OPERATIONS.md)."
        })
public final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Parameters(index = "1", arity = "0..1", defaultValue = "8000", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    /** Languages the console speaks. */
    public enum Lang {
        en,
        id
    }

    @Option(names = "--lang", paramLabel = "LANG",
            description = "Language of the operator console: ${COMPLETION-CANDIDATES} (default: from the locale). "
                    + "Clients that say which language they read get theirs; v1 clients get Indonesian.")
    Lang lang;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = ServerConfig.defaults(host, port).validate();
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
        ServerTexts texts = lang != null ? ServerTexts.forLanguage(lang.name()) : ServerTexts.forLocale(Locale.getDefault());
        System.out.println(texts.format("console.listening", bound.getHostString(), String.valueOf(bound.getPort())));
        boolean quit = runConsole(server, texts);
        if (!quit) {
            server.awaitClose(); // stdin closed or not a terminal: keep serving until stopped
        }
        ServerLogging.flush();
        return 0;
    }

    /** The console on a terminal (line editing, completion) or on plain standard input; true if the operator quit. */
    private static boolean runConsole(ObrolServer server, ServerTexts texts) {
        // System.console() is non-null only when standard input and output are both a terminal.
        TerminalConsole terminal = null;
        if (System.console() != null) {
            try {
                terminal = TerminalConsole.open(server.registry(), ConfigDir.get().resolve("server-history"), texts.format("console.prompt"));
            } catch (IOException | RuntimeException e) {
                // No usable terminal after all: plain lines below.
            }
        }
        if (terminal != null) {
            try (TerminalConsole tc = terminal) {
                OperatorConsole console = new OperatorConsole(server, tc, texts);
                tc.completeCommands(console.commands());
                boolean quit = console.run(tc);
                if (!quit) {
                    tc.println(texts.format("console.detached"));
                }
                return quit;
            }
        }
        OperatorConsole console = new OperatorConsole(server, line -> System.out.println(line), texts);
        return console.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }
}
