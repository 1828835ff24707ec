package dev.obrol.client;

import dev.obrol.net.TerminalFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;
import org.jline.utils.ShutdownHooks;
import org.jline.utils.Status;

/**
 * The client on a real terminal: the only class that owns JLine's {@link LineReader}. Lines from
 * the network go through {@link LineReader#printAbove}, so they appear above the input line and
 * never through what the user is typing. Adds Tab completion ({@link ChatCompletion}), history
 * with up/down and Ctrl+R kept in a file between runs, coloured input, the bell, and a status line
 * at the bottom fed by {@link StatusModel}. Ctrl+C and Ctrl+D end the session.
 *
 * <p>Threads: the input thread sits in {@code readLine}; other threads print through {@code
 * printAbove}, and redraw the status line or ring the bell through a widget, both of which run
 * under the reader's own lock so their output never lands inside a half-drawn prompt.
 */
public final class TerminalUi implements Ui {
    private static final String RUN_QUEUED = "obrol-run-queued";

    /** How the terminal UI looks and what it knows; any part may be null or off. */
    public record Options(Texts texts, boolean colour, Path historyFile, ChatCompletion completion, StatusModel status) {}

    private final Terminal terminal;
    private final LineReader reader;
    private final Options options;
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Runs {@link #close} when a signal ends the JVM outside the line editor; null where nobody registered one (tests). */
    private final ShutdownHooks.Task onShutdown;
    private volatile Status status;

    TerminalUi(Terminal terminal, Options options) {
        this(terminal, options, null);
    }

    private TerminalUi(Terminal terminal, Options options, ShutdownHooks.Task onShutdown) {
        this.terminal = terminal;
        this.options = options;
        this.onShutdown = onShutdown;
        DefaultParser parser = new DefaultParser();
        // Chat text is not shell input: an apostrophe or a trailing backslash must not open a continuation line.
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("obrol")
                .parser(parser);
        if (options.completion() != null) {
            builder.completer(new JLineCompleter(options.completion()));
        }
        if (options.colour()) {
            builder.highlighter(new InputHighlighter(CommandTable.standard()));
        }
        if (options.historyFile() != null) {
            builder.variable(LineReader.HISTORY_FILE, options.historyFile());
            builder.variable(LineReader.HISTORY_SIZE, 1000);
            builder.variable(LineReader.HISTORY_FILE_SIZE, 1000);
        }
        this.reader = builder.build();
        // Without this, "!" and "\" in a message would be rewritten as history events and escapes.
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        // Usernames match ignoring case on the server, so completion does too.
        reader.setOpt(LineReader.Option.CASE_INSENSITIVE);
        // The kitty keyboard probe asks the terminal a question at every prompt; a terminal that answers
        // late (tmux, ssh) has its answer typed into the line as "[?1;2c". Plain keys are all obrol needs.
        reader.unsetOpt(LineReader.Option.KITTY_KEYBOARD);
        reader.unsetOpt(LineReader.Option.AUTO_MENU_LIST);
        reader.getWidgets().put(RUN_QUEUED, () -> {
            runQueued();
            return true;
        });
        if (options.status() != null) {
            // Drawing the status line moves the cursor away and back; redraw the prompt so it is never lost.
            options.status().addListener(snapshot -> underReaderLock(() -> {
                if (!closed.get()) { // a late update must not draw the line again after close() erased it
                    drawStatus(snapshot);
                    redisplay();
                }
            }));
        }
    }

    /** The terminal behind standard input and output. */
    public static TerminalUi open(Options options) throws IOException {
        TerminalFiles.quietJLine();
        Path history = options.historyFile() == null ? null : TerminalFiles.privateHistory(options.historyFile());
        Options checked = new Options(options.texts(), options.colour(), history, options.completion(), options.status());
        // A signal outside the line editor (SIGTERM, or SIGINT while no line is read) ends the JVM
        // without passing close(). JLine closes the terminal from its own shutdown hook, running its
        // tasks in the order they were added: added before the terminal's, this one still finds a
        // working terminal to erase the status line on.
        AtomicReference<TerminalUi> opened = new AtomicReference<>();
        ShutdownHooks.Task restore = ShutdownHooks.add(() -> {
            TerminalUi ui = opened.get();
            if (ui != null) {
                ui.close();
            }
        });
        try {
            TerminalUi ui = new TerminalUi(TerminalBuilder.builder()
                    .system(true)
                    // The grapheme-cluster probe asks the terminal a question too; a late answer (tmux, ssh)
                    // would be typed into the line. Chat text renders fine without that mode.
                    .graphemeCluster(false)
                    .build(), checked, restore);
            opened.set(ui);
            return ui;
        } catch (IOException | RuntimeException e) {
            ShutdownHooks.remove(restore);
            throw e;
        }
    }

    @Override
    public String ask(String question) {
        // The answer is a username: nothing to recall later, so it stays out of the history.
        reader.variable(LineReader.DISABLE_HISTORY, true);
        try {
            return readLine(question);
        } finally {
            reader.variable(LineReader.DISABLE_HISTORY, false);
        }
    }

    @Override
    public String readLine(String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    @Override
    public String askSecret(String question) {
        // Masked, and kept out of the history file: a password must not be recallable with the Up key.
        reader.variable(LineReader.DISABLE_HISTORY, true);
        try {
            return reader.readLine(question, '*');
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        } finally {
            reader.variable(LineReader.DISABLE_HISTORY, false);
        }
    }

    @Override
    public void show(String line) {
        reader.printAbove(line);
    }

    /**
     * Transfers in progress join the one status line ({@link StatusModel}), which redraws in place;
     * the summary at the end comes through {@link #show}, above the prompt.
     */
    @Override
    public void progress(String id, String line) {
        if (options.status() != null) {
            options.status().transfer(id, line);
        }
    }

    @Override
    public void progressDone(String id) {
        if (options.status() != null) {
            options.status().transferDone(id);
        }
    }

    @Override
    public void error(String line) {
        show(line);
    }

    @Override
    public void clear() {
        underReaderLock(() -> {
            terminal.puts(InfoCmp.Capability.clear_screen);
            terminal.flush();
            if (options.status() != null) {
                drawStatus(options.status().snapshot());
            }
            redisplay();
        });
    }

    @Override
    public void bell() {
        underReaderLock(() -> {
            terminal.puts(InfoCmp.Capability.bell);
            terminal.flush();
        });
    }

    private void drawStatus(StatusModel.Snapshot snapshot) {
        if (status == null) {
            status = Status.getStatus(terminal);
            if (status == null) {
                return; // a terminal without a scroll region cannot keep a line at the bottom
            }
            // Without colour the status line is told apart by a rule above it instead of inverse video.
            status.setBorder(!options.colour());
        }
        String text = StatusLine.render(snapshot, options.texts());
        int width = Math.max(1, terminal.getWidth());
        AttributedString line = new AttributedString(text, options.colour() ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT);
        if (line.columnLength() > width) {
            line = line.columnSubSequence(0, width);
        } else if (options.colour()) {
            // Inverse video across the whole width reads as a bar, not as a highlighted phrase.
            line = new AttributedString(text + " ".repeat(width - line.columnLength()), AttributedStyle.INVERSE);
        }
        status.update(List.of(line));
    }

    /**
     * Runs {@code task} where it cannot interleave with the reader's drawing: inside a widget while
     * a line is being read (the widget holds the reader's lock), or at once when nothing is read.
     */
    private void underReaderLock(Runnable task) {
        queued.add(task);
        try {
            reader.callWidget(RUN_QUEUED);
        } catch (IllegalStateException notReading) {
            synchronized (queued) {
                runQueued();
            }
        }
    }

    private void runQueued() {
        Runnable task;
        while ((task = queued.poll()) != null) {
            task.run();
        }
    }

    private void redisplay() {
        try {
            reader.callWidget(LineReader.REDISPLAY);
        } catch (IllegalStateException notReading) {
            // Nothing on screen to redraw.
        }
    }

    @Override
    public void interrupt() {
        // JLine's readLine turns SIGINT into UserInterruptException on the reading thread.
        terminal.raise(Terminal.Signal.INT);
    }

    /**
     * Gives the screen back as it was: the status line erased and the whole screen scrolling again,
     * the history saved, the terminal restored. Runs once, on whichever way out comes first: the
     * normal end of the client (/quit, Ctrl+C, Ctrl+D, the server gone), or the shutdown hook when
     * a signal ends the JVM outside the line editor.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (onShutdown != null) {
            ShutdownHooks.remove(onShutdown);
        }
        try {
            reader.getHistory().save();
        } catch (IOException | RuntimeException e) {
            // Losing the history of one run is no reason to fail on the way out.
        }
        Status current = status;
        if (current != null) {
            // Status.close() only gives the scroll region back; the line itself stays on screen for
            // the shell to write over unless it is erased first.
            underReaderLock(() -> {
                current.hide();
                current.close();
            });
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // The terminal is going away with the process; nothing useful to do.
        }
    }
}
