package dev.obrol.server;

/** Where the operator console prints: standard output, or above the line being typed on a terminal. */
@FunctionalInterface
public interface ConsoleOutput {
    /** Prints one whole line. Safe from any thread. */
    void println(String line);
}
