package dev.obrol.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch list file: one name per line, kept between runs, written whole or not at all. */
class WatchListTest {
    @TempDir
    Path config;

    @Test
    void namesAddedAreInTheFileOnePerLineAndAreReadBackInTheSameOrder() throws Exception {
        WatchList sut = WatchList.load(config);

        assertThat(sut.add(List.of("bob", "Дмитрий", "tanaka_田中"))).containsExactly("bob", "Дмитрий", "tanaka_田中");

        List<String> lines = Files.readAllLines(WatchList.fileIn(config), UTF_8);
        assertThat(lines.stream().filter(line -> !line.startsWith("#"))).containsExactly("bob", "Дмитрий", "tanaka_田中");
        assertThat(WatchList.load(config).names()).as("a new run reads the same list").containsExactly("bob", "Дмитрий", "tanaka_田中");
    }

    @Test
    void aNameIsWatchedOnceIgnoringCaseAndWidthAndKeptAsFirstTyped() throws Exception {
        WatchList sut = WatchList.load(config);
        sut.add(List.of("Bob"));

        assertThat(sut.add(List.of("BOB", "Ｂob", "carol", "Carol"))).as("only carol is new").containsExactly("carol");

        assertThat(sut.names()).containsExactly("Bob", "carol");
        assertThat(sut.contains("bOB")).isTrue();
    }

    @Test
    void removeMatchesIgnoringCaseAndReturnsTheNamesAsKept() throws Exception {
        WatchList sut = WatchList.load(config);
        sut.add(List.of("Bob", "carol"));

        assertThat(sut.remove(List.of("BOB", "nobody"))).containsExactly("Bob");

        assertThat(WatchList.load(config).names()).containsExactly("carol");
    }

    @Test
    void aMissingFileIsAnEmptyListAndNothingIsWrittenUntilTheListChanges() throws Exception {
        WatchList sut = WatchList.load(config);

        assertThat(sut.names()).isEmpty();
        sut.add(List.of());
        sut.remove(List.of("bob"));

        assertThat(WatchList.fileIn(config)).doesNotExist();
    }

    @Test
    void aHandEditedFileKeepsItsNamesAndSkipsBlankLinesCommentsDuplicatesAndImpossibleNames() throws Exception {
        Files.writeString(WatchList.fileIn(config), "# my friends\n\n  bob  \nBOB\ntwo words\ncarol\n", UTF_8);

        assertThat(WatchList.load(config).names()).containsExactly("bob", "carol");
    }

    @Test
    void aWriteThatFailsChangesNothingAndLeavesNoTemporaryFile() throws Exception {
        Path notAFolder = Files.writeString(config.resolve("plain file"), "x");
        WatchList sut = WatchList.load(notAFolder.resolve("obrol"));

        assertThatThrownBy(() -> sut.add(List.of("bob"))).isInstanceOf(IOException.class);

        assertThat(sut.names()).as("the list is what the file holds: nothing").isEmpty();
        try (Stream<Path> left = Files.list(config)) {
            assertThat(left).containsExactly(notAFolder);
        }
    }

    @Test
    void aRewriteReplacesTheFileWholeWithoutTemporaryFilesLeftBehind() throws Exception {
        WatchList sut = WatchList.load(config);
        sut.add(List.of("bob"));
        sut.add(List.of("carol"));
        sut.remove(List.of("bob"));

        try (Stream<Path> files = Files.list(config)) {
            assertThat(files).containsExactly(WatchList.fileIn(config));
        }
    }

    @Test
    void theListHoldsAtMostAThousandNamesAndAnAddBeyondChangesNothing() throws Exception {
        WatchList sut = WatchList.load(config);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < WatchList.MAX_NAMES - 1; i++) {
            many.add("user" + i);
        }
        sut.add(many);

        assertThatThrownBy(() -> sut.add(List.of("late1", "late2"))).isInstanceOf(WatchList.Full.class);
        assertThat(sut.add(List.of("last"))).containsExactly("last");

        assertThat(WatchList.load(config).names()).hasSize(WatchList.MAX_NAMES).doesNotContain("late1", "late2");
    }

    @Test
    void aListInMemoryWritesNoFile() throws Exception {
        WatchList sut = WatchList.inMemory();

        sut.add(List.of("bob"));

        assertThat(sut.file()).isNull();
        assertThat(sut.names()).containsExactly("bob");
    }
}
