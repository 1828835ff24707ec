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

/**
 * One file offered to this client. Once accepted, its bytes go to a hidden partial file (see
 * {@link PartialFiles}) as chunks arrive, hashed on the way; at FILE_STREAM_END the SHA-256 is
 * compared and only a verified file gets its {@code received_} name. A resumed transfer rehashes
 * the partial's bytes first, so the digest still covers the whole file. Thread-safe: chunks come
 * from the event loop, accept and cancel from the input thread.
 */
final class IncomingTransfer {
    enum State { OFFERED, RECEIVING, ENDED }

    final String id;
    final String from;
    final String name;
    final long size;
    final long sequence;

    private State state = State.OFFERED;
    private PartialFiles.Partial partial;
    private FileChannel channel;
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

    synchronized State state() {
        return state;
    }

    ProgressMeter meter() {
        return meter;
    }

    /** Claims the partial file, rehashes what it already holds, and returns the offset to resume from. */
    synchronized long begin(PartialFiles partials) throws IOException {
        if (state != State.OFFERED) {
            throw new IllegalStateException("transfer " + id + " is " + state);
        }
        PartialFiles.Partial claimed = partials.claim(from, name, size);
        long offset = claimed.offset();
        FileChannel opened = null;
        MessageDigest prefix = Sha256.newDigest();
        try {
            if (offset > 0) {
                rehash(claimed.path(), offset, prefix);
            }
            opened = FileChannel.open(claimed.path(), StandardOpenOption.WRITE);
            opened.truncate(offset); // anything past the last acknowledged write is not trusted
            opened.position(offset);
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            claimed.release();
            throw e;
        }
        partial = claimed;
        channel = opened;
        digest = prefix;
        written = offset;
        acknowledged = offset;
        meter = new ProgressMeter(size, offset, System.nanoTime());
        state = State.RECEIVING;
        return offset;
    }

    /**
     * Writes one chunk; returns the bytes now held when they should be acknowledged (every
     * {@link StreamLimits#ACK_EVERY_BYTES} and at the end), else -1 (also once the transfer is over).
     */
    synchronized long write(FileChunk chunk) throws TransferFailure {
        if (state != State.RECEIVING) {
            return -1;
        }
        int length = chunk.decodedLength();
        if (chunk.offset() != written) {
            throw new TransferFailure(CancelReason.BAD_CHUNK, "chunk at " + chunk.offset() + ", expected " + written);
        }
        if (written + length > size) {
            throw new TransferFailure(CancelReason.TOO_MANY_BYTES, "more than the " + size + " bytes offered");
        }
        ByteBuffer bytes;
        try {
            bytes = chunk.fileBytes(); // a binary chunk's bytes as they are; Base64 decoded
        } catch (IllegalArgumentException e) {
            throw new TransferFailure(CancelReason.BAD_CHUNK, "invalid Base64");
        }
        digest.update(bytes.duplicate());
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new TransferFailure(isDiskFull() ? CancelReason.DISK_FULL : CancelReason.WRITE_FAILED, String.valueOf(e.getMessage()));
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
     * The sender says everything was sent: checks size and SHA-256, then gives the file its
     * {@code received_} name. On a mismatch the partial is discarded.
     */
    synchronized Path finish(String expectedSha256, ReceivedFileStore store) throws TransferFailure {
        if (state != State.RECEIVING) {
            throw new TransferFailure(CancelReason.BAD_CHUNK, "end while " + state);
        }
        if (written != size) {
            throw new TransferFailure(CancelReason.BAD_CHUNK, "ended after " + written + " of " + size + " bytes");
        }
        String actual = Sha256.hex(digest);
        try {
            channel.force(false); // the bytes are on disk before the file gets a complete-looking name
            channel.close();
        } catch (IOException e) {
            throw new TransferFailure(isDiskFull() ? CancelReason.DISK_FULL : CancelReason.WRITE_FAILED, String.valueOf(e.getMessage()));
        }
        if (!actual.equalsIgnoreCase(String.valueOf(expectedSha256))) {
            state = State.ENDED;
            partial.discard();
            throw new TransferFailure(CancelReason.CHECKSUM_MISMATCH, "SHA-256 " + actual + ", expected " + expectedSha256);
        }
        try {
            Path saved = store.adopt(name, partial.path()).complete();
            partial.completed();
            state = State.ENDED;
            return saved;
        } catch (IOException e) {
            throw new TransferFailure(CancelReason.WRITE_FAILED, String.valueOf(e.getMessage()));
        }
    }

    /** Stops receiving; keeps the partial for a later resume or deletes it. False if already over. */
    synchronized boolean abandon(boolean keepPartial) {
        if (state == State.ENDED) {
            return false;
        }
        boolean wasReceiving = state == State.RECEIVING;
        state = State.ENDED;
        if (wasReceiving) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing after a failure; the partial is released or discarded below either way.
            }
            if (keepPartial) {
                partial.release();
            } else {
                partial.discard();
            }
        }
        return true;
    }

    private boolean isDiskFull() {
        try {
            return Files.getFileStore(partial.path()).getUsableSpace() < size - written;
        } catch (IOException e) {
            return false;
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
