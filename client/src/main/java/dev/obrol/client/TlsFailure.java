package dev.obrol.client;

import java.io.IOException;

/** The TCP connection was made but the TLS handshake failed; {@link #getCause()} says why. */
public final class TlsFailure extends IOException {
    public TlsFailure(Throwable cause) {
        super(cause == null ? "TLS handshake failed" : String.valueOf(cause.getMessage()), cause);
    }
}
