package dev.obrol.client.transfer;

import dev.obrol.client.Outbound;
import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.TransferMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * One file this client offered. After the receiver accepts, a thread of its own reads the file in
 * chunks, hashes it on the way (a resumed transfer first hashes the prefix the receiver already
 * has), and sends each chunk whenever the {@link FlowWindow} has room, then sends FILE_STREAM_END
 * with the SHA-256. Towards a server that negotiated binary chunk frames each chunk of up to
 * {@link StreamLimits#MAX_BINARY_CHUNK_BYTES} is read straight into a pooled direct buffer, hashed
 * from there and handed to the socket as it is (read once, hashed once, no other copy); otherwise
 * chunks of {@link StreamLimits#MAX_CHUNK_BYTES} are Base64-encoded into JSON. Chat typed meanwhile
 * goes out between chunks. Thread-safe: state changes are synchronized; the window wakes the
 * thread when the transfer ends early.
 */
final class OutgoingTransfer {
    enum State { OFFERED, SENDING, FINISHING, ENDED }

    /** Told when the sending thread cannot read the file. */
    interface ReadFailure {
        void readFailed(OutgoingTransfer transfer, IOException cause);
    }

    final String id;
    final String to;
    final String name;
    final String pathText;
    final Path path;
    final long size;
    final long sequence;

    private State state = State.OFFERED;
    /** True once the offering thread has reported the offer (or its end); until then a refusal is left to it. */
    private boolean announced;
    private TransferMessage.Cancel refusal;
    private FlowWindow window;
    private volatile ProgressMeter meter;
    private volatile String sha256;

    OutgoingTransfer(String id, String to, String name, String pathText, Path path, long size, long sequence) {
        this.id = id;
        this.to = to;
        this.name = name;
        this.pathText = pathText;
        this.path = path;
        this.size = size;
        this.sequence = sequence;
    }

    synchronized State state() {
        return state;
    }

    /** Null until accepted. */
    ProgressMeter meter() {
        return meter;
    }

    /** The SHA-256 of what was sent; null until everything was read. */
    String sha256() {
        return sha256;
    }

    /**
     * The server has answered the offer: true if it is still open (then the offering thread says
     * it was made), false if it has ended (see {@link #refusal}). Later ends are reported where they happen.
     */
    synchronized boolean announce() {
        announced = true;
        return state != State.ENDED;
    }

    /** The cancel that ended the offer before {@link #announce}, for the offering thread to report; null if none. */
    synchronized TransferMessage.Cancel refusal() {
        return refusal;
    }

    /**
     * A cancel ended this transfer: true if the offering thread has not reported the offer yet, in
     * which case it reports the cancel instead (one line about the offer, not two).
     */
    synchronized boolean leaveToOfferer(TransferMessage.Cancel cancel) {
        if (announced) {
            return false;
        }
        refusal = cancel;
        return true;
    }

    /** Starts sending from {@code offset}; false if the transfer is not waiting for an answer. */
    synchronized boolean start(long offset, boolean binaryChunks, Outbound outbound, ReadFailure onFailure) {
        if (state != State.OFFERED) {
            return false;
        }
        state = State.SENDING;
        window = new FlowWindow(StreamLimits.windowBytes(binaryChunks), offset);
        meter = new ProgressMeter(size, offset, System.nanoTime());
        FlowWindow w = window;
        Thread sender = new Thread(() -> run(offset, binaryChunks, w, outbound, onFailure), "obrol-send-" + id);
        sender.setDaemon(true);
        sender.start();
        return true;
    }

    /** The receiver has {@code received} bytes. */
    void acknowledge(long received) {
        FlowWindow w;
        synchronized (this) {
            w = window;
        }
        if (w != null) {
            w.acknowledge(received);
            meter.update(w.acknowledged());
        }
    }

    /** Ends the transfer here (done, cancelled, failed); stops the thread. False if it had already ended. */
    synchronized boolean end() {
        if (state == State.ENDED) {
            return false;
        }
        state = State.ENDED;
        if (window != null) {
            window.close();
        }
        return true;
    }

    private void run(long offset, boolean binaryChunks, FlowWindow w, Outbound outbound, ReadFailure onFailure) {
        MessageDigest digest = Sha256.newDigest();
        int chunkBytes = binaryChunks ? StreamLimits.MAX_BINARY_CHUNK_BYTES : StreamLimits.MAX_CHUNK_BYTES;
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            // The SHA-256 covers the whole file: the part the receiver already has is hashed, not sent.
            ByteBuffer prefix = ByteBuffer.allocate(chunkBytes);
            long position = 0;
            while (position < offset) {
                position += readFully(file, prefix, position, (int) Math.min(prefix.capacity(), offset - position));
                digest.update(prefix.flip());
            }
            Base64.Encoder base64 = Base64.getEncoder();
            while (position < size) {
                int length = (int) Math.min(chunkBytes, size - position);
                if (!w.awaitRoom(length)) {
                    return; // ended meanwhile
                }
                FileChunk chunk = binaryChunks ? binaryChunk(file, position, length, digest)
                        : base64Chunk(file, prefix, position, length, digest, base64);
                outbound.sendChunk(chunk);
                position += length;
            }
            synchronized (this) {
                if (state != State.SENDING) {
                    return;
                }
                state = State.FINISHING;
                sha256 = Sha256.hex(digest);
            }
            outbound.send(new TransferMessage.End(id, sha256));
        } catch (IOException e) {
            if (state() != State.ENDED) {
                onFailure.readFailed(this, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code length} bytes at {@code position}, read into a pooled direct buffer and hashed there; the
     * socket writes that same buffer (and releases it), so the bytes are never copied in between.
     */
    private FileChunk binaryChunk(FileChannel file, long position, int length, MessageDigest digest) throws IOException {
        ByteBuf bytes = ByteBufAllocator.DEFAULT.directBuffer(length);
        try {
            while (bytes.writerIndex() < length) {
                if (bytes.writeBytes(file, position + bytes.writerIndex(), length - bytes.writerIndex()) < 0) {
                    throw new EOFException("the file is shorter than offered: it changed after the offer");
                }
            }
            digest.update(bytes.nioBuffer());
            return FileChunk.binary(id, position, bytes);
        } catch (IOException | RuntimeException e) {
            bytes.release();
            throw e;
        }
    }

    /** {@code length} bytes at {@code position}, hashed and Base64-encoded for a {@code FILE_CHUNK} JSON frame. */
    private FileChunk base64Chunk(FileChannel file, ByteBuffer buffer, long position, int length, MessageDigest digest,
            Base64.Encoder base64) throws IOException {
        readFully(file, buffer, position, length);
        byte[] raw = buffer.array();
        digest.update(raw, 0, length);
        byte[] encoded = base64.encode(length == raw.length ? raw : java.util.Arrays.copyOf(raw, length));
        return new FileChunk(id, position, Unpooled.wrappedBuffer(encoded));
    }

    /** Reads exactly {@code length} bytes at {@code position} into {@code buffer} (cleared first). */
    private static int readFully(FileChannel file, ByteBuffer buffer, long position, int length) throws IOException {
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            int n = file.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new EOFException("the file is shorter than offered: it changed after the offer");
            }
        }
        return length;
    }
}
