package dev.obrol.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One JSON object on the wire. The {@code type} field selects the record; see docs/PROTOCOL.md.
 *
 * <p>Messages a client may send implement {@link ClientMessage}; messages a server sends implement
 * {@link ServerMessage}. Every record is immutable and safe to share between threads.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientMessage.SetUsername.class, name = "SET_USERNAME"),
    @JsonSubTypes.Type(value = ClientMessage.Msg.class, name = "MSG"),
    @JsonSubTypes.Type(value = ClientMessage.FileSend.class, name = "FILE"),
    @JsonSubTypes.Type(value = ClientMessage.FileResponse.class, name = "FILE_RESPONSE"),
    @JsonSubTypes.Type(value = ClientMessage.ListRequest.class, name = "LIST"),
    @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "PING"),
    @JsonSubTypes.Type(value = ClientMessage.Watch.class, name = "WATCH"),
    @JsonSubTypes.Type(value = ClientMessage.Unwatch.class, name = "UNWATCH"),
    @JsonSubTypes.Type(value = ServerMessage.Success.class, name = "SUCCESS"),
    @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "ERROR"),
    @JsonSubTypes.Type(value = ServerMessage.Info.class, name = "INFO"),
    @JsonSubTypes.Type(value = ServerMessage.PeerMsg.class, name = "PEER_MSG"),
    @JsonSubTypes.Type(value = ServerMessage.FileOffer.class, name = "FILE_OFFER"),
    @JsonSubTypes.Type(value = ServerMessage.FileAccepted.class, name = "FILE_ACCEPTED"),
    @JsonSubTypes.Type(value = ServerMessage.FileRejected.class, name = "FILE_REJECTED"),
    @JsonSubTypes.Type(value = ServerMessage.ClientList.class, name = "CLIENT_LIST"),
    @JsonSubTypes.Type(value = ServerMessage.ServerMsg.class, name = "SERVER_MSG"),
    @JsonSubTypes.Type(value = ServerMessage.Broadcast.class, name = "BROADCAST"),
    @JsonSubTypes.Type(value = ServerMessage.Presence.class, name = "PRESENCE"),
    @JsonSubTypes.Type(value = ServerMessage.PresenceBatch.class, name = "PRESENCE_BATCH"),
    // Streamed files (protocol 2); FILE_CHUNK is framed by FileChunkCodec, not here.
    @JsonSubTypes.Type(value = ClientMessage.FileStream.class, name = "FILE_STREAM"),
    @JsonSubTypes.Type(value = ServerMessage.FileStreamOffer.class, name = "FILE_STREAM_OFFER"),
    @JsonSubTypes.Type(value = TransferMessage.Accept.class, name = "FILE_STREAM_ACCEPT"),
    @JsonSubTypes.Type(value = TransferMessage.Ack.class, name = "FILE_STREAM_ACK"),
    @JsonSubTypes.Type(value = TransferMessage.End.class, name = "FILE_STREAM_END"),
    @JsonSubTypes.Type(value = TransferMessage.Done.class, name = "FILE_STREAM_DONE"),
    @JsonSubTypes.Type(value = TransferMessage.Cancel.class, name = "FILE_STREAM_CANCEL"),
    @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "PONG"),
})
public sealed interface Message extends Inbound permits ClientMessage, ServerMessage {

    /** The wire name of this message's type, e.g. {@code "MSG"}. */
    default String type() {
        return MessageTypes.nameOf(getClass());
    }
}
