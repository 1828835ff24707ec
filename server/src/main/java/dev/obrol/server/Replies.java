package dev.obrol.server;

import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.ServerMessage;

/** Sends typed ERROR replies and logs each refusal with the user it concerns. */
final class Replies {
    private final TrafficLog traffic;

    Replies(TrafficLog traffic) {
        this.traffic = traffic;
    }

    /** Replies with an ERROR whose text is {@code key} in the session's language; keeps the connection. */
    void error(Session session, String requestType, ErrorCode code, String key, Object... args) {
        String text = session.texts().format(key, args);
        traffic.refused(session.actor(), requestType, text);
        session.send(new ServerMessage.Error(text, code.wireName()));
    }

    /** Replies with an ERROR, then closes the connection once the reply is written. */
    void errorAndClose(Session session, String requestType, ErrorCode code, String key, Object... args) {
        String text = session.texts().format(key, args);
        traffic.refused(session.actor(), requestType, text);
        session.sendAndClose(new ServerMessage.Error(text, code.wireName()));
    }
}
