package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obrol.protocol.StreamLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class FilePayloadTest {
    private static final int CHUNK = StreamLimits.MAX_CHUNK_BYTES;

    @Test
    void fullChunksThenAShortLastOneAddUpToTheSize() {
        FilePayload sut = new FilePayload(2L * CHUNK + 10, 1, false);
        long total = 0;
        for (long offset = 0; offset < sut.size(); offset += sut.chunkBytes(offset)) {
            ByteBuf chunk = sut.chunk(offset);
            assertThat(Base64.getDecoder().decode(Unpooled.copiedBuffer(chunk).array())).hasSize(sut.chunkBytes(offset));
            total += sut.chunkBytes(offset);
        }
        assertThat(total).isEqualTo(sut.size());
        assertThat(sut.chunkBytes(2L * CHUNK)).as("last").isEqualTo(10);
    }

    @Test
    void aDamagedOrMisplacedChunkDoesNotMatch() {
        FilePayload sut = new FilePayload(2L * CHUNK + 10, 1, false);
        ByteBuf good = Unpooled.copiedBuffer(sut.chunk(0));
        assertThat(sut.matches(0, good)).isTrue();
        assertThat(sut.matches(2L * CHUNK, good)).as("a full chunk where the short last one belongs").isFalse();
        good.setByte(100, good.getByte(100) == 'A' ? 'B' : 'A');
        assertThat(sut.matches(0, good)).as("one byte changed").isFalse();
        good.release();
    }

    @Test
    void binaryChunksAreTheRawBytesInLargerChunks() {
        int chunk = StreamLimits.MAX_BINARY_CHUNK_BYTES;
        FilePayload sut = new FilePayload(2L * chunk + 10, 1, true);
        assertThat(sut.chunkBytes(0)).isEqualTo(chunk);
        assertThat(sut.chunk(0).readableBytes()).as("raw, not Base64").isEqualTo(chunk);
        assertThat(sut.chunkBytes(2L * chunk)).as("last").isEqualTo(10);
        assertThat(sut.chunk(2L * chunk).readableBytes()).isEqualTo(10);
        assertThat(sut.matches(2L * chunk, sut.chunk(0))).isFalse();
    }

    @Test
    void sizesAreReadAsPeopleTypeThem() {
        ByteSizeConverter sut = new ByteSizeConverter();
        assertThat(sut.convert("1GiB")).isEqualTo(1L << 30);
        assertThat(sut.convert("256MiB")).isEqualTo(256L << 20);
        assertThat(sut.convert("100MB")).isEqualTo(100_000_000L);
        assertThat(sut.convert("64 kib")).isEqualTo(65_536L);
        assertThat(sut.convert("4096")).isEqualTo(4096L);
        assertThatThrownBy(() -> sut.convert("lots")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> sut.convert("99999999999GiB")).isInstanceOf(TypeConversionException.class);
    }
}
