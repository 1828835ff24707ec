package dev.obrol.server;

import io.netty.channel.unix.Errors;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Why the server could not listen, in words for the operator instead of the transport's (epoll says
 * {@code bind(..) failed with error(-98)}). Knows the usual causes: the port is taken, the address
 * is not this machine's, a low port without the right, an unknown host name.
 */
final class ListenFailure {
    /** Linux errno values: the epoll transport, which reports them, runs only on Linux. */
    private static final int EACCES = 13;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;

    enum Cause {
        IN_USE("console.listen.in_use"),
        NOT_LOCAL("console.listen.not_local"),
        NO_PERMISSION("console.listen.no_permission"),
        UNKNOWN_HOST("console.listen.unknown_host"),
        OTHER("console.listen.failed");

        final String key;

        Cause(String key) {
            this.key = key;
        }
    }

    private ListenFailure() {}

    /** The cause of {@code failure}, thrown by {@link ObrolServer#start()}. */
    static Cause causeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Errors.NativeIoException nativeError) {
                return switch (-nativeError.expectedErr()) {
                    case EADDRINUSE -> Cause.IN_USE;
                    case EADDRNOTAVAIL -> Cause.NOT_LOCAL;
                    case EACCES -> Cause.NO_PERMISSION;
                    default -> Cause.OTHER;
                };
            }
            if (t instanceof BindException bind) {
                // The NIO transport (other systems): the JDK gives no errno, only the system's words.
                String text = String.valueOf(bind.getMessage()).toLowerCase(Locale.ROOT);
                if (text.contains("in use")) {
                    return Cause.IN_USE;
                }
                if (text.contains("assign requested address")) {
                    return Cause.NOT_LOCAL;
                }
                if (text.contains("permission denied") || text.contains("access")) {
                    return Cause.NO_PERMISSION;
                }
                return Cause.OTHER;
            }
            if (t instanceof UnresolvedAddressException) {
                return Cause.UNKNOWN_HOST;
            }
        }
        return Cause.OTHER;
    }

    /** One line for the operator: where the server tried to listen and why it could not. */
    static String describe(ServerTexts texts, String host, int port, Throwable failure) {
        // The port as digits, never grouped ("8,000") by the number format.
        return texts.format(causeOf(failure).key, host, String.valueOf(port), String.valueOf(failure.getMessage()));
    }
}
