package dev.obrol.server;

import dev.obrol.Version;
import dev.obrol.protocol.ClientMessage.SetUsername;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.ServerMessage.Presence;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.Usernames;
import dev.obrol.server.transfer.OfferBook;
import dev.obrol.server.transfer.TransferRelay;
import java.util.List;
import java.util.Optional;

/**
 * Logs users in and out: checks the name, claims it in the registry, answers the handshake, and
 * tells obrol clients who came and went (v1 clients are sent nothing they do not know).
 */
final class Logins {
    /** Protocol version spoken by obrol; v1 clients send none. */
    static final int PROTOCOL = 2;

    static final List<String> FEATURES = List.of("presence", "list_self", StreamLimits.FEATURE);

    private final SessionRegistry registry;
    private final OfferBook offers;
    private final TrafficLog traffic;
    private final Replies replies;
    private final Limits limits;
    private final TransferRelay transfers;
    private final ServerTexts operatorTexts;
    private volatile Motd motd;

    Logins(SessionRegistry registry, OfferBook offers, TrafficLog traffic, Replies replies, Limits limits,
            TransferRelay transfers, ServerTexts operatorTexts) {
        this.transfers = transfers;
        this.operatorTexts = operatorTexts;
        this.registry = registry;
        this.offers = offers;
        this.traffic = traffic;
        this.replies = replies;
        this.limits = limits;
    }

    /** Sends {@code newMotd}'s text, when set, to everyone after their login answer. */
    void greetWith(Motd newMotd) {
        this.motd = newMotd;
    }

    void login(Session session, SetUsername request) {
        if (session.isLoggedIn()) {
            replies.error(session, "SET_USERNAME", ErrorCode.ALREADY_LOGGED_IN, "login.again", session.username());
            return;
        }
        boolean obrol = request.protocol() != null && request.protocol() >= PROTOCOL;
        // Refusals are worded in the language the client asked for, before it has a name.
        ServerTexts texts = obrol ? ServerTexts.forLanguage(request.lang()) : session.texts();
        String name = request.username();
        Optional<Usernames.Problem> problem = Usernames.check(name);
        session.negotiate(obrol, texts);
        if (obrol) {
            session.features(request.features());
        }
        if (problem.isPresent()) {
            String key = problemKey(problem.get());
            String told = texts.format("username.invalid", texts.format(key, Limits.MAX_USERNAME_CHARS));
            // The user reads the reason in their language, the operator in the console's.
            refuse(session, name, operatorTexts.format(key, Limits.MAX_USERNAME_CHARS), ErrorCode.INVALID_USERNAME, told);
            return;
        }
        session.name(name);
        if (!registry.register(name, session)) {
            session.name(null);
            refuse(session, name, "already in use", ErrorCode.USERNAME_TAKEN, texts.format("username.taken", name));
            return;
        }
        session.cancelLoginDeadline();
        traffic.loginAccepted(name, session.remote(), obrol ? String.valueOf(request.client()) : "v1 client");
        String welcome = texts.format("welcome", name);
        // The answer goes alone: a v1 client parses its first read as the answer. It goes first too,
        // before a presence or message others may have queued since the name was registered.
        session.sendLoginAnswer(obrol
                ? new ServerMessage.Success(welcome, PROTOCOL, Version.agent(), limits, FEATURES)
                : ServerMessage.Success.v1(welcome));
        Motd greeting = motd;
        if (greeting != null) {
            greeting.afterLogin(session);
        }
        announce(session, Presence.ONLINE);
    }

    /** Called once when a connection closes, logged in or not. */
    void logout(Session session, String reason) {
        traffic.disconnected(session.actor(), session.remote(), reason);
        if (registry.unregister(session)) {
            offers.dropAllOf(session.username());
            transfers.sessionClosed(session); // the other end of each transfer is told at once
            announce(session, Presence.OFFLINE);
        }
    }

    /** Answers a refused login like v1 does: one ERROR, then the connection closes. */
    private void refuse(Session session, String name, String reason, ErrorCode code, String text) {
        traffic.loginRefused(session.remote(), name, reason);
        session.closeReason("login refused");
        session.sendAndClose(new ServerMessage.Error(text, code.wireName()));
    }

    private void announce(Session subject, String status) {
        Presence presence = new Presence(subject.username(), status);
        for (Session other : registry.obrolClients()) {
            if (other != subject && other.isObrolClient()) {
                other.send(presence);
            }
        }
    }

    private static String problemKey(Usernames.Problem problem) {
        return switch (problem) {
            case EMPTY -> "username.empty";
            case TOO_LONG -> "username.too_long";
            case BAD_CHARS -> "username.bad_chars";
        };
    }
}
