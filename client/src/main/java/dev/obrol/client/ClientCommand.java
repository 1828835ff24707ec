package dev.obrol.client;

import dev.obrol.Version;
import dev.obrol.net.ConfigDir;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code obrol client [HOST] [PORT]}: connect, log in, chat and exchange files. */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Connect to an obrol (or original v1) server, chat and exchange files.",
            "Defaults can be kept in client.properties in the config folder ($OBROL_CONFIG_DIR, "
                    + "$XDG_CONFIG_HOME/obrol or ~/.config/obrol); options given here win."
        })
public final class ClientCommand implements Callable<Integer> {

    /** Languages the client's texts exist in. */
    public enum Lang {
        en,
        id
    }

    @Parameters(index = "0", arity = "0..1", defaultValue = "localhost", paramLabel = "HOST",
            description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Parameters(index = "1", arity = "0..1", defaultValue = "8000", paramLabel = "PORT",
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--username", paramLabel = "NAME", description = "Log in as NAME instead of being asked.")
    String username;

    @Option(names = "--download-dir", paramLabel = "DIR",
            description = "Where accepted files are written (default: the working directory).")
    Path downloadDir;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language of the client's texts: ${COMPLETION-CANDIDATES} (default: from the locale).")
    Lang lang;

    @Mixin
    AccessOptions access;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; auto means on a terminal unless NO_COLOR is set).")
    ColorChoice.Mode color;

    @Option(names = "--no-color", description = "Never colour the output (same as --color=never).")
    boolean noColor;

    @Option(names = "--no-bell", description = "Do not ring the terminal bell when a direct message arrives.")
    boolean noBell;

    @Spec
    CommandSpec spec;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean mayUseTerminal;
    /** The process environment (OBROL_PASSWORD, OBROL_CONFIG_DIR); tests give their own. */
    private Map<String, String> environment = System.getenv();

    /** The command as {@code obrol client} runs it: the process's standard streams, a terminal if there is one. */
    public ClientCommand() {
        // Pipes get UTF-8 both ways, whatever the platform default; a terminal is handled by JLine.
        this(System.in, new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8), System.err, true);
    }

    /** The command on given streams, always without a terminal: for tests and embedding. */
    public ClientCommand(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, false);
    }

    private ClientCommand(InputStream in, PrintStream out, PrintStream err, boolean mayUseTerminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.mayUseTerminal = mayUseTerminal;
    }

    @Override
    public Integer call() {
        Texts texts = Texts.forLocale(lang == null ? Locale.getDefault() : Locale.forLanguageTag(lang.name()));
        validate(texts);
        warnAboutUnknownSettings(texts);
        Path workingDir = Path.of("").toAbsolutePath();
        Path downloads = downloadDir == null ? workingDir : downloadDir.toAbsolutePath();
        ClientState state = ClientState.fresh(watchList(texts));
        Ui ui = openUi(texts, state, workingDir);
        boolean terminal = ui instanceof TerminalUi;
        Styler styler = terminal && ColorChoice.colour(color, noColor, true, environment) ? Styler.ansi() : Styler.plain();
        try (ui; ServerConnector connector = new ServerConnector(host, port)) {
            Login logins = new Login(connector, ui, texts, access.tls(ui, texts, environment), access.passwords(ui, texts, environment));
            Optional<Login.Connected> login = logins.run(username);
            if (login.isEmpty()) {
                return Login.EXIT_FAILED;
            }
            Login.Connected connected = login.get();
            state.status().connected(host + ":" + port, connected.username());
            ChatSession session = new ChatSession(connected.username(), connected.server(), connected.connection(), ui, texts,
                    downloads, workingDir, state, styler, terminal && !noBell);
            if (terminal) {
                session.learnNamesAtStart();
            }
            connected.router().attach(session);
            int status = session.run();
            connected.connection().close();
            return status;
        }
    }

    /** A misspelt key in the config file would be ignored without a word; say which. */
    private void warnAboutUnknownSettings(Texts texts) {
        if (spec.defaultValueProvider() instanceof ClientDefaults defaults && !defaults.unknownKeys().isEmpty()) {
            err.println(texts.get("config.unknownKeys", defaults.file(), String.join(", ", defaults.unknownKeys()),
                    String.join(", ", new TreeSet<>(ClientDefaults.KEYS))));
        }
    }

    /** The watch list in the config folder; one kept in memory only, with a warning, if the file cannot be read. */
    private WatchList watchList(Texts texts) {
        Path configDir = ConfigDir.get(environment::get);
        try {
            return WatchList.load(configDir);
        } catch (IOException | RuntimeException e) {
            // An unreadable list must not keep anyone from chatting; and it is not overwritten.
            err.println(texts.get("watch.unreadable", WatchList.fileIn(configDir), String.valueOf(e.getMessage())));
            return WatchList.inMemory();
        }
    }

    /** Fails fast, with picocli's usage message, on options that cannot work. */
    private void validate(Texts texts) {
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), texts.get("error.option.port", String.valueOf(port)));
        }
        if (downloadDir != null && !Files.isDirectory(downloadDir)) {
            throw new ParameterException(spec.commandLine(), texts.get("error.option.downloadDir", downloadDir));
        }
        if (downloadDir != null && !Files.isWritable(downloadDir)) {
            throw new ParameterException(spec.commandLine(), texts.get("error.option.downloadDirWritable", downloadDir));
        }
        access.validate(spec.commandLine(), texts);
    }

    private Ui openUi(Texts texts, ClientState state, Path workingDir) {
        // System.console() is non-null only when both standard input and output are a terminal.
        if (mayUseTerminal && System.console() != null) {
            boolean colour = ColorChoice.colour(color, noColor, true, environment);
            ChatCompletion completion = new ChatCompletion(CommandTable.standard(), state.online(), state.offers(), state.transfers(),
                    state.watching(), workingDir);
            TerminalUi.Options options = new TerminalUi.Options(texts, colour, ConfigDir.get().resolve("history"), completion, state.status());
            try {
                return TerminalUi.open(options);
            } catch (IOException | RuntimeException e) {
                // No usable terminal after all (exotic TERM, no provider): plain lines still work.
            }
        }
        return new PlainUi(in, out, err);
    }

    /** Uses {@code env} instead of the process environment: for tests, which cannot set variables in their own JVM. */
    ClientCommand withEnvironment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        return this;
    }
}
