package dev.obrol.client;

import dev.obrol.protocol.Limits;
import dev.obrol.protocol.ServerMessage;
import java.util.List;
import java.util.Set;

/**
 * What the handshake told us about the server. An obrol server's SUCCESS carries its protocol
 * version, name, limits and features; a v1 server's carries only a greeting, and the client then
 * runs in v1-server mode: no frame over {@link Limits#V1_MAX_FRAME_BYTES}, no extensions expected.
 */
public record ServerInfo(boolean v1, String software, Limits limits, Set<String> features) {

    /** The server behind {@code success}, with defaults for any limit it left out. */
    public static ServerInfo from(ServerMessage.Success success) {
        if (success.protocol() == null) {
            return v1Server();
        }
        Limits announced = success.limits();
        Limits defaults = Limits.defaults();
        Limits limits = announced == null
                ? defaults
                : new Limits(
                        positiveOr(announced.maxFrameBytes(), defaults.maxFrameBytes()),
                        positiveOr(announced.maxMessageChars(), defaults.maxMessageChars()),
                        announced.maxFileBytes() > 0 ? announced.maxFileBytes() : defaults.maxFileBytes())
                        // Kept as announced: absent means "no limit" and "no pings" (see Keepalive).
                        .announcing(announced.messagesPerSecond(), announced.idleTimeoutSeconds());
        List<String> features = success.features() == null ? List.of() : success.features();
        return new ServerInfo(false, success.server(), limits, Set.copyOf(features));
    }

    /** A server that behaves like the original Python one. */
    public static ServerInfo v1Server() {
        // v1 parses whatever one recv(4096) returned, so every frame must fit in 4096 bytes; the
        // frame check is what bounds messages and files, the other two limits never bite first.
        Limits limits = new Limits(Limits.V1_MAX_FRAME_BYTES, Limits.DEFAULT_MAX_MESSAGE_CHARS, Limits.DEFAULT_MAX_FILE_BYTES);
        return new ServerInfo(true, null, limits, Set.of());
    }

    private static int positiveOr(int value, int fallback) {
        return value > 0 ? value : fallback;
    }
}
