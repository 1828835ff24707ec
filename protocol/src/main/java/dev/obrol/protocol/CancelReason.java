package dev.obrol.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a streamed transfer ended without success, carried in {@code FILE_STREAM_CANCEL.reason}
 * (lower case on the wire). Receivers must accept reasons they do not know (shown as given).
 */
public enum CancelReason {
    /** The receiver said no to the offer. */
    REJECTED,
    /** A person on either side cancelled. */
    CANCELLED,
    /** Nobody answered the offer in time (server option). */
    EXPIRED,
    /** The other side disconnected. */
    PEER_LEFT,
    /** The server is shutting down. */
    SHUTDOWN,
    /** The receiver's client cannot receive streamed files; the sender may fall back to v1. */
    UNSUPPORTED,
    /** The receiver is not online. */
    NO_SUCH_USER,
    /** The offer itself is unusable: bad id, name or size. */
    BAD_OFFER,
    /** The sender sent more bytes than it offered. */
    TOO_MANY_BYTES,
    /** A chunk out of order, out of the window, or not valid Base64. */
    BAD_CHUNK,
    /** The file's SHA-256 did not match; the receiver discarded it. */
    CHECKSUM_MISMATCH,
    /** The receiver's disk has no room. */
    DISK_FULL,
    /** The receiver could not write the file. */
    WRITE_FAILED,
    /** The sender could not read the file (it changed or vanished). */
    READ_FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason for a wire name, if it is one we know. */
    public static Optional<CancelReason> fromWire(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(wire.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
