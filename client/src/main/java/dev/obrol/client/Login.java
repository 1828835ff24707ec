package dev.obrol.client;

import dev.obrol.protocol.Limits;
import dev.obrol.protocol.Text;
import dev.obrol.protocol.Usernames;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gets the user logged in: asks for a name unless one was given, checks it locally, connects and
 * runs the {@link Handshake}. A refused name (taken, invalid) means asking for another and
 * reconnecting, as the server closes the connection after refusing; a refused password means
 * asking the {@link PasswordSource} and reconnecting with the same name. TLS is set up by {@link
 * TlsSetup} before the first connection. Anything else that goes wrong (no server, an untrusted
 * certificate, a full server, input ended) is reported once and ends the attempt with a non-zero
 * status.
 */
final class Login {
    /** Exit status when logging in failed. */
    static final int EXIT_FAILED = 1;
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    /** A logged-in connection. */
    record Connected(String username, ServerInfo server, ServerConnection connection, InboundRouter router) {}

    private final ServerConnector connector;
    private final Ui ui;
    private final Texts texts;
    private final TlsSetup tls;
    private final PasswordSource passwords;

    Login(ServerConnector connector, Ui ui, Texts texts, TlsSetup tls, PasswordSource passwords) {
        this.connector = connector;
        this.ui = ui;
        this.texts = texts;
        this.tls = tls;
        this.passwords = passwords;
    }

    /** Logs in, starting with {@code givenName} if not null; empty when it failed (already reported). */
    Optional<Connected> run(String givenName) {
        String name = givenName;
        while (true) {
            if (name == null) {
                String answer = ui.ask(texts.get("prompt.username"));
                if (answer == null) {
                    ui.error(texts.get("login.noName"));
                    return Optional.empty();
                }
                name = answer.strip();
            }
            name = Usernames.display(name); // the spelling the server keeps, so both sides show the same name
            Optional<Usernames.Problem> problem = Usernames.check(name);
            if (problem.isPresent()) {
                String why = texts.get("username." + problem.get().name(), Limits.MAX_USERNAME_CHARS);
                ui.show(texts.get("login.invalid", Text.escapeControls(name), why));
                name = null;
                continue;
            }
            Attempt attempt = attempt(name);
            if (attempt.connected != null) {
                return Optional.of(attempt.connected);
            }
            if (!attempt.retry) {
                return Optional.empty();
            }
            if (!attempt.sameName) {
                name = null;
            }
        }
    }

    /** How one attempt ended: logged in, or retry (with another name, or the same one and a new password), or give up. */
    private record Attempt(Connected connected, boolean retry, boolean sameName) {
        Attempt(Connected connected, boolean retry) {
            this(connected, retry, false);
        }
    }

    private Attempt attempt(String name) {
        Handshake handshake = new Handshake(name, texts.language());
        InboundRouter router = new InboundRouter(handshake);
        ServerConnection connection;
        try {
            if (!tls.configure(connector)) {
                return new Attempt(null, false);
            }
            connection = connector.connect(router);
        } catch (TlsFailure e) {
            ui.error(tls.describe(e, connector));
            return new Attempt(null, false);
        } catch (UnknownHostException e) {
            ui.error(texts.get("error.connect.unknownHost", Text.escapeControls(connector.host())));
            return new Attempt(null, false);
        } catch (IOException e) {
            String where = Text.escapeControls(connector.host());
            String port = String.valueOf(connector.port());
            // Netty's own texts ("finishConnect(..) failed with error(-111)") mean nothing to a person.
            if (e.getCause() instanceof ConnectTimeoutException) {
                ui.error(texts.get("error.connect.timeout", where, port));
                return new Attempt(null, false);
            }
            if (e.getCause() instanceof ConnectException) {
                ui.error(texts.get("error.connect.refused", where, port));
                return new Attempt(null, false);
            }
            ui.error(texts.get("error.connect", Text.escapeControls(connector.host()), String.valueOf(connector.port()),
                    Text.escapeControls(String.valueOf(e.getMessage()))));
            return new Attempt(null, false);
        }
        connection.send(handshake.request().withPassword(passwords.current()));
        HandshakeOutcome outcome = await(router);
        if (outcome == null) {
            connection.close();
            ui.error(texts.get("login.noAnswer", ANSWER_TIMEOUT_SECONDS));
            return new Attempt(null, false);
        }
        if (outcome instanceof HandshakeOutcome.Accepted accepted) {
            connection.paceWrites(accepted.server().v1());
            welcome(name, accepted);
            return new Attempt(new Connected(name, accepted.server(), connection, router), false);
        }
        connection.close();
        if (outcome instanceof HandshakeOutcome.NameRefused refused) {
            ui.show(texts.get("login.refused", Text.escapeControls(name), Text.escapeControls(String.valueOf(refused.reason()))));
            return new Attempt(null, true);
        }
        if (outcome instanceof HandshakeOutcome.PasswordRefused) {
            return new Attempt(null, passwords.refused(), true);
        }
        HandshakeOutcome.Failed failed = (HandshakeOutcome.Failed) outcome;
        if (failed.reason() != null) {
            // A full server, say: another name would not help. The server's words carry its numbers, but
            // before the login it cannot know our language, so known codes get a sentence of ours first.
            String key = "login.failed." + failed.code();
            ui.error(texts.get(texts.has(key) ? key : "login.failed", Text.escapeControls(failed.reason())));
        } else {
            // A TLS server drops a plain client without a word; that is the likeliest cause worth naming.
            ui.error(texts.get(tls.enabled() ? "login.closed" : "login.closed.tlsHint"));
        }
        return new Attempt(null, false);
    }

    /** The server's answer; null if none came in time. */
    private static HandshakeOutcome await(InboundRouter router) {
        try {
            return router.outcome().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HandshakeOutcome.Failed(null);
        } catch (ExecutionException e) {
            return new HandshakeOutcome.Failed(null);
        }
    }

    private void welcome(String name, HandshakeOutcome.Accepted accepted) {
        if (accepted.welcome() != null && !accepted.welcome().isBlank()) {
            ui.show(Text.escapeControls(accepted.welcome()));
        }
        ui.show(texts.get("login.connected", Text.escapeControls(connector.host()), String.valueOf(connector.port()), Text.escapeControls(name)));
        if (accepted.server().v1()) {
            ui.show(texts.get("login.v1"));
        }
        ui.show(texts.get("login.hint"));
    }
}
