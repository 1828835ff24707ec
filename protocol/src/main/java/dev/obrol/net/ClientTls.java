package dev.obrol.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * TLS contexts for the obrol client. Either the usual certificate-authority check with host-name
 * verification ({@link #verifying()}), for servers with a real certificate, or fingerprint pinning
 * with trust on first use ({@link #pinning}), for servers with a self-signed one. Add the handler
 * first in the client pipeline: {@code context.newHandler(ch.alloc(), host, port)}.
 */
public final class ClientTls {
    private ClientTls() {}

    /** Trusts certificates signed by the JDK's certificate authorities for the host name dialled. */
    public static SslContext verifying() throws SSLException {
        return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
    }

    /**
     * Trusts the certificate whose fingerprint {@code known} remembers for {@code server}
     * ("host:port"); a first-seen one is shown to {@code firstUse}, e.g. a prompt "Trust
     * SHA256:...? [y/N]" or a comparison with {@code --fingerprint}.
     */
    public static SslContext pinning(KnownServers known, String server, Predicate<String> firstUse) throws SSLException {
        // The fingerprint replaces both the CA check and host-name verification.
        return SslContextBuilder.forClient()
                .trustManager(new PinningTrustManager(known, server, firstUse))
                .endpointIdentificationAlgorithm(null)
                .build();
    }
}
