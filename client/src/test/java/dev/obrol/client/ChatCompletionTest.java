package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatCompletionTest {
    @TempDir
    Path work;

    private final ClientState state = ClientState.fresh();
    private ChatCompletion sut;

    @BeforeEach
    void setUp() {
        sut = new ChatCompletion(CommandTable.standard(), state.online(), state.offers(), state.transfers(), state.watching(), work);
        state.online().replace(List.of("alice", "Bob", "carol"));
    }

    /** Completes the last word of {@code line} (a trailing space starts a new, empty word). */
    private List<String> complete(String line) {
        List<String> words = new java.util.ArrayList<>(Arrays.asList(line.split(" ", -1)));
        int index = words.size() - 1;
        return sut.complete(words, index, words.get(index)).stream().map(Suggestion::value).toList();
    }

    @Test
    void aSlashCompletesToEveryCommand() {
        assertThat(complete("/")).contains("/msg", "/sendfile", "/acceptfile", "/help", "/clear", "/quit")
                .hasSize(CommandTable.standard().specs().size());
    }

    @Test
    void msgCompletesOnlineUsersKeptCurrentByPresence() {
        assertThat(complete("/msg ")).containsExactly("alice", "Bob", "carol");

        state.online().offline("BOB");
        state.online().online("dave");

        assertThat(complete("/msg ")).as("offline removed ignoring case, newcomers added").containsExactly("alice", "carol", "dave");
        assertThat(complete("/msg dave ")).as("the message text is not completed").isEmpty();
    }

    @Test
    void sendfileCompletesTheUserThenPathsWithFoldersLeftOpen() throws IOException {
        Files.createDirectories(work.resolve("docs"));
        Files.writeString(work.resolve("docs/report.pdf"), "x");
        Files.writeString(work.resolve("notes.txt"), "x");
        Files.writeString(work.resolve(".hidden"), "x");

        assertThat(complete("/sendfile ")).containsExactly("alice", "Bob", "carol");
        List<Suggestion> top = sut.complete(List.of("/sendfile", "bob", ""), 2, "");
        assertThat(top).extracting(Suggestion::value).as("hidden files only once a dot is typed").containsExactly("docs/", "notes.txt");
        assertThat(top.get(0).complete()).as("a folder stays open for the next Tab").isFalse();
        assertThat(top.get(1).complete()).isTrue();
        assertThat(sut.complete(List.of("/sendfile", "bob", "docs/r"), 2, "docs/r"))
                .extracting(Suggestion::value, Suggestion::display)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("docs/report.pdf", "report.pdf"));
        assertThat(complete("/sendfile bob .")).containsExactly(".hidden");
        assertThat(complete("/sendfile bob nowhere/")).isEmpty();
    }

    @Test
    void acceptAndRejectCompleteWaitingSendersThenTheirFileNames() {
        state.offers().add(new PendingOffers.Offer("Dina", "a.txt", "", 1));
        state.offers().add(new PendingOffers.Offer("dina", "b.txt", "", 1));
        state.offers().add(new PendingOffers.Offer("Eko", "c.txt", "", 1));

        assertThat(complete("/acceptfile ")).as("senders with offers, not everyone online").containsExactly("Dina", "Eko");
        assertThat(complete("/rejectfile ")).containsExactly("Dina", "Eko");
        assertThat(complete("/acceptfile DINA ")).containsExactly("a.txt", "b.txt");
    }

    @Test
    void acceptAndRejectCompleteTheNameOrTransferIdOfAStreamedOffer() {
        state.offers().add(new PendingOffers.Offer("Dina", "old.txt", "", 1));
        state.offers().add(new PendingOffers.Offer("Dina", "big.iso", null, 5_000_000_000L, "k3j9x2"));

        assertThat(complete("/acceptfile dina ")).as("names first, then the ids only streamed offers have")
                .containsExactly("old.txt", "big.iso", "k3j9x2");
        assertThat(complete("/rejectfile Dina ")).containsExactly("old.txt", "big.iso", "k3j9x2");
        assertThat(complete("/acceptfile dina big.iso ")).as("one name or id, nothing after it").isEmpty();
    }

    @Test
    void cancelfileCompletesPeopleWithTransfersThenTheirNamesAndIds() {
        state.transfers().attach(() -> List.of(
                new ActiveTransfers.Entry("t7", "Eko", "big.iso"),
                new ActiveTransfers.Entry("k2", "dina", "a.txt"),
                new ActiveTransfers.Entry("t9", "EKO", "notes.txt")));
        state.offers().add(new PendingOffers.Offer("Fajar", "c.txt", "", 1));

        assertThat(complete("/cancelfile ")).as("either direction, once per person; a whole-file offer cannot be cancelled")
                .containsExactly("Eko", "dina");
        assertThat(complete("/cancelfile eko ")).containsExactly("big.iso", "notes.txt", "t7", "t9");
        assertThat(complete("/cancelfile nobody ")).isEmpty();
    }

    @Test
    void helpCompletesCommandNamesWithoutTheSlash() {
        assertThat(complete("/help ")).contains("msg", "sendfile", "quit").doesNotContain("/msg");
    }

    @Test
    void plainTextCompletesNamesAnywhereButUnknownCommandsNothing() {
        assertThat(complete("hi ")).containsExactly("alice", "Bob", "carol");
        assertThat(complete("//shrug ")).containsExactly("alice", "Bob", "carol");
        assertThat(complete("/dance ")).isEmpty();
        assertThat(complete("/list ")).isEmpty();
    }

    @Test
    void watchCompletesOnlineUsersForEveryNameAndUnwatchThePeopleWatched() throws Exception {
        state.watching().add(List.of("dewi", "Eko"));

        assertThat(complete("/watch ")).containsExactly("alice", "Bob", "carol");
        assertThat(complete("/watch alice ")).as("any number of names").containsExactly("alice", "Bob", "carol");
        assertThat(complete("/unwatch ")).containsExactly("dewi", "Eko");
        assertThat(complete("/unwatch dewi ")).containsExactly("dewi", "Eko");
        assertThat(complete("/watching ")).isEmpty();
    }

    @Test
    void namesLearntFromEveryPageOfAListComplete() {
        state.online().replaceWithFirstPage(List.of("aa", "ab"));
        state.online().addPage(List.of("ba"));

        assertThat(complete("/msg ")).containsExactly("aa", "ab", "ba");
    }
}
