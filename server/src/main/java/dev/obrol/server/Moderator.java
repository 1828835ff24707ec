package dev.obrol.server;

import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.ServerMessage;
import java.util.Optional;

/**
 * The operator's {@code kick}: tells the user why in their language (an ERROR with code
 * {@code KICKED}), closes the connection once that is written, and logs it as traffic. The usual
 * logout (presence, dropped offers) follows from the close. Thread-safe.
 */
public final class Moderator {
    private final Directory directory;
    private final TrafficLog traffic;

    Moderator(Directory directory, TrafficLog traffic) {
        this.directory = directory;
        this.traffic = traffic;
    }

    /** Disconnects {@code username}; returns the name as registered, empty if nobody by that name is online. */
    public Optional<String> kick(String username, String reason) {
        Optional<User> found = directory.locate(username);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        User user = found.get();
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        traffic.kicked(user.name(), why == null ? "" : why);
        for (Session session : user.sessions()) { // every device of the user
            String text = why == null ? session.texts().format("kicked") : session.texts().format("kicked.reason", why);
            session.closeReason(why == null ? "kicked by the operator" : "kicked by the operator: " + why);
            session.sendAndClose(new ServerMessage.Error(text, ErrorCode.KICKED.wireName()));
        }
        return Optional.of(user.name());
    }
}
