package dev.obrol.client;

import dev.obrol.Version;
import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.StreamLimits;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The login exchange, without sockets: the request to send, then the server's first answer
 * decides. SUCCESS accepts (and tells obrol from v1 servers); an ERROR about the name, with a code
 * or without one (v1 sends none), lets the user try another name; BAD_PASSWORD lets the user try
 * another password; any other ERROR (a full server, too many connections), or the
 * connection closing before an answer, fails. Anything else before the answer is ignored. Not
 * thread-safe: driven from the connection's event loop.
 */
public final class Handshake {
    /** Protocol version this client speaks. */
    static final int PROTOCOL = 2;
    /** The server tells obrol clients when people come and go (PRESENCE). */
    static final String PRESENCE = "presence";
    /** The server tells of the comings and goings of the people a client names in WATCH. */
    static final String WATCH = "watch";
    /** The client reads several presence changes in one PRESENCE_BATCH line. */
    static final String PRESENCE_BATCH = "presence_batch";
    /**
     * Extensions this client understands (PRESENCE notices, itself marked in CLIENT_LIST, streamed
     * files, WATCH and PRESENCE_BATCH, file chunks as binary frames), as the server names them.
     */
    static final List<String> FEATURES = List.of(PRESENCE, "list_self", StreamLimits.FEATURE, WATCH, PRESENCE_BATCH,
            StreamLimits.BINARY_FEATURE);

    private final String username;
    private final String language;
    private HandshakeOutcome outcome;

    public Handshake(String username, String language) {
        this.username = username;
        this.language = language;
    }

    /** The first message on the connection. Extra fields are ignored by a v1 server. */
    public ClientMessage.SetUsername request() {
        // "keepalive" is a promise to ping (kept by the Keepalive stage), not an extension to read.
        List<String> features = Stream.concat(FEATURES.stream(), Stream.of(Keepalive.FEATURE)).toList();
        return new ClientMessage.SetUsername(username, PROTOCOL, Version.agent(), language, features);
    }

    /** Feeds one message from the server; the outcome once the answer has arrived. */
    public Optional<HandshakeOutcome> onMessage(Object message) {
        if (outcome == null) {
            if (message instanceof ServerMessage.Success success) {
                outcome = new HandshakeOutcome.Accepted(ServerInfo.from(success), success.message());
            } else if (message instanceof ServerMessage.Error error) {
                if (ErrorCode.BAD_PASSWORD.wireName().equals(error.code())) {
                    outcome = new HandshakeOutcome.PasswordRefused(error.message());
                } else {
                    outcome = isAboutTheName(error.code())
                            ? new HandshakeOutcome.NameRefused(error.message())
                            : new HandshakeOutcome.Failed(error.message(), error.code());
                }
            }
        }
        return Optional.ofNullable(outcome);
    }

    /** The connection closed; the outcome stays if it was already decided. */
    public HandshakeOutcome onClosed() {
        if (outcome == null) {
            outcome = new HandshakeOutcome.Failed(null);
        }
        return outcome;
    }

    public Optional<HandshakeOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    private static boolean isAboutTheName(String code) {
        return code == null
                || code.equals(ErrorCode.USERNAME_TAKEN.wireName())
                || code.equals(ErrorCode.INVALID_USERNAME.wireName());
    }
}
