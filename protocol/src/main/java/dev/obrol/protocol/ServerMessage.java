package dev.obrol.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Messages the server sends to a client (the permits list names the nested records plus
 * {@link TransferMessage}, which the server relays between clients). Fields marked as extensions are left out when null, so a
 * v1 client sees exactly the fields it knows.
 */
public sealed interface ServerMessage extends Message
        permits ServerMessage.Success,
                ServerMessage.Error,
                ServerMessage.Info,
                ServerMessage.PeerMsg,
                ServerMessage.FileOffer,
                ServerMessage.FileAccepted,
                ServerMessage.FileRejected,
                ServerMessage.ClientList,
                ServerMessage.ServerMsg,
                ServerMessage.Broadcast,
                ServerMessage.Presence,
                ServerMessage.PresenceBatch,
                ServerMessage.FileStreamOffer,
                ServerMessage.Pong,
                TransferMessage {

    /**
     * Handshake accepted. {@code protocol}, {@code server} and {@code limits} are obrol extensions:
     * their presence tells an obrol client that it talks to an obrol server.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Success(
            @JsonProperty(value = "message", required = true) String message,
            @JsonProperty("protocol") Integer protocol,
            @JsonProperty("server") String server,
            @JsonProperty("limits") Limits limits,
            @JsonProperty("features") List<String> features)
            implements ServerMessage {

        public static Success v1(String message) {
            return new Success(message, null, null, null, null);
        }
    }

    /** Something went wrong. {@code code} (extension) is a stable machine-readable reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(
            @JsonProperty(value = "message", required = true) String message,
            @JsonProperty("code") String code)
            implements ServerMessage {}

    /** A neutral notice, e.g. "file sent, waiting for a response". */
    record Info(@JsonProperty(value = "message", required = true) String message) implements ServerMessage {}

    /** A direct message from another user; the server stamps {@code fromUsername}. */
    record PeerMsg(
            @JsonProperty(value = "from_username", required = true) String fromUsername,
            @JsonProperty(value = "message", required = true) String message)
            implements ServerMessage {}

    /** A file offered to this client. {@code size} (extension) is the decoded size in bytes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileOffer(
            @JsonProperty(value = "from_username", required = true) String fromUsername,
            @JsonProperty(value = "filename", required = true) String filename,
            @JsonProperty("filedata") String filedata,
            @JsonProperty("message") String message,
            @JsonProperty("size") Long size)
            implements ServerMessage {}

    /** Told to the sender of an offer: {@code fromUsername} is the user who accepted it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileAccepted(
            @JsonProperty(value = "from_username", required = true) String fromUsername,
            @JsonProperty("filename") String filename,
            @JsonProperty("message") String message)
            implements ServerMessage {}

    /** Told to the sender of an offer: {@code fromUsername} is the user who rejected it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileRejected(
            @JsonProperty(value = "from_username", required = true) String fromUsername,
            @JsonProperty("filename") String filename,
            @JsonProperty("message") String message)
            implements ServerMessage {}

    /** The users online. v1 leaves the requester out; obrol clients get everyone, self marked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClientList(
            @JsonProperty(value = "clients", required = true) List<Entry> clients,
            @JsonProperty("online") Integer online,
            @JsonProperty("more") Boolean more)
            implements ServerMessage {

        /** The whole list, as v1 knows it. */
        public ClientList(List<Entry> clients) {
            this(clients, null, null);
        }

        /** One online user; {@code you} (extension) marks the requester. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Entry(
                @JsonProperty(value = "username", required = true) String username,
                @JsonProperty("you") Boolean you) {}
    }

    /** A message from the server operator to this client. */
    record ServerMsg(@JsonProperty(value = "message", required = true) String message) implements ServerMessage {}

    /** A message from the server operator to everyone. */
    record Broadcast(@JsonProperty(value = "message", required = true) String message) implements ServerMessage {}

    /** (obrol only) a user came online or left. {@code status} is "online" or "offline". */
    record Presence(
            @JsonProperty(value = "username", required = true) String username,
            @JsonProperty(value = "status", required = true) String status)
            implements ServerMessage {

        public static final String ONLINE = "online";
        public static final String OFFLINE = "offline";
    }

    /**
     * (protocol 2, feature {@code presence_batch}) several presence changes in one line: who is
     * online and who left since the last one. A name appears at most once, with its latest state.
     */
    record PresenceBatch(
            @JsonProperty(value = "online", required = true) List<String> online,
            @JsonProperty(value = "offline", required = true) List<String> offline)
            implements ServerMessage {}

    /**
     * (protocol 2) a file offered to be streamed: nothing is sent until the receiver answers with
     * {@code FILE_STREAM_ACCEPT} or {@code FILE_STREAM_CANCEL}. {@code filename} is sanitized.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileStreamOffer(
            @JsonProperty(value = "transfer_id", required = true) String transferId,
            @JsonProperty(value = "from_username", required = true) String fromUsername,
            @JsonProperty(value = "filename", required = true) String filename,
            @JsonProperty(value = "size", required = true) long size,
            @JsonProperty("message") String message)
            implements ServerMessage {}
    /** (obrol) the answer to a client's {@code PING}. */
    record Pong() implements ServerMessage {}
}
