package dev.obrol.client.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the bytes of a received transfer go: its partial file, written in order from the offset
 * the transfer starts at. {@link #open} is the file on disk; tests open slow ones in its place.
 * Used by one thread at a time.
 */
public interface PartialWriter extends Closeable {
    /** Writes all of {@code bytes} after what was written before. */
    void write(ByteBuffer bytes) throws IOException;

    /** Forces everything written so far onto the storage device. */
    void force() throws IOException;

    /** Opens the partial files of received transfers. */
    @FunctionalInterface
    interface Opener {
        /** Opens {@code path} for writing at {@code offset}, cutting off anything stored beyond it. */
        PartialWriter open(Path path, long offset) throws IOException;
    }

    /** The partial file on disk. */
    static PartialWriter open(Path path, long offset) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            channel.truncate(offset);
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new PartialWriter() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }

            @Override
            public void force() throws IOException {
                channel.force(false);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
