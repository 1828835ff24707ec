package dev.obrol.server;

import dev.obrol.net.ConfigDir;
import dev.obrol.server.guard.Access;
import dev.obrol.server.guard.ConnectionCap;
import dev.obrol.server.guard.GuardConfig;
import dev.obrol.server.guard.ServerPassword;
import dev.obrol.server.guard.ServerTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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

    @Parameters(index = "0", arity = "0..1", defaultValue = "0.0.0.0", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Parameters(index = "1", arity = "0..1", defaultValue = "8000", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    /** Languages the console speaks. */
    public enum Lang {
        en,
        id
    }

    @Option(names = "--lang", paramLabel = "LANG",
            description = "Language of the operator console and of the refusal reasons in the traffic log: "
                    + "${COMPLETION-CANDIDATES} (default: from the locale). "
                    + "Clients that say which language they read get theirs; v1 clients get Indonesian.")
    Lang lang;
    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections open at once; 0 = no limit (default: fitted to the machine and printed at start: "
                    + ConnectionCap.PER_HEAP_MIB + " per MiB of maximum heap, at most the file-descriptor limit less "
                    + ConnectionCap.RESERVED_DESCRIPTORS + ", between " + ConnectionCap.FLOOR + " and " + ConnectionCap.CEILING + ").")
    Integer maxConnections;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            defaultValue = "" + GuardConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Connections open at once from one IP address; 0 = no limit (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--connection-rate", paramLabel = "N", defaultValue = "" + GuardConfig.DEFAULT_CONNECTIONS_PER_SECOND,
            description = "New connections per second from one IP address; 0 = no limit (default: ${DEFAULT-VALUE}).")
    int connectionRate;

    @Option(names = "--message-rate", paramLabel = "N", defaultValue = "" + GuardConfig.DEFAULT_MESSAGES_PER_SECOND,
            description = "Requests per second one connection may send; 0 = no limit (default: ${DEFAULT-VALUE}).")
    int messageRate;

    @Option(names = "--message-burst", paramLabel = "N", defaultValue = "" + GuardConfig.DEFAULT_MESSAGE_BURST,
            description = "Requests one connection may send at once before the rate applies (default: ${DEFAULT-VALUE}).")
    int messageBurst;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "90",
            description = "Close clients that announced keepalive after this much silence; 0 = off (default: ${DEFAULT-VALUE}).")
    long idleTimeoutSeconds;

    @Option(names = "--v1-idle-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Close other clients (v1 clients never ping) after this much silence; 0 = off (default: ${DEFAULT-VALUE}).")
    long v1IdleTimeoutSeconds;

    @Option(names = "--login-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Close connections that send no username within this time (default: ${DEFAULT-VALUE}).")
    long loginTimeoutSeconds;

    @Option(names = "--tls", description = "Accept TLS only. Without --cert/--key, use a self-signed certificate "
            + "kept in the config folder (its fingerprint is printed at start).")
    boolean tls;

    @Option(names = "--cert", paramLabel = "FILE", description = "TLS certificate chain (PEM); implies --tls.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "TLS private key (PEM, PKCS#8); implies --tls.")
    Path key;

    @Option(names = "--password", paramLabel = "TEXT", description = "Require this password at login (visible to "
            + "other local users in the process list: prefer --password-file or OBROL_PASSWORD).")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Require the password in the first line of FILE.")
    Path passwordFile;

    @Option(names = "--offer-expiry", paramLabel = "SECONDS", defaultValue = "600",
            description = "Seconds a streamed-file offer waits for an answer before both sides are told it expired (default: ${DEFAULT-VALUE}).")
    long offerExpirySeconds;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "0",
            description = "Threads that serve the connections; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--accept-pacing", paramLabel = "MS", defaultValue = "2",
            description = "Accept new connections more slowly while the server answers more than MS milliseconds late, "
                    + "so a login storm does not delay chat for those already online; 0 = off (default: ${DEFAULT-VALUE}).")
    long acceptPacingMillis;

    @Override
    public Integer call() throws Exception {
        // The operator's language: the console's, and the traffic log's wherever it repeats what users are told.
        Locale operatorLocale = lang != null ? Locale.forLanguageTag(lang.name()) : Locale.getDefault();
        ServerConfig config;
        ServerTls serverTls;
        ConnectionCap fitted = maxConnections == null ? ConnectionCap.ofThisProcess() : null;
        try {
            GuardConfig guards = GuardConfig.defaults()
                    .withConnectionCaps(fitted != null ? fitted.connections() : maxConnections, maxConnectionsPerAddress, connectionRate)
                    .withMessageRate(messageRate, messageBurst)
                    .withIdleTimeouts(seconds(idleTimeoutSeconds, "--idle-timeout"), seconds(v1IdleTimeoutSeconds, "--v1-idle-timeout"));
            serverTls = tls();
            Access access = new Access(serverTls == null ? null : serverTls.context(), password());
            config = ServerConfig.defaults(host, port)
                    .withLoginTimeout(seconds(loginTimeoutSeconds, "--login-timeout"))
                    .withGuards(guards)
                    .withAccess(access)
                    .withOfferExpiry(seconds(offerExpirySeconds, "--offer-expiry"))
                    .withIoThreads(ioThreads)
                    .withAcceptPacing(millis(acceptPacingMillis, "--accept-pacing"))
                    .withOperatorLocale(operatorLocale)
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
            // Not a usage error (2): the command line was fine, the machine refused.
            spec.commandLine().getErr().println(ListenFailure.describe(server.operatorTexts(), host, port, e));
            return 1;
        }
        // SIGTERM / Ctrl+C: tell the clients, close cleanly, flush the traffic log.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            ServerLogging.flush();
        }, "obrol-shutdown"));
        ServerTexts texts = server.operatorTexts();
        System.out.println(texts.format("console.listening", bound.getHostString(), String.valueOf(bound.getPort()),
                serverTls != null ? 1 : 0, config.access().password() != null ? 1 : 0));
        if (fitted != null) {
            System.out.println(texts.format("console.connections.fitted", fitted.connections(), fitted.heapMib(), fitted.fileDescriptors()));
        }
        if (serverTls != null) {
            System.out.println(texts.format("console.fingerprint", serverTls.fingerprint()));
        }
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
                terminal = TerminalConsole.open(server.directory(), ConfigDir.get().resolve("server-history"), texts.format("console.prompt"));
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

    private static Duration seconds(long value, String option) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must be zero or positive, got " + value + ".");
        }
        return Duration.ofSeconds(value);
    }

    private static Duration millis(long value, String option) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must be zero or positive, got " + value + ".");
        }
        return Duration.ofMillis(value);
    }

    /** The TLS setup the options ask for, or null for plain TCP. */
    private ServerTls tls() {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key must be given together.");
        }
        try {
            if (cert != null) {
                return ServerTls.fromPem(cert, key);
            }
            return tls ? ServerTls.selfSigned(ConfigDir.get().resolve("server-self-signed.p12")) : null;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The password from exactly one of --password, --password-file and OBROL_PASSWORD; null if none. */
    private ServerPassword password() {
        String fromEnv = System.getenv("OBROL_PASSWORD");
        int given = (password != null ? 1 : 0) + (passwordFile != null ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("Give the password once: --password or --password-file.");
        }
        if (passwordFile != null) {
            try {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                String firstLine = text.lines().findFirst().orElse("");
                return ServerPassword.of(firstLine);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the password file " + passwordFile + ": " + e.getMessage());
            }
        }
        if (password != null) {
            return ServerPassword.of(password);
        }
        return fromEnv != null && !fromEnv.isEmpty() ? ServerPassword.of(fromEnv) : null;
    }

    /** {@code obrol server} without the rest of the app: what {@code obrol bench --server-process} runs. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
