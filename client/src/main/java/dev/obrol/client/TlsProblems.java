package dev.obrol.client;

import dev.obrol.net.PinningTrustManager.FingerprintMismatchException;
import dev.obrol.protocol.Text;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;

/**
 * Turns a failed TLS handshake into one text for the user: a changed certificate (loudly, as SSH
 * does), a fingerprint other than --fingerprint, a certificate that does not verify, a server that
 * does not speak TLS, a timeout, or the JDK's own reason as a last resort. Stateless.
 */
final class TlsProblems {
    private TlsProblems() {}

    /**
     * @param refusedFingerprint the fingerprint a pinning check saw and refused, or null
     */
    static String describe(TlsFailure failure, String server, AccessOptions.TlsMode mode, String expected,
            String refusedFingerprint, Texts texts) {
        String where = Text.escapeControls(server);
        FingerprintMismatchException changed = find(failure, FingerprintMismatchException.class);
        if (changed != null) {
            return texts.get("tls.changed", where, changed.expected(), changed.seen(), String.valueOf(changed.file()));
        }
        if (expected != null && refusedFingerprint != null) {
            return texts.get("tls.fingerprintMismatch", where, expected, refusedFingerprint);
        }
        if (find(failure, NotSslRecordException.class) != null) {
            return texts.get("tls.notTls", where);
        }
        if (find(failure, SslHandshakeTimeoutException.class) != null) {
            return texts.get("tls.timeout", where);
        }
        CertificateException untrusted = find(failure, CertificateException.class);
        if (mode == AccessOptions.TlsMode.VERIFY && untrusted != null) {
            return texts.get("tls.unverified", where, reason(untrusted, texts));
        }
        if (find(failure, ClosedChannelException.class) != null) {
            return texts.get("tls.closed", where);
        }
        return texts.get("tls.failed", where, Text.escapeControls(String.valueOf(rootCause(failure).getMessage())));
    }

    /** Why CA verification failed, in words for the two common cases; the JDK's text otherwise. */
    private static String reason(CertificateException untrusted, Texts texts) {
        if (find(untrusted, CertPathBuilderException.class) != null) {
            return texts.get("tls.reason.unknownIssuer"); // e.g. self-signed
        }
        if (find(untrusted, CertificateExpiredException.class) != null) {
            return texts.get("tls.reason.expired");
        }
        return Text.escapeControls(String.valueOf(untrusted.getMessage()));
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
