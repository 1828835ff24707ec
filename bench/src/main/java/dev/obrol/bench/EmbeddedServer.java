package dev.obrol.bench;

import java.net.InetSocketAddress;

/**
 * A server the bench started for a run: in its own JVM ({@code --start-server}) or as a child
 * process ({@code --server-process}). Its address and the operator's commands.
 */
public interface EmbeddedServer extends AutoCloseable {

    InetSocketAddress address();

    /** The operator's {@code broadcast <text>}; returns the number of recipients. */
    int broadcast(String text);

    /** The server's process id when it runs in a process of its own (its memory is read from there), else -1. */
    default long pid() {
        return -1;
    }

    /** Where the traffic log goes, for the summary; null if nowhere. */
    String trafficLog();

    @Override
    void close();

    /** Starts a server for the run; a seam so tests can supply a different one. */
    @FunctionalInterface
    interface Factory {
        EmbeddedServer start(int ioThreads);
    }
}
