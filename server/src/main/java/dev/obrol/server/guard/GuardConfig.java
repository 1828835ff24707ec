package dev.obrol.server.guard;

import java.time.Duration;

/**
 * The server's defences against floods, slow peers and oversized input. Immutable; zero turns a
 * rate, a cap or a timeout off. {@link #validate} fails fast with a message for a person.
 *
 * @param maxConnections connections open at once, server-wide (default: fitted to the machine, {@link ConnectionCap})
 * @param maxConnectionsPerAddress connections open at once from one IP address
 * @param connectionsPerSecond new connections per second from one IP address (burst: twice that)
 * @param messagesPerSecond requests per second one connection may send, sustained
 * @param messageBurst requests one connection may send at once before the rate applies
 * @param maxOutboundBytes bytes queued to one connection that is not reading; past it the
 *     connection is closed as a slow consumer. Must exceed the frame limit (a whole-file offer)
 * @param smallFrameBytes frames up to this size are always read; larger ones (file offers) only
 *     after login and within {@code largeFrameBudgetBytes}
 * @param largeFrameBudgetBytes bytes of large frames buffered at once, server-wide
 * @param idleTimeout silence after which a client that announced "keepalive" is closed
 * @param v1IdleTimeout silence after which any other client is closed (v1 clients never ping, so
 *     this is off by default; TCP keepalive still notices dead peers eventually)
 */
public record GuardConfig(
        int maxConnections,
        int maxConnectionsPerAddress,
        int connectionsPerSecond,
        int messagesPerSecond,
        int messageBurst,
        long maxOutboundBytes,
        int smallFrameBytes,
        long largeFrameBudgetBytes,
        Duration idleTimeout,
        Duration v1IdleTimeout) {

    /** Generous: a classroom behind one NAT address shares it. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
    public static final int DEFAULT_CONNECTIONS_PER_SECOND = 20;
    public static final int DEFAULT_MESSAGES_PER_SECOND = 50;
    public static final int DEFAULT_MESSAGE_BURST = 200;
    /** Room for one whole-file offer (16 MiB frame) plus chat around it. */
    public static final long DEFAULT_MAX_OUTBOUND_BYTES = 20L * 1024 * 1024;
    /** The longest chat message (64 Ki characters) escaped as \\uXXXX is 384 KiB; leave headroom. */
    public static final int DEFAULT_SMALL_FRAME_BYTES = 512 * 1024;
    /** Four whole-file offers of the largest size read at once. */
    public static final long DEFAULT_LARGE_FRAME_BUDGET_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);

    /** The defaults of {@code obrol server}; the connection cap is fitted to this JVM ({@link ConnectionCap#ofThisProcess()}). */
    public static GuardConfig defaults() {
        return new GuardConfig(
                ConnectionCap.ofThisProcess().connections(),
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                DEFAULT_CONNECTIONS_PER_SECOND,
                DEFAULT_MESSAGES_PER_SECOND,
                DEFAULT_MESSAGE_BURST,
                DEFAULT_MAX_OUTBOUND_BYTES,
                DEFAULT_SMALL_FRAME_BYTES,
                DEFAULT_LARGE_FRAME_BUDGET_BYTES,
                DEFAULT_IDLE_TIMEOUT,
                Duration.ZERO);
    }

    /** No rates or connection caps, memory bounds and timeouts on: the default when embedding the server (tests, benchmarks). */
    public static GuardConfig unlimitedRates() {
        return defaults().withConnectionCaps(0, 0, 0).withMessageRate(0, 0);
    }

    public GuardConfig withConnectionCaps(int total, int perAddress, int perSecond) {
        return new GuardConfig(total, perAddress, perSecond, messagesPerSecond, messageBurst, maxOutboundBytes,
                smallFrameBytes, largeFrameBudgetBytes, idleTimeout, v1IdleTimeout);
    }

    public GuardConfig withMessageRate(int perSecond, int burst) {
        return new GuardConfig(maxConnections, maxConnectionsPerAddress, connectionsPerSecond, perSecond, burst,
                maxOutboundBytes, smallFrameBytes, largeFrameBudgetBytes, idleTimeout, v1IdleTimeout);
    }

    public GuardConfig withMaxOutboundBytes(long bytes) {
        return new GuardConfig(maxConnections, maxConnectionsPerAddress, connectionsPerSecond, messagesPerSecond,
                messageBurst, bytes, smallFrameBytes, largeFrameBudgetBytes, idleTimeout, v1IdleTimeout);
    }

    public GuardConfig withFrames(int small, long budget) {
        return new GuardConfig(maxConnections, maxConnectionsPerAddress, connectionsPerSecond, messagesPerSecond,
                messageBurst, maxOutboundBytes, small, budget, idleTimeout, v1IdleTimeout);
    }

    public GuardConfig withIdleTimeouts(Duration keepalive, Duration v1) {
        return new GuardConfig(maxConnections, maxConnectionsPerAddress, connectionsPerSecond, messagesPerSecond,
                messageBurst, maxOutboundBytes, smallFrameBytes, largeFrameBudgetBytes, keepalive, v1);
    }

    /** Throws {@link IllegalArgumentException} naming the first unusable value. */
    public GuardConfig validate(int maxFrameBytes) {
        requireNonNegative(maxConnections, "Maximum connections");
        requireNonNegative(maxConnectionsPerAddress, "Maximum connections per address");
        requireNonNegative(connectionsPerSecond, "Connections per second");
        requireNonNegative(messagesPerSecond, "Messages per second");
        requireNonNegative(messageBurst, "Message burst");
        if (messagesPerSecond > 0 && messageBurst < 1) {
            throw new IllegalArgumentException("Message burst must be at least 1 when a message rate is set.");
        }
        if (smallFrameBytes < 1024 || smallFrameBytes > maxFrameBytes) {
            throw new IllegalArgumentException("Small frame limit must be between 1024 and the frame limit ("
                    + maxFrameBytes + " bytes), got " + smallFrameBytes + ".");
        }
        if (largeFrameBudgetBytes < 0) {
            throw new IllegalArgumentException("Large frame budget must not be negative.");
        }
        if (maxOutboundBytes <= maxFrameBytes) {
            throw new IllegalArgumentException("Outbound queue limit must exceed the frame limit (" + maxFrameBytes
                    + " bytes) so a whole-file offer fits, got " + maxOutboundBytes + ".");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || v1IdleTimeout == null || v1IdleTimeout.isNegative()) {
            throw new IllegalArgumentException("Idle timeouts must be zero (off) or positive.");
        }
        return this;
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be zero (no limit) or positive, got " + value + ".");
        }
    }
}
