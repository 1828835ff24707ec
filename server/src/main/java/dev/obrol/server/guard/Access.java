package dev.obrol.server.guard;

import io.netty.handler.ssl.SslContext;

/**
 * Who may connect and how: optional TLS and an optional password. Both are off by default, as in
 * the original.
 *
 * @param tls the server's TLS context, or null for plain TCP
 * @param password the server password, or null for none
 */
public record Access(SslContext tls, ServerPassword password) {

    /** Plain TCP, no password. */
    public static Access open() {
        return new Access(null, null);
    }

    public Access withTls(SslContext context) {
        return new Access(context, password);
    }

    public Access withPassword(ServerPassword newPassword) {
        return new Access(tls, newPassword);
    }

    @Override
    public String toString() {
        return "Access[tls=" + (tls != null) + ", password=" + (password != null) + "]";
    }
}
