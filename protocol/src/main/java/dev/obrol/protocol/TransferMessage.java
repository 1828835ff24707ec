package dev.obrol.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Messages about one streamed transfer that the server relays between its two ends unchanged:
 * a client sends them and a client receives them, so each is both a {@link ClientMessage} and a
 * {@link ServerMessage}. The transfer id says which transfer; the server knows both ends, so no
 * usernames travel (and none can be forged). {@code FILE_CHUNK} belongs to the same family but is
 * framed by {@link FileChunkCodec} so its payload is never parsed into a string.
 */
public sealed interface TransferMessage extends ClientMessage, ServerMessage {

    /** The transfer this message is about. */
    String transferId();

    /** Receiver to sender: accepted; send from {@code offset} (non-zero when resuming). */
    record Accept(
            @JsonProperty(value = "transfer_id", required = true) String transferId,
            @JsonProperty(value = "offset", required = true) long offset)
            implements TransferMessage {}

    /**
     * Receiver to sender: {@code received} bytes of the file (an absolute offset) are written to the
     * receiver's file, not necessarily forced to disk: it paces the sender, and a resume starts from
     * what the receiver's partial file really holds.
     */
    record Ack(
            @JsonProperty(value = "transfer_id", required = true) String transferId,
            @JsonProperty(value = "received", required = true) long received)
            implements TransferMessage {}

    /** Sender to receiver: every byte is sent; {@code sha256} (hex) covers the whole file. */
    record End(
            @JsonProperty(value = "transfer_id", required = true) String transferId,
            @JsonProperty(value = "sha256", required = true) String sha256)
            implements TransferMessage {}

    /** Receiver to sender: the file is complete, verified and stored. */
    record Done(
            @JsonProperty(value = "transfer_id", required = true) String transferId,
            @JsonProperty(value = "sha256", required = true) String sha256)
            implements TransferMessage {}

    /**
     * Either side, or the server: the transfer is over without success. {@code reason} is a
     * {@link CancelReason} wire name; {@code message} (optional) is text for a person.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cancel(
            @JsonProperty(value = "transfer_id", required = true) String transferId,
            @JsonProperty(value = "reason", required = true) String reason,
            @JsonProperty("message") String message)
            implements TransferMessage {

        public Cancel(String transferId, CancelReason reason) {
            this(transferId, reason.wireName(), null);
        }
    }
}
