package dev.obrol.bench;

/** A scenario cannot go on (login refused, server unreachable, bad target); the message says why. */
public final class BenchException extends RuntimeException {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
