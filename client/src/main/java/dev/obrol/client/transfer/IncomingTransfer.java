package dev.obrol.client.transfer;

import dev.obrol.client.ReceivedFileStore;
import dev.obrol.protocol.CancelReason;
import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.StreamLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

/**
 * One file offered to this client. Once accepted, its bytes go to a hidden partial file (see
 * {@link PartialFiles}) as chunks arrive, hashed on the way; at FILE_STREAM_END the SHA-256 is
 * compared and only a verified file gets its {@code received_} name. A resumed transfer rehashes
 * the partial's bytes first, so the digest still covers the whole file.
 *
 * <p>Threads: every file operation ({@link #begin}, {@link #write}, {@link #finish}, {@link
 * #cleanUp}) runs on the client's one disk thread (see {@link Transfers}), in the order the
 * messages arrived, so the network thread never waits for the disk; the partial, the writer, the
 * digest and the counts are confined to that thread. Only the state is shared: the event loop and
 * the input thread {@link #end} a transfer (a cancel, the connection gone) without touching the
 * file, and the disk thread cleans up after them.
 */
final class IncomingTransfer {
    enum State { OFFERED, RECEIVING, FINISHING, ENDED }

    /** Reasons after which a received partial is kept for resuming: nothing was wrong with its bytes. */
    private static final Set<CancelReason> KEEP_PARTIAL = Set.of(
            CancelReason.PEER_LEFT, CancelReason.SHUTDOWN, CancelReason.DISK_FULL,
            CancelReason.WRITE_FAILED, CancelReason.READ_FAILED);

    final String id;
    final String from;
    final String name;
    final long size;
    final long sequence;

    private State state = State.OFFERED; // guarded by this
    private PartialFiles.Partial partial;
    private PartialWriter file;
    private MessageDigest digest;
    private long written;
    private long acknowledged;
    private volatile ProgressMeter meter;

    IncomingTransfer(String id, String from, String name, long size, long sequence) {
        this.id = id;
        this.from = from;
        this.name = name;
        this.size = size;
        this.sequence = sequence;
    }

    /** True if a transfer that stopped for {@code reason} keeps its partial for a resume. */
    static boolean keepsPartial(CancelReason reason) {
        return KEEP_PARTIAL.contains(reason);
    }

    synchronized State state() {
        return state;
    }

    ProgressMeter meter() {
        return meter;
    }

    /**
     * Disk thread. Claims the partial file, rehashes what it already holds, opens it with {@code
     * opener}, and returns the offset to resume from; -1 if the offer ended meanwhile (then
     * nothing stays claimed).
     */
    long begin(PartialFiles partials, PartialWriter.Opener opener) throws IOException {
        if (state() != State.OFFERED) {
            return -1;
        }
        PartialFiles.Partial claimed = partials.claim(from, name, size);
        long offset = claimed.offset();
        PartialWriter opened;
        MessageDigest prefix = Sha256.newDigest();
        try {
            if (offset > 0) {
                rehash(claimed.path(), offset, prefix);
            }
            // Truncating at the offset drops whatever a partial holds beyond the size offered.
            opened = opener.open(claimed.path(), offset);
        } catch (IOException | RuntimeException e) {
            claimed.release();
            throw e;
        }
        synchronized (this) {
            if (state != State.OFFERED) { // cancelled while the partial was being read
                closeQuietly(opened);
                claimed.release();
                return -1;
            }
            partial = claimed;
            file = opened;
            digest = prefix;
            written = offset;
            acknowledged = offset;
            meter = new ProgressMeter(size, offset, System.nanoTime());
            state = State.RECEIVING;
        }
        return offset;
    }

    /**
     * Disk thread. Writes one chunk; returns the bytes now written when they should be
     * acknowledged (every {@link StreamLimits#ACK_EVERY_BYTES} and at the end), else -1 (also once
     * the transfer is over). An acknowledgement means "handed to the file system", not "forced to
     * disk": flow control needs no more, and after a crash a resume starts from what the partial
     * really holds, with the SHA-256 catching anything lost.
     */
    long write(FileChunk chunk) throws TransferFailure {
        if (state() != State.RECEIVING) {
            return -1;
        }
        int length = chunk.decodedLength();
        if (chunk.offset() != written) {
            throw fail(new TransferFailure(CancelReason.BAD_CHUNK, "chunk at " + chunk.offset() + ", expected " + written));
        }
        if (written + length > size) {
            throw fail(new TransferFailure(CancelReason.TOO_MANY_BYTES, "more than the " + size + " bytes offered"));
        }
        ByteBuffer[] pieces;
        try {
            pieces = chunk.fileBytes(); // a binary chunk's bytes as they are; Base64 decoded
        } catch (IllegalArgumentException e) {
            throw fail(new TransferFailure(CancelReason.BAD_CHUNK, "invalid Base64"));
        }
        try {
            for (ByteBuffer bytes : pieces) {
                digest.update(bytes.duplicate());
                file.write(bytes);
            }
        } catch (IOException e) {
            throw fail(new TransferFailure(isDiskFull() ? CancelReason.DISK_FULL : CancelReason.WRITE_FAILED, String.valueOf(e.getMessage())));
        }
        written += length;
        meter.update(written);
        if (written - acknowledged >= StreamLimits.ACK_EVERY_BYTES || written == size) {
            acknowledged = written;
            return written;
        }
        return -1;
    }

    /**
     * Disk thread. The sender says everything was sent: checks size and SHA-256, forces the bytes
     * to disk, then gives the file its {@code received_} name. Null if the transfer had ended
     * before. Once it has begun it cannot be cancelled any more: every byte is here.
     */
    Path finish(String expectedSha256, ReceivedFileStore store) throws TransferFailure {
        synchronized (this) {
            if (state != State.RECEIVING) {
                return null;
            }
            state = State.FINISHING;
        }
        if (written != size) {
            throw fail(new TransferFailure(CancelReason.BAD_CHUNK, "ended after " + written + " of " + size + " bytes"));
        }
        String actual = Sha256.hex(digest);
        try {
            file.force(); // the bytes are on disk before the file gets a complete-looking name
            file.close();
        } catch (IOException e) {
            throw fail(new TransferFailure(isDiskFull() ? CancelReason.DISK_FULL : CancelReason.WRITE_FAILED, String.valueOf(e.getMessage())));
        }
        if (!actual.equalsIgnoreCase(String.valueOf(expectedSha256))) {
            throw fail(new TransferFailure(CancelReason.CHECKSUM_MISMATCH, "SHA-256 " + actual + ", expected " + expectedSha256));
        }
        try {
            Path saved = store.adopt(name, partial.path()).complete();
            partial.completed();
            partial = null;
            return saved;
        } catch (IOException e) {
            throw fail(new TransferFailure(CancelReason.WRITE_FAILED, String.valueOf(e.getMessage())));
        } finally {
            synchronized (this) {
                state = State.ENDED;
            }
        }
    }

    /**
     * Any thread. Stops the transfer without touching the file ({@link #cleanUp} follows on the
     * disk thread). False if it had already ended, or is being finished.
     */
    synchronized boolean end() {
        if (state == State.ENDED || state == State.FINISHING) {
            return false;
        }
        state = State.ENDED;
        return true;
    }

    /** Disk thread, after {@link #end}: closes the file and keeps the partial for a later resume or deletes it. */
    void cleanUp(boolean keepPartial) {
        if (partial == null) {
            return; // never opened, already cleaned up, or completed
        }
        closeQuietly(file);
        if (keepPartial) {
            partial.release();
        } else {
            partial.discard();
        }
        partial = null;
    }

    /** Disk thread: the transfer failed here; it ends, and the partial is kept or deleted as the reason says. */
    private TransferFailure fail(TransferFailure failure) {
        synchronized (this) {
            state = State.ENDED;
        }
        cleanUp(keepsPartial(failure.reason()));
        return failure;
    }

    private boolean isDiskFull() {
        try {
            return Files.getFileStore(partial.path()).getUsableSpace() < size - written;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(PartialWriter writer) {
        try {
            writer.close();
        } catch (IOException e) {
            // Closing after the transfer ended; the partial is released or discarded either way.
        }
    }

    private static void rehash(Path file, long length, MessageDigest into) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            long position = 0;
            while (position < length) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), length - position));
                int n = in.read(buffer, position);
                if (n < 0) {
                    throw new IOException("partial file shrank while reading it");
                }
                into.update(buffer.flip());
                position += n;
            }
        }
    }
}
