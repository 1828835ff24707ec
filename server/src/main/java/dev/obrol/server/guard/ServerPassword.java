package dev.obrol.server.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The optional server password. Keeps only a SHA-256 digest, compares in constant time (digests of
 * equal length, {@link MessageDigest#isEqual}), and never shows itself in {@link #toString()}.
 */
public final class ServerPassword {
    private final byte[] digest;

    private ServerPassword(byte[] digest) {
        this.digest = digest;
    }

    /** A password; throws {@link IllegalArgumentException} if it is empty. */
    public static ServerPassword of(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("The server password must not be empty.");
        }
        return new ServerPassword(sha256(password));
    }

    /** True if {@code candidate} is the password. A null candidate never matches. */
    public boolean matches(String candidate) {
        // Comparing digests hides the password's length and makes the comparison constant-time.
        byte[] other = sha256(candidate == null ? "" : candidate);
        return MessageDigest.isEqual(digest, other) && candidate != null;
    }

    @Override
    public String toString() {
        return "ServerPassword[***]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
