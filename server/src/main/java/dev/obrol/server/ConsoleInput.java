package dev.obrol.server;

/** Where the operator console reads lines: a pipe or file, or a line editor on a terminal. */
@FunctionalInterface
public interface ConsoleInput {
    /** The next line; null when input has ended. */
    String readLine();
}
