package dev.obrol.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.client.transfer.PartialFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceivedFileStoreTest {
    @TempDir
    Path downloads;

    private ReceivedFileStore sut() {
        return new ReceivedFileStore(downloads);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void storesUnderTheReceivedPrefix() throws IOException {
        Path saved = sut().save("notes.txt", "isi".getBytes(UTF_8));

        assertThat(saved).isEqualTo(downloads.resolve("received_notes.txt"));
        assertThat(Files.readString(saved)).isEqualTo("isi");
        assertThat(names()).as("nothing but the file may be left behind").containsExactly("received_notes.txt");
    }

    @Test
    void neverOverwritesAndNumbersBeforeTheExtension() throws IOException {
        Files.writeString(downloads.resolve("received_notes.txt"), "first, must survive");

        Path second = sut().save("notes.txt", "second".getBytes(UTF_8));
        Path third = sut().save("notes.txt", "third".getBytes(UTF_8));

        assertThat(second.getFileName()).hasToString("received_notes_1.txt");
        assertThat(third.getFileName()).hasToString("received_notes_2.txt");
        assertThat(Files.readString(downloads.resolve("received_notes.txt"))).isEqualTo("first, must survive");
        assertThat(Files.readString(third)).isEqualTo("third");
    }

    @Test
    void numbersNamesWithoutExtensionAtTheEnd() throws IOException {
        sut().save("Makefile", new byte[] {1});
        assertThat(sut().save("Makefile", new byte[] {2}).getFileName()).hasToString("received_Makefile_1");
    }

    @Test
    void hostileNamesStayInsideTheDownloadDirectory() throws IOException {
        for (String hostile : List.of("../../etc/passwd", "/etc/passwd", "C:\\x", "..\\..\\boot.ini", "..", "CON.txt", "a\u001b[2Jb\u202e.txt")) {
            Path saved = sut().save(hostile, new byte[] {42});

            assertThat(saved.getParent()).as("'%s' must land in the download directory", hostile).isEqualTo(downloads);
            assertThat(saved.getFileName().toString()).as("'%s' must get the prefix", hostile).startsWith("received_");
            assertThat(saved.getFileName().toString()).as("no control or bidi characters from '%s'", hostile)
                    .doesNotContain("\u001b", "\u202e", "/", "\\", ":");
        }
        assertThat(names()).contains("received_passwd", "received_x", "received_boot.ini", "received__CON.txt");
        assertThat(downloads.getParent().resolve("etc")).doesNotExist();
    }

    @Test
    void theTemporaryFileIsHiddenAndNeverNamedLikeTheFinalOne() throws IOException {
        ReceivedFileStore store = sut();
        try (ReceivedFileStore.Incoming incoming = store.begin("report.pdf")) {
            try (OutputStream out = incoming.output()) {
                out.write("half of it".getBytes(UTF_8));
            }
            List<String> during = names();
            assertThat(during).as("while writing, exactly one temporary file exists").hasSize(1);
            assertThat(during.get(0)).as("the temporary file is hidden and cannot pass for a received file")
                    .startsWith(".").doesNotContain("received_").doesNotContain("report");

            incoming.complete();
        }
        assertThat(names()).containsExactly("received_report.pdf");
    }

    @Test
    void anUnfinishedFileLeavesNothingBehind() throws IOException {
        try (ReceivedFileStore.Incoming incoming = sut().begin("report.pdf")) {
            try (OutputStream out = incoming.output()) {
                out.write("half".getBytes(UTF_8));
            }
        }
        assertThat(names()).as("closing without complete() discards the partial file").isEmpty();
    }

    @Test
    void aNameTakenWhileWritingIsNotReplaced() throws IOException {
        try (ReceivedFileStore.Incoming incoming = sut().begin("race.txt")) {
            try (OutputStream out = incoming.output()) {
                out.write("mine".getBytes(UTF_8));
            }
            Files.writeString(downloads.resolve("received_race.txt"), "someone else's, written meanwhile");

            Path saved = incoming.complete();

            assertThat(saved.getFileName()).hasToString("received_race_1.txt");
        }
        assertThat(Files.readString(downloads.resolve("received_race.txt"))).isEqualTo("someone else's, written meanwhile");
    }

    @Test
    void filesReceivedWholeAndStreamedGetTheSameModeAsAnyNewFile() throws IOException {
        Assumptions.assumeTrue(downloads.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        // What any program saving a download gets: the user's umask applied to a new file.
        Set<PosixFilePermission> umaskDefault = Files.getPosixFilePermissions(Files.createFile(downloads.resolve("probe")));
        Files.delete(downloads.resolve("probe"));
        PartialFiles partials = new PartialFiles(downloads);
        PartialFiles.Partial inUse = partials.claim("Alice", "b.bin", 1);
        PartialFiles.Partial secondCopy = partials.claim("Alice", "b.bin", 1);

        Path whole = sut().save("a.txt", new byte[] {1});
        Path streamed = sut().adopt("b.bin", inUse.path()).complete();
        Path streamedSecondCopy = sut().adopt("b.bin", secondCopy.path()).complete();

        assertThat(Files.getPosixFilePermissions(whole)).as("a file received whole").isEqualTo(umaskDefault);
        assertThat(Files.getPosixFilePermissions(streamed)).as("a streamed file").isEqualTo(umaskDefault);
        assertThat(Files.getPosixFilePermissions(streamedSecondCopy)).as("a streamed file whose partial was in use").isEqualTo(umaskDefault);
    }
}
