package dev.obrol.net;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Small chores before a JLine line editor starts: a private history file, and JLine's own log kept off the screen. */
public final class TerminalFiles {
    /** Held so the setting sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    private TerminalFiles() {}

    /**
     * JLine reports through java.util.logging, which prints to standard error, right through the
     * line being typed; what it says (a history file others can read...) is handled here instead.
     */
    public static void quietJLine() {
        JLINE_LOG.setLevel(Level.OFF);
    }

    /**
     * Makes sure {@code history} can be written and, when it is new, that only its owner can read
     * it (it holds private messages). Returns the file, or null if there is nowhere to keep it.
     */
    public static Path privateHistory(Path history) {
        try {
            Files.createDirectories(history.getParent());
            try {
                Files.createFile(history, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(history);
            } catch (FileAlreadyExistsException existing) {
                // The user's own file: its permissions are theirs to choose.
            }
            return history;
        } catch (IOException | SecurityException e) {
            return null; // no history between runs; everything else works
        }
    }
}
