package dev.obrol.server;

import dev.obrol.protocol.Limits;
import java.time.Duration;
import java.util.Locale;

/**
 * Everything the server needs to start. Immutable; {@link #validate()} fails fast on nonsense.
 *
 * @param host address to bind ("0.0.0.0" for every interface)
 * @param port TCP port; 0 picks a free one (tests)
 * @param limits frame, message and file limits announced to obrol clients
 * @param loginTimeout how long a connection may stay without a username before it is closed
 * @param v1Locale language of the texts sent to v1 clients, which cannot say which they read
 * @param ioThreads event-loop threads; 0 means one per core
 */
public record ServerConfig(
        String host, int port, Limits limits, Duration loginTimeout, Locale v1Locale, int ioThreads) {

    public static final int DEFAULT_PORT = 8000;

    public static ServerConfig defaults(String host, int port) {
        return new ServerConfig(host, port, Limits.defaults(), Duration.ofSeconds(30), Locale.forLanguageTag("id"), 0);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, limits, loginTimeout, v1Locale, ioThreads);
    }

    /** Throws {@link IllegalArgumentException} with a message for a person if a value is unusable. */
    public ServerConfig validate() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port must be between 0 and 65535, got " + port + ".");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Host must not be empty.");
        }
        if (loginTimeout.isNegative() || loginTimeout.isZero()) {
            throw new IllegalArgumentException("Login timeout must be positive.");
        }
        return this;
    }
}
