package dev.obrol.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.AppenderAttachable;
import dev.obrol.net.TerminalFiles;
import dev.obrol.server.log.StdoutAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.LoggerFactory;

/**
 * The operator console on a real terminal: line editing, history kept between runs, Tab
 * completion of console commands and online usernames. While it runs, standard output and
 * standard error are routed through {@link LineReader#printAbove}, so traffic and log lines (which
 * Logback writes to {@code System.out} and {@code System.err}) appear above the line being typed
 * instead of through it; so do the {@link StdoutAppender}s, which write past {@code System.out}.
 * {@link #close} gives the streams back.
 */
final class TerminalConsole implements ConsoleInput, ConsoleOutput, AutoCloseable {
    private final Terminal terminal;
    private final LineReader reader;
    private final String prompt;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private volatile List<OperatorConsole.Command> commands = List.of();

    private TerminalConsole(Terminal terminal, Supplier<List<String>> users, Path historyFile, String prompt) {
        this.terminal = terminal;
        this.prompt = prompt;
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("obrol-server")
                .parser(parser)
                .completer((r, line, candidates) -> complete(commands, users, line, candidates));
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        this.reader = builder.build();
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        reader.setOpt(LineReader.Option.CASE_INSENSITIVE);
        // The kitty keyboard probe asks the terminal a question at every prompt; a terminal that answers
        // late (tmux, ssh) has its answer typed into the line as "[?1;2c". Plain keys are all obrol needs.
        reader.unsetOpt(LineReader.Option.KITTY_KEYBOARD);
    }

    /** Opens the terminal and takes over standard output and error. */
    static TerminalConsole open(Directory directory, Path historyFile, String prompt) throws IOException {
        TerminalFiles.quietJLine();
        Path history = historyFile == null ? null : TerminalFiles.privateHistory(historyFile);
        Terminal terminal = TerminalBuilder.builder()
                .system(true)
                // The grapheme-cluster probe asks the terminal a question too; a late answer (tmux, ssh)
                // would be typed into the line. Chat text renders fine without that mode.
                .graphemeCluster(false)
                .build();
        TerminalConsole tc = new TerminalConsole(terminal, directory::allNames, history, prompt);
        System.setOut(tc.lineStream());
        System.setErr(tc.lineStream());
        // The traffic appender writes to the file descriptor itself, past System.out: route it too.
        redirectStdoutAppenders(tc.lineStream());
        return tc;
    }

    /** Command names first; then, for commands about a user, the names online; "clear" after motd. */
    static void complete(List<OperatorConsole.Command> commands, Supplier<List<String>> users, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            commands.forEach(c -> candidates.add(new Candidate(c.name())));
            return;
        }
        if (line.wordIndex() != 1) {
            return;
        }
        String name = line.words().get(0).toLowerCase(java.util.Locale.ROOT);
        for (OperatorConsole.Command c : commands) {
            if (c.name().equals(name) && c.arg() == OperatorConsole.Arg.USER) {
                users.get().forEach(u -> candidates.add(new Candidate(u)));
            } else if (c.name().equals(name) && name.equals("motd")) {
                candidates.add(new Candidate("clear"));
            }
        }
    }

    /** The commands Tab completes (the console's table). */
    void completeCommands(List<OperatorConsole.Command> table) {
        this.commands = List.copyOf(table);
    }

    @Override
    public String readLine() {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            // Ctrl+C at the console stops the server, as it does without a line editor.
            return "quit";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void println(String line) {
        reader.printAbove(line);
    }

    /** A stream that hands each complete line to {@link LineReader#printAbove}. */
    private PrintStream lineStream() {
        return new PrintStream(new LineOutputStream(reader::printAbove), true, StandardCharsets.UTF_8);
    }

    /** Points every {@link StdoutAppender} of Logback's configuration at {@code out} (null: back to standard output). */
    private static void redirectStdoutAppenders(OutputStream out) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            logger.iteratorForAppenders().forEachRemaining(appender -> redirect(appender, out));
        }
    }

    private static void redirect(Appender<ILoggingEvent> appender, OutputStream out) {
        if (appender instanceof StdoutAppender stdout) {
            stdout.redirect(out);
        } else if (appender instanceof AppenderAttachable<?> parent) {
            @SuppressWarnings("unchecked")
            AppenderAttachable<ILoggingEvent> events = (AppenderAttachable<ILoggingEvent>) parent;
            events.iteratorForAppenders().forEachRemaining(child -> redirect(child, out));
        }
    }

    @Override
    public void close() {
        redirectStdoutAppenders(null);
        System.setOut(originalOut);
        System.setErr(originalErr);
        try {
            reader.getHistory().save();
        } catch (IOException | RuntimeException e) {
            // Losing one run's history is no reason to fail while stopping.
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // The terminal goes away with the process.
        }
    }

    /** Collects bytes into lines (UTF-8) and passes each finished line on, without its newline. */
    static final class LineOutputStream extends OutputStream {
        private final Consumer<String> sink;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineOutputStream(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String line = pending.toString(StandardCharsets.UTF_8);
                pending.reset();
                sink.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            } else {
                pending.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(bytes[i]);
            }
        }
    }
}
