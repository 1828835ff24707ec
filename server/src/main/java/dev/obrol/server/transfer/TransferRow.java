package dev.obrol.server.transfer;

/**
 * One file transfer as the operator's {@code transfers} command shows it. {@code done} is the
 * bytes relayed so far, or -1 when the transfer has not started (an offer awaiting its answer).
 */
public record TransferRow(String id, String sender, String receiver, String filename, long size, long done) {
    /** True while waiting for the receiver's answer. */
    public boolean awaitingAnswer() {
        return done < 0;
    }

    /** Percent relayed, 0 to 100; 0 for a transfer not started or of unknown size. */
    public int percent() {
        if (done <= 0 || size <= 0) {
            return 0;
        }
        return (int) Math.min(100, done * 100 / size);
    }
}
