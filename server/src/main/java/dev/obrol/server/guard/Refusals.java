package dev.obrol.server.guard;

import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.server.Session;
import dev.obrol.server.TrafficLog;

/** How the guards refuse: a typed ERROR in the session's language, logged with who and why. */
final class Refusals {
    private final TrafficLog traffic;

    Refusals(TrafficLog traffic) {
        this.traffic = traffic;
    }

    TrafficLog traffic() {
        return traffic;
    }

    /** Replies with an ERROR and keeps the connection. */
    void error(Session session, String requestType, ErrorCode code, String key, Object... args) {
        String text = session.texts().format(key, args);
        traffic.refused(session.actor(), requestType, text);
        session.send(new ServerMessage.Error(text, code.wireName()));
    }

    /** Replies with an ERROR, records {@code reason} for the DISCONNECT line, and closes once written. */
    void errorAndClose(Session session, String reason, String requestType, ErrorCode code, String key, Object... args) {
        String text = session.texts().format(key, args);
        traffic.refused(session.actor(), requestType, text);
        session.closeReason(reason);
        session.sendAndClose(new ServerMessage.Error(text, code.wireName()));
    }
}
