package dev.obrol.server;

import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.ServerMessage;

/**
 * Sends typed ERROR replies and logs each refusal with the user it concerns: the user reads the
 * text in their language, the traffic log in the operator's.
 */
final class Replies {
    private final TrafficLog traffic;
    private final ServerTexts operatorTexts;

    Replies(TrafficLog traffic, ServerTexts operatorTexts) {
        this.traffic = traffic;
        this.operatorTexts = operatorTexts;
    }

    /** Replies with an ERROR whose text is {@code key} in the session's language; keeps the connection. */
    void error(Session session, String requestType, ErrorCode code, String key, Object... args) {
        traffic.refused(session.actor(), requestType, operatorTexts.format(key, args));
        session.send(new ServerMessage.Error(session.texts().format(key, args), code.wireName()));
    }

    /**
     * Replies with an ERROR whose text is {@code key} in the session's language; the traffic log
     * gets it in the operator's language followed by {@code detail}, which is never sent to the peer.
     */
    void errorWithDetail(Session session, String requestType, ErrorCode code, String key, String detail) {
        traffic.refused(session.actor(), requestType, operatorTexts.format(key) + " (" + detail + ")");
        session.send(new ServerMessage.Error(session.texts().format(key), code.wireName()));
    }

    /** Replies with an ERROR, then closes the connection once the reply is written. */
    void errorAndClose(Session session, String requestType, ErrorCode code, String key, Object... args) {
        traffic.refused(session.actor(), requestType, operatorTexts.format(key, args));
        session.sendAndClose(new ServerMessage.Error(session.texts().format(key, args), code.wireName()));
    }
}
