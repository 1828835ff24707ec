package dev.obrol.server;

import dev.obrol.Version;
import dev.obrol.protocol.ClientMessage.SetUsername;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.Usernames;
import dev.obrol.server.presence.ScopedPresence;
import java.util.List;
import java.util.Optional;

/**
 * Logs users in and out: checks the name, claims it in the {@link Directory}, answers the
 * handshake, and tells the {@link LoginListener}s (message of the day, presence, offers,
 * transfers), which do the rest. v1 clients are sent nothing they do not know.
 */
final class Logins {
    /** Protocol version spoken by obrol; v1 clients send none. */
    static final int PROTOCOL = 2;

    static final List<String> FEATURES = List.of("presence", "list_self", StreamLimits.FEATURE, "watch",
            ScopedPresence.PRESENCE_BATCH, "list_pages", StreamLimits.BINARY_FEATURE);

    private final Directory directory;
    private final TrafficLog traffic;
    private final Replies replies;
    private final Limits limits;
    private final List<LoginListener> listeners;
    private final ServerTexts operatorTexts;

    /** {@code operatorTexts}: the console's language, in which the traffic log gives reasons. */
    Logins(Directory directory, TrafficLog traffic, Replies replies, Limits limits, List<LoginListener> listeners,
            ServerTexts operatorTexts) {
        this.directory = directory;
        this.operatorTexts = operatorTexts;
        this.traffic = traffic;
        this.replies = replies;
        this.limits = limits;
        this.listeners = List.copyOf(listeners);
    }

    void login(Session session, SetUsername request) {
        if (session.isLoggedIn()) {
            replies.error(session, "SET_USERNAME", ErrorCode.ALREADY_LOGGED_IN, "login.again", session.username());
            return;
        }
        boolean obrol = request.protocol() != null && request.protocol() >= PROTOCOL;
        // Refusals are worded in the language the client asked for, before it has a name.
        ServerTexts texts = obrol ? ServerTexts.forLanguage(request.lang()) : session.texts();
        String name = Usernames.display(request.username());
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
        User user = new User(name, session);
        Optional<Directory.Conflict> conflict = directory.claim(user);
        if (conflict.isPresent()) {
            // A look-alike is refused with the same code as the name itself: clients already ask for another.
            if (conflict.get().lookAlike()) {
                refuse(session, name, "looks like " + conflict.get().holder(), ErrorCode.USERNAME_TAKEN,
                        texts.format("username.confusable", name, conflict.get().holder()));
            } else {
                refuse(session, name, "already in use", ErrorCode.USERNAME_TAKEN, texts.format("username.taken", name));
            }
            return;
        }
        session.loggedInAs(user);
        session.cancelLoginDeadline();
        if (obrol && session.supports(StreamLimits.BINARY_FEATURE)) {
            session.useBinaryChunks(); // before the answer: once the client reads it, it may send them
        }
        traffic.loginAccepted(name, session.remote(), obrol ? String.valueOf(request.client()) : "v1 client");
        String welcome = texts.format("welcome", name);
        // The answer goes alone: a v1 client parses its first read as the answer. It goes first too,
        // before a presence or message others may have queued since the name was claimed.
        session.sendLoginAnswer(obrol
                ? new ServerMessage.Success(welcome, PROTOCOL, Version.agent(), limits, FEATURES)
                : ServerMessage.Success.v1(welcome));
        for (LoginListener listener : listeners) {
            listener.loggedIn(user, session);
        }
    }

    /** Called once when a connection closes, logged in or not. */
    void logout(Session session, String reason) {
        traffic.disconnected(session.actor(), session.remote(), reason);
        User user = session.user();
        if (user == null) {
            return;
        }
        boolean last = user.detach(session);
        if (last) {
            directory.release(user);
        }
        for (LoginListener listener : listeners) {
            listener.loggedOut(user, session, last); // e.g. the other end of each transfer is told at once
        }
    }

    /** Answers a refused login like v1 does: one ERROR, then the connection closes. */
    private void refuse(Session session, String name, String reason, ErrorCode code, String text) {
        traffic.loginRefused(session.remote(), name, reason);
        session.closeReason("login refused");
        session.sendAndClose(new ServerMessage.Error(text, code.wireName()));
    }

    private static String problemKey(Usernames.Problem problem) {
        return switch (problem) {
            case EMPTY -> "username.empty";
            case TOO_LONG -> "username.too_long";
            case INVISIBLE -> "username.invisible";
            case BAD_CHARS -> "username.bad_chars";
            case HIDDEN_MARK -> "username.hidden_mark";
            case MIXED_DIGITS -> "username.mixed_digits";
            case MIXED_SCRIPTS -> "username.mixed_scripts";
        };
    }
}
