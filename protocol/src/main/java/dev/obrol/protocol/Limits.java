package dev.obrol.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The limits a server enforces, announced to obrol clients in the handshake so they can refuse
 * oversized input locally with a clear message instead of a round trip.
 *
 * @param messagesPerSecond (optional) sustained requests per second the server accepts from one
 *     connection; bursts of a few times that are fine
 * @param idleTimeoutSeconds (optional) how long a client that announced the "keepalive" feature
 *     may stay silent before it is disconnected; it sends {@code PING} well before (a third of it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limits(
        @JsonProperty("max_frame_bytes") int maxFrameBytes,
        @JsonProperty("max_message_chars") int maxMessageChars,
        @JsonProperty("max_file_bytes") long maxFileBytes,
        @JsonProperty("messages_per_second") Integer messagesPerSecond,
        @JsonProperty("idle_timeout_seconds") Integer idleTimeoutSeconds) {

    /** Limits without the optional rate and keepalive announcements. */
    public Limits(int maxFrameBytes, int maxMessageChars, long maxFileBytes) {
        this(maxFrameBytes, maxMessageChars, maxFileBytes, null, null);
    }

    /** These limits with the rate and keepalive announcements set. */
    public Limits announcing(Integer newMessagesPerSecond, Integer newIdleTimeoutSeconds) {
        return new Limits(maxFrameBytes, maxMessageChars, maxFileBytes, newMessagesPerSecond, newIdleTimeoutSeconds);
    }

    /** Longest username, in characters. */
    public static final int MAX_USERNAME_CHARS = 32;

    /** Longest chat message, in UTF-16 characters (64 Ki). */
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 64 * 1024;

    /** Largest file sent in the v1 whole-file shape (10 MiB, as the original recommends). */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    /**
     * Largest frame: a whole-file offer is Base64 (4/3 of the file) plus JSON escaping of the name;
     * 16 MiB leaves room for a 10 MiB file.
     */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /** The largest frame a v1 peer can read: it parses whatever one recv(4096) returned. */
    public static final int V1_MAX_FRAME_BYTES = 4096;

    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_MESSAGE_CHARS, DEFAULT_MAX_FILE_BYTES);
    }
}
