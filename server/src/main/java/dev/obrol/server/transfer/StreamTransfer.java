package dev.obrol.server.transfer;

import dev.obrol.protocol.StreamLimits;
import dev.obrol.server.Session;
import java.util.concurrent.ScheduledFuture;

/**
 * The server's whole memory of one streamed transfer: who, what, and where the byte stream is.
 * No file bytes. The final fields may be read anywhere; every other field, {@link #state}
 * included, only while holding this object's monitor: the sender's and the receiver's event loops,
 * the expiry timer and the console all touch it, and {@link TransferRelay} holds the lock for
 * each step and for each look at it.
 */
final class StreamTransfer {
    enum State {
        /** Offered, no answer yet: chunks are refused. */
        OFFERED,
        /** Accepted: chunks flow within the window. */
        SENDING,
        /** The sender sent END; waiting for the receiver's DONE or CANCEL. */
        FINISHING,
        /** Over. Kept briefly so chunks already in flight from the sender are dropped quietly. */
        ENDED
    }

    /** Issued by the server: what the receiver, the console and the traffic log know it by. */
    final String id;
    /** The sender's own name for it, from its FILE_STREAM: what the sender knows it by. */
    final String senderRef;
    final Session sender;
    final Session receiver;
    final String filename;
    final long size;
    /** Order of offer, oldest lowest (the console lists oldest first). */
    final long sequence;
    /** Most bytes the sender may have relayed beyond the receiver's acknowledgement: its negotiated window. */
    final int window;

    State state = State.OFFERED;
    /** Where this run started in the file (non-zero when resumed). */
    long startOffset;
    /** The offset the next chunk must have: bytes relayed so far, counting a resumed prefix. */
    long next;
    /** The highest offset the receiver acknowledged. */
    long acked;
    long startNanos;
    ScheduledFuture<?> expiry;

    StreamTransfer(String id, String senderRef, Session sender, Session receiver, String filename, long size, long sequence) {
        this.id = id;
        this.senderRef = senderRef;
        this.sequence = sequence;
        this.sender = sender;
        this.receiver = receiver;
        this.filename = filename;
        this.size = size;
        this.window = StreamLimits.windowBytes(sender.supports(StreamLimits.BINARY_FEATURE));
    }

    /** The other end from {@code session}'s point of view. */
    Session peerOf(Session session) {
        return session == sender ? receiver : sender;
    }

    /** The id {@code end} knows this transfer by: the sender its own, the receiver the server's. */
    String idFor(Session end) {
        return end == sender ? senderRef : id;
    }

    boolean involves(Session session) {
        return session == sender || session == receiver;
    }
}
