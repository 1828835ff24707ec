package dev.obrol.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Messages a client sends to the server. Field names follow the v1 wire format exactly. The
 * permits list names the nested records plus {@link TransferMessage}, which both sides send.
 */
public sealed interface ClientMessage extends Message
        permits ClientMessage.SetUsername,
                ClientMessage.Msg,
                ClientMessage.FileSend,
                ClientMessage.FileResponse,
                ClientMessage.ListRequest,
                ClientMessage.FileStream,
                ClientMessage.Ping,
                ClientMessage.Watch,
                ClientMessage.Unwatch,
                TransferMessage {

    /**
     * First message of every connection. {@code protocol}, {@code client}, {@code lang}, {@code
     * features} and {@code password} are obrol extensions; a v1 client sends only {@code username}.
     * {@code password} is needed only by servers started with one; it is never logged and is left
     * out of {@link #toString()}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SetUsername(
            @JsonProperty(value = "username", required = true) String username,
            @JsonProperty("protocol") Integer protocol,
            @JsonProperty("client") String client,
            @JsonProperty("lang") String lang,
            @JsonProperty("features") List<String> features,
            @JsonProperty("password") String password)
            implements ClientMessage {

        /** A handshake without a password. */
        public SetUsername(String username, Integer protocol, String client, String lang, List<String> features) {
            this(username, protocol, client, lang, features, null);
        }

        /** The handshake a v1 client sends. */
        public static SetUsername v1(String username) {
            return new SetUsername(username, null, null, null, null, null);
        }

        /** This handshake with {@code newPassword} added (for clients of password-protected servers). */
        public SetUsername withPassword(String newPassword) {
            return new SetUsername(username, protocol, client, lang, features, newPassword);
        }

        /** True if the client announced {@code feature} (e.g. "keepalive"). */
        public boolean hasFeature(String feature) {
            return features != null && features.contains(feature);
        }

        @Override
        public String toString() {
            // Keeps the password out of logs and exception messages.
            return "SetUsername[username=" + username + ", protocol=" + protocol + ", client=" + client
                    + ", lang=" + lang + ", features=" + features + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    /**
     * (obrol, feature "keepalive") tells the server the client is alive; the server answers {@code
     * PONG}. A client that announced "keepalive" sends one whenever it has sent nothing for a third
     * of the idle timeout the server announced in {@code SUCCESS.limits}.
     */
    record Ping() implements ClientMessage {}

    /** A direct message to one user. */
    record Msg(
            @JsonProperty(value = "to_username", required = true) String toUsername,
            @JsonProperty(value = "message", required = true) String message)
            implements ClientMessage {}

    /** A whole-file offer (v1 shape): the Base64 of the whole file travels with the offer. */
    record FileSend(
            @JsonProperty(value = "to_username", required = true) String toUsername,
            @JsonProperty(value = "filename", required = true) String filename,
            @JsonProperty(value = "filedata", required = true) String filedata)
            implements ClientMessage {}

    /** Accept or reject an offer; {@code fromUsername} is the user who made the offer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileResponse(
            @JsonProperty(value = "from_username", required = true) String fromUsername,
            @JsonProperty(value = "accepted", required = true) boolean accepted,
            @JsonProperty("filename") String filename)
            implements ClientMessage {}

    /** Ask for the users online. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListRequest(
            @JsonProperty("after") String after,
            @JsonProperty("limit") Integer limit)
            implements ClientMessage {

        /** The whole list as v1 asks for it (obrol servers answer protocol-2 clients one page at a time). */
        public ListRequest() {
            this(null, null);
        }
    }

    /**
     * (protocol 2, feature {@code watch}) tell me when these users come and go. The watch list is
     * the client's; it sends it after each login. Answered with a {@code PRESENCE_BATCH} of the
     * names' current state.
     */
    record Watch(@JsonProperty(value = "usernames", required = true) List<String> usernames) implements ClientMessage {}

    /** (protocol 2, feature {@code watch}) stop telling me about these users. No answer. */
    record Unwatch(@JsonProperty(value = "usernames", required = true) List<String> usernames) implements ClientMessage {}

    /**
     * (protocol 2, {@value StreamLimits#FEATURE}) offers a file to be streamed after acceptance.
     * {@code transferId} is the sender's own name for it (see {@link StreamLimits#isValidId}); the
     * receiver is given an id the server issues. No bytes yet.
     */
    record FileStream(
            @JsonProperty(value = "transfer_id", required = true) String transferId,
            @JsonProperty(value = "to_username", required = true) String toUsername,
            @JsonProperty(value = "filename", required = true) String filename,
            @JsonProperty(value = "size", required = true) long size)
            implements ClientMessage {}
}
