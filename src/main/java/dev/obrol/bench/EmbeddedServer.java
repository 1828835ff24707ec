package dev.obrol.bench;

import java.net.InetSocketAddress;

/** A server the bench runs in its own JVM ({@code --start-server}): its address and the operator's commands. */
public interface EmbeddedServer extends AutoCloseable {

    InetSocketAddress address();

    /** The operator's {@code broadcast <text>}; returns the number of recipients. */
    int broadcast(String text);

    /** Where the traffic log goes, for the summary; null if nowhere. */
    String trafficLog();

    @Override
    void close();

    /** Starts an embedded server; a seam so tests can supply a different one. */
    @FunctionalInterface
    interface Factory {
        EmbeddedServer start(int ioThreads);
    }
}
