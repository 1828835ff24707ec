package dev.obrol.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.client.ReceivedFileStore;
import dev.obrol.protocol.FileChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receiving a file: chunks whose bytes arrived in several reads are written and hashed in order. */
class IncomingTransferTest {
    @TempDir
    Path downloads;

    @Test
    void aChunkMadeOfSeveralReadsIsWrittenAndHashedInOrder() throws Exception {
        byte[] file = new byte[10_000];
        new Random(1).nextBytes(file);
        IncomingTransfer sut = new IncomingTransfer("t1", "Alice", "a.bin", file.length, 1);
        assertThat(sut.begin(new PartialFiles(downloads), PartialWriter::open)).isZero();

        // The first chunk as a decoder composes it from three reads; the second in one piece.
        CompositeByteBuf composed = Unpooled.compositeBuffer()
                .addComponent(true, Unpooled.wrappedBuffer(file, 0, 3000))
                .addComponent(true, Unpooled.wrappedBuffer(file, 3000, 2000))
                .addComponent(true, Unpooled.wrappedBuffer(file, 5000, 1000));
        FileChunk first = FileChunk.binary("t1", 0, composed);
        assertThat(first.fileBytes()).as("the reads' own bytes, in order").hasSize(3);
        sut.write(first);
        first.release();
        ByteBuf rest = Unpooled.wrappedBuffer(file, 6000, 4000);
        FileChunk second = FileChunk.binary("t1", 6000, rest);
        assertThat(sut.write(second)).as("acknowledged at the end").isEqualTo(file.length);
        second.release();

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        Path saved = sut.finish(sha256, new ReceivedFileStore(downloads));
        assertThat(Files.readAllBytes(saved)).isEqualTo(file);
    }
}
