package dev.obrol.client;

import dev.obrol.net.ClientTls;
import dev.obrol.net.KnownServers;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * Sets up TLS on a {@link ServerConnector} as {@link AccessOptions} say: off, CA verification, or
 * fingerprint pinning (trust on first use, remembered in {@link KnownServers}).
 *
 * <p>On first use without {@code --fingerprint}, a probe connection learns the server's
 * fingerprint and is refused on purpose; then the user is asked, with no handshake waiting on the
 * answer (the server would time it out while the user compares fingerprints), and the accepted
 * fingerprint is remembered. Every real connection then trusts only what is remembered, so a
 * certificate that changes in between is refused like any other change. Used by the login thread.
 */
final class TlsSetup {
    private final AccessOptions.TlsMode mode;
    private final String expected;
    private final KnownServers known;
    private final Ui ui;
    private final Texts texts;
    /** The fingerprint the last pinning check saw and did not accept (first use, or not the --fingerprint). */
    private final AtomicReference<String> refused = new AtomicReference<>();
    private boolean configured;

    /**
     * @param expected the --fingerprint in canonical form, or null to ask the user on first use
     */
    TlsSetup(AccessOptions.TlsMode mode, String expected, KnownServers known, Ui ui, Texts texts) {
        this.mode = mode;
        this.expected = expected;
        this.known = known;
        this.ui = ui;
        this.texts = texts;
    }

    boolean enabled() {
        return mode != AccessOptions.TlsMode.OFF;
    }

    /**
     * Makes {@code connector} speak TLS (once; later calls do nothing). False when the user did not
     * trust the server (the reason already shown). A probe that cannot connect or fails its
     * handshake throws, to be reported like the real connection's failure.
     */
    boolean configure(ServerConnector connector) throws IOException {
        if (configured || mode == AccessOptions.TlsMode.OFF) {
            return true;
        }
        String server = server(connector);
        if (mode == AccessOptions.TlsMode.VERIFY) {
            connector.useTls(ClientTls.verifying());
        } else if (expected != null || known.lookup(server).isPresent()) {
            connector.useTls(pinning(server));
        } else {
            String seen = probe(connector, server);
            if (seen != null && !askTrust(server, seen)) {
                return false;
            }
            connector.useTls(pinning(server));
        }
        configured = true;
        return true;
    }

    /** A pinning context that accepts a first-seen certificate only if it is the --fingerprint. */
    private SslContext pinning(String server) throws SSLException {
        return ClientTls.pinning(known, server, seen -> {
            if (seen.equals(expected)) {
                return true;
            }
            refused.set(seen);
            return false;
        });
    }

    /** The fingerprint of a server not known yet; null if it became known meanwhile (the probe got through). */
    private String probe(ServerConnector connector, String server) throws IOException {
        connector.useTls(pinning(server));
        refused.set(null);
        try {
            connector.connect(new InboundRouter(new Handshake("", texts.language()))).close();
            return null;
        } catch (TlsFailure failure) {
            String seen = refused.getAndSet(null);
            if (seen == null) {
                throw failure; // not our refusal: a real problem (not TLS, timeout, ...)
            }
            return seen;
        }
    }

    private boolean askTrust(String server, String seen) {
        ui.show(texts.get("tls.firstUse", server, seen));
        String answer = ui.ask(texts.get("tls.trust.question"));
        if (answer == null) {
            // Nobody to ask (input ended, e.g. a script): say how to trust it without a question.
            ui.error(texts.get("tls.noAnswer", server, seen));
            return false;
        }
        String said = answer.strip().toLowerCase(Locale.ROOT);
        if (Arrays.stream(texts.get("tls.trust.yes").split(",")).noneMatch(yes -> yes.strip().equals(said))) {
            ui.error(texts.get("tls.notTrusted", server, seen));
            return false;
        }
        known.remember(server, seen);
        ui.show(texts.get("tls.remembered", server, known.file()));
        return true;
    }

    /** The text for the user when the handshake with the server failed; never a stack trace. */
    String describe(TlsFailure failure, ServerConnector connector) {
        return TlsProblems.describe(failure, server(connector), mode, expected, refused.get(), texts);
    }

    /** How a server is named in known_servers: "host:port" as the user typed it. */
    static String server(ServerConnector connector) {
        return connector.host() + ":" + connector.port();
    }
}
