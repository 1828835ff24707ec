package dev.obrol.server.guard;

import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.server.ServerTexts;
import dev.obrol.server.Session;
import dev.obrol.server.TrafficLog;

/**
 * How the guards refuse: a typed ERROR in the session's language, logged with who and why in the
 * operator's language.
 */
final class Refusals {
    private final TrafficLog traffic;
    private final ServerTexts operatorTexts;

    Refusals(TrafficLog traffic, ServerTexts operatorTexts) {
        this.traffic = traffic;
        this.operatorTexts = operatorTexts;
    }

    TrafficLog traffic() {
        return traffic;
    }

    /** The text under {@code key} in the operator's language, for the traffic log. */
    String forOperator(String key, Object... args) {
        return operatorTexts.format(key, args);
    }

    /** Replies with an ERROR and keeps the connection. */
    void error(Session session, String requestType, ErrorCode code, String key, Object... args) {
        traffic.refused(session.actor(), requestType, operatorTexts.format(key, args));
        session.send(new ServerMessage.Error(session.texts().format(key, args), code.wireName()));
    }

    /** Replies with an ERROR, records {@code reason} for the DISCONNECT line, and closes once written. */
    void errorAndClose(Session session, String reason, String requestType, ErrorCode code, String key, Object... args) {
        traffic.refused(session.actor(), requestType, operatorTexts.format(key, args));
        session.closeReason(reason);
        session.sendAndClose(new ServerMessage.Error(session.texts().format(key, args), code.wireName()));
    }
}
