package dev.obrol.server;

import dev.obrol.protocol.Limits;
import dev.obrol.server.guard.Access;
import dev.obrol.server.guard.GuardConfig;
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
 * @param guards rate limits, caps, timeouts and memory bounds (see docs/SECURITY.md)
 * @param access optional TLS and password
 * @param offerExpiry how long a streamed-file offer waits for an answer before both sides are told it expired
 * @param operatorLocale language of the operator: the console, and the texts the traffic log shares with
 *     users (a refusal is logged in this language whatever language the user was told it in)
 * @param acceptPacing new connections wait in the kernel's queue while the event loops run later
 *     than this, so a login storm does not delay chat (zero: accept as fast as they come)
 */
public record ServerConfig(
        String host,
        int port,
        Limits limits,
        Duration loginTimeout,
        Locale v1Locale,
        int ioThreads,
        GuardConfig guards,
        Access access,
        Duration offerExpiry,
        Locale operatorLocale,
        Duration acceptPacing) {

    public static final int DEFAULT_PORT = 8000;

    /** Streamed-file offers nobody answered are dropped after this long. */
    public static final Duration DEFAULT_OFFER_EXPIRY = Duration.ofMinutes(10);

    /** The operator's language when none is chosen (embedding, tests); {@code obrol server} uses the console's. */
    public static final Locale DEFAULT_OPERATOR_LOCALE = Locale.ENGLISH;

    /** New connections wait while the event loops run later than this (see AcceptPacer). */
    public static final Duration DEFAULT_ACCEPT_PACING = Duration.ofMillis(2);

    /**
     * A configuration with open access and the memory bounds on but no rates or connection caps:
     * for embedding, tests and benchmarks, which open many connections fast from one address.
     * {@code obrol server} applies {@link GuardConfig#defaults()} (see docs/SECURITY.md).
     */
    public ServerConfig(String host, int port, Limits limits, Duration loginTimeout, Locale v1Locale, int ioThreads) {
        this(host, port, limits, loginTimeout, v1Locale, ioThreads, GuardConfig.unlimitedRates(), Access.open(), DEFAULT_OFFER_EXPIRY,
                DEFAULT_OPERATOR_LOCALE, DEFAULT_ACCEPT_PACING);
    }

    /** A configuration with the default streamed-file offer expiry and operator language. */
    public ServerConfig(String host, int port, Limits limits, Duration loginTimeout, Locale v1Locale, int ioThreads,
            GuardConfig guards, Access access) {
        this(host, port, limits, loginTimeout, v1Locale, ioThreads, guards, access, DEFAULT_OFFER_EXPIRY, DEFAULT_OPERATOR_LOCALE,
                DEFAULT_ACCEPT_PACING);
    }

    public static ServerConfig defaults(String host, int port) {
        return new ServerConfig(host, port, Limits.defaults(), Duration.ofSeconds(30), Locale.forLanguageTag("id"), 0);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, limits, loginTimeout, v1Locale, ioThreads, guards, access, offerExpiry, operatorLocale, acceptPacing);
    }

    public ServerConfig withLoginTimeout(Duration timeout) {
        return new ServerConfig(host, port, limits, timeout, v1Locale, ioThreads, guards, access, offerExpiry, operatorLocale, acceptPacing);
    }

    public ServerConfig withGuards(GuardConfig newGuards) {
        return new ServerConfig(host, port, limits, loginTimeout, v1Locale, ioThreads, newGuards, access, offerExpiry, operatorLocale, acceptPacing);
    }

    public ServerConfig withAccess(Access newAccess) {
        return new ServerConfig(host, port, limits, loginTimeout, v1Locale, ioThreads, guards, newAccess, offerExpiry, operatorLocale, acceptPacing);
    }

    public ServerConfig withIoThreads(int threads) {
        return new ServerConfig(host, port, limits, loginTimeout, v1Locale, threads, guards, access, offerExpiry, operatorLocale, acceptPacing);
    }

    public ServerConfig withOfferExpiry(Duration expiry) {
        return new ServerConfig(host, port, limits, loginTimeout, v1Locale, ioThreads, guards, access, expiry, operatorLocale, acceptPacing);
    }

    public ServerConfig withOperatorLocale(Locale locale) {
        return new ServerConfig(host, port, limits, loginTimeout, v1Locale, ioThreads, guards, access, offerExpiry, locale, acceptPacing);
    }

    public ServerConfig withAcceptPacing(Duration pacing) {
        return new ServerConfig(host, port, limits, loginTimeout, v1Locale, ioThreads, guards, access, offerExpiry, operatorLocale, pacing);
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
        if (offerExpiry == null || offerExpiry.isNegative() || offerExpiry.isZero()) {
            throw new IllegalArgumentException("Offer expiry must be positive.");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("I/O threads must be zero (one per core) or positive, got " + ioThreads + ".");
        }
        if (acceptPacing == null || acceptPacing.isNegative()) {
            throw new IllegalArgumentException("Accept pacing must be zero (off) or positive.");
        }
        if (guards == null || access == null || operatorLocale == null) {
            throw new IllegalArgumentException("Guards, access and the operator's language must be set.");
        }
        guards.validate(limits.maxFrameBytes());
        return this;
    }
}
