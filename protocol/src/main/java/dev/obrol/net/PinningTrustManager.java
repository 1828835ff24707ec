package dev.obrol.net;

import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server by its certificate's SHA-256 fingerprint instead of a certificate authority:
 * the fingerprint remembered in {@link KnownServers} must match; a server seen for the first time
 * is shown to {@code firstUse} (which asks the user, or compares with a fingerprint given on the
 * command line) and remembered if accepted. A changed fingerprint is always refused. Client side
 * only.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {
    private final KnownServers known;
    private final String server;
    private final Predicate<String> firstUse;

    /**
     * @param server "host:port" as the user typed it
     * @param firstUse decides about a fingerprint not seen before; true accepts and remembers it
     */
    public PinningTrustManager(KnownServers known, String server, Predicate<String> firstUse) {
        this.known = known;
        this.server = server;
        this.firstUse = firstUse;
    }

    /** Thrown when the server's certificate is not the one remembered: possibly an attack. */
    public static final class FingerprintMismatchException extends CertificateException {
        private final String server;
        private final String expected;
        private final String seen;
        private final transient Path file;

        public FingerprintMismatchException(String server, String expected, String seen, Path file) {
            super("The certificate of " + server + " changed: expected " + expected + ", got " + seen
                    + ". If the server really changed its certificate, remove its line from " + file + ".");
            this.server = server;
            this.expected = expected;
            this.seen = seen;
            this.file = file;
        }

        /** "host:port" as the user typed it. */
        public String server() {
            return server;
        }

        /** The fingerprint remembered for the server. */
        public String expected() {
            return expected;
        }

        /** The fingerprint the server presented. */
        public String seen() {
            return seen;
        }

        /** The known-servers file holding the remembered fingerprint. */
        public Path file() {
            return file;
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The server sent no certificate.");
        }
        String seen = Fingerprints.sha256(chain[0]);
        Optional<String> expected = known.lookup(server);
        if (expected.isPresent()) {
            if (!expected.get().equals(seen)) {
                throw new FingerprintMismatchException(server, expected.get(), seen, known.file());
            }
            return;
        }
        if (!firstUse.test(seen)) {
            throw new CertificateException("Certificate " + seen + " of " + server + " was not accepted.");
        }
        known.remember(server, seen);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
