package dev.obrol.client;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * The client on a real terminal: the only class that owns JLine's {@link LineReader}. Lines from
 * the network go through {@link LineReader#printAbove}, so they appear above the input line and
 * never through what the user is typing. Ctrl+C and Ctrl+D end the session. Completion, colour
 * and a status line (issue 5) belong here.
 */
public final class TerminalUi implements Ui {
    private final Terminal terminal;
    private final LineReader reader;
    /** One status line per running transfer, in start order (guarded by itself). */
    private final Map<String, String> progressLines = new LinkedHashMap<>();

    private TerminalUi(Terminal terminal) {
        this.terminal = terminal;
        DefaultParser parser = new DefaultParser();
        // Chat text is not shell input: an apostrophe or a trailing backslash must not open a continuation line.
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("obrol")
                .parser(parser)
                .build();
        // Without this, "!" and "\" in a message would be rewritten as history events and escapes.
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
    }

    /** The terminal behind standard input and output. */
    public static TerminalUi open() throws IOException {
        return new TerminalUi(TerminalBuilder.builder().system(true).build());
    }

    @Override
    public String ask(String question) {
        return readLine(question);
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

    @Override
    public void progress(String id, String line) {
        synchronized (progressLines) {
            progressLines.put(id, line);
            redrawStatus();
        }
    }

    @Override
    public void progressDone(String id) {
        synchronized (progressLines) {
            if (progressLines.remove(id) != null) {
                redrawStatus();
            }
        }
    }

    /** The status lines at the bottom, updated in place; JLine keeps them below printAbove output. */
    private void redrawStatus() {
        Status status = Status.getStatus(terminal);
        if (status == null) {
            return; // a dumb terminal has no status area; the summary lines still appear
        }
        List<AttributedString> lines = progressLines.values().stream().map(AttributedString::new).toList();
        status.update(lines);
    }

    @Override
    public void error(String line) {
        show(line);
    }

    @Override
    public void interrupt() {
        // JLine's readLine turns SIGINT into UserInterruptException on the reading thread.
        terminal.raise(Terminal.Signal.INT);
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException e) {
            // The terminal is going away with the process; nothing useful to do.
        }
    }
}
