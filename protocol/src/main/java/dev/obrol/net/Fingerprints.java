package dev.obrol.net;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 fingerprints of certificates, written as {@code SHA256:AB:CD:...} for people to compare. */
public final class Fingerprints {
    public static final String PREFIX = "SHA256:";

    private Fingerprints() {}

    public static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return PREFIX + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /** The canonical form of a fingerprint a person typed (case, colons and prefix are optional). */
    public static String normalize(String typed) {
        String hex = typed.strip();
        if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            hex = hex.substring(PREFIX.length());
        }
        hex = hex.replace(":", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256 fingerprint: " + typed);
        }
        return PREFIX + HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }
}
