package dev.obrol.client.transfer;

import dev.obrol.protocol.CancelReason;

/** A transfer cannot go on, for a reason the other end is told in FILE_STREAM_CANCEL. */
final class TransferFailure extends Exception {
    private final CancelReason reason;

    TransferFailure(CancelReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    CancelReason reason() {
        return reason;
    }
}
