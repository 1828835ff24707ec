package dev.obrol.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialFilesTest {
    @TempDir
    Path dir;

    @Test
    void aReleasedPartialIsFoundAgainForTheSameSenderNameAndSize() throws Exception {
        PartialFiles sut = new PartialFiles(dir);
        PartialFiles.Partial first = sut.claim("Alice", "a.bin", 1000);
        assertThat(first.offset()).isZero();
        assertThat(first.path().getFileName().toString()).startsWith(".obrol-partial-").endsWith(".part");
        Files.write(first.path(), new byte[300]);
        first.release();

        assertThat(sut.resumableBytes("alice", "a.bin", 1000)).as("senders match ignoring case").isEqualTo(300);
        assertThat(sut.resumableBytes("Alice", "a.bin", 1001)).as("another size is another file").isZero();
        assertThat(sut.resumableBytes("Bob", "a.bin", 1000)).as("another sender is another file").isZero();
        PartialFiles.Partial again = sut.claim("ALICE", "a.bin", 1000);
        assertThat(again.path()).isEqualTo(first.path());
        assertThat(again.offset()).isEqualTo(300);
        assertThat(Files.readString(PartialFiles.metaPath(again.path()))).contains("sender=Alice", "name=a.bin", "size=1000");
    }

    @Test
    void aPartialInUseIsNotSharedAndAFreshCopyLeavesNothingBehind() throws Exception {
        PartialFiles sut = new PartialFiles(dir);
        PartialFiles.Partial first = sut.claim("Alice", "a.bin", 10);
        PartialFiles.Partial second = sut.claim("Alice", "a.bin", 10);
        assertThat(second.path()).isNotEqualTo(first.path());
        second.release();
        assertThat(second.path()).as("an extra copy cannot be resumed, so it is not kept").doesNotExist();
        first.discard();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aPartialWithoutItsSidecarStartsAgainFromNothing() throws Exception {
        PartialFiles sut = new PartialFiles(dir);
        Path stray = sut.partialPath("Alice", "a.bin", 1000);
        Files.write(stray, new byte[500]);
        PartialFiles.Partial claimed = sut.claim("Alice", "a.bin", 1000);
        assertThat(claimed.offset()).isZero();
        assertThat(Files.size(claimed.path())).isZero();
    }

    @Test
    void completingDropsTheSidecar() throws Exception {
        PartialFiles sut = new PartialFiles(dir);
        PartialFiles.Partial claimed = sut.claim("Alice", "a.bin", 1);
        Path meta = PartialFiles.metaPath(claimed.path());
        assertThat(meta).exists();
        claimed.completed();
        assertThat(meta).doesNotExist();
    }
}
