package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.ServerMessage.ClientList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's side of presence without storms: batches, the watch list, the paged online list. */
class PresenceAndListTest {
    @TempDir
    Path work;

    private final RecordingOutbound outbound = new RecordingOutbound();
    private final SessionLooksTest.RecordingUi ui = new SessionLooksTest.RecordingUi();

    private static final ServerInfo WATCHING_SERVER =
            new ServerInfo(false, "obrol/test", Limits.defaults(), Set.of("presence", "watch", "presence_batch", "list_pages"));
    private static final ServerInfo OLDER_OBROL_SERVER = new ServerInfo(false, "obrol/old", Limits.defaults(), Set.of("presence"));

    private ChatSession session(ServerInfo server, ClientState state, String lang) {
        return new ChatSession("Alice", server, outbound, ui, Texts.forLocale(Locale.forLanguageTag(lang)), work, work, state,
                Styler.plain(), false);
    }

    private ChatSession session(ServerInfo server, ClientState state) {
        return session(server, state, "en");
    }

    private static ClientList page(boolean more, int online, String... names) {
        List<ClientList.Entry> entries = new ArrayList<>();
        for (String name : names) {
            entries.add(new ClientList.Entry(name, name.equals("Alice") ? Boolean.TRUE : null));
        }
        return new ClientList(entries, online, more);
    }

    @Test
    void aFewChangesInABatchReadLikeSingleNoticesAndKeepCompletionCurrent() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(WATCHING_SERVER, state);
        sut.onMessage(page(false, 3, "Alice", "Bob", "carol"));
        ui.lines.clear();

        sut.onMessage(new ServerMessage.PresenceBatch(List.of("dewi", "eko"), List.of("BOB")));

        assertThat(ui.lines).containsExactly("* dewi is online.", "* eko is online.", "* BOB left.");
        assertThat(state.online().names()).as("Tab completes who is here now").containsExactly("Alice", "carol", "dewi", "eko");
    }

    @Test
    void manyChangesInABatchMakeOneLinePerDirectionNamingTheFirstTen() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(WATCHING_SERVER, state);
        List<String> arrivals = new ArrayList<>();
        for (int i = 1; i <= 1200; i++) {
            arrivals.add("u" + i);
        }

        sut.onMessage(new ServerMessage.PresenceBatch(arrivals, List.of("x1", "x2", "x3", "x4")));

        assertThat(ui.lines).containsExactly(
                "* 1,200 people are online: u1, u2, u3, u4, u5, u6, u7, u8, u9, u10 and 1,190 more.",
                "* 4 people left: x1, x2, x3, x4.");
        assertThat(state.online().names()).hasSize(1200);
    }

    @Test
    void namesInABatchAreEscapedBeforeTheyAreShown() {
        ChatSession sut = session(WATCHING_SERVER, ClientState.fresh());

        sut.onMessage(new ServerMessage.PresenceBatch(List.of("evil\u001b[2J", "a", "b", "c"), List.of("gone\u202e")));

        assertThat(ui.text()).doesNotContain("\u001b", "\u202e").contains("evil\\u001b[2J");
    }

    @Test
    void watchSavesTheNamesSendsOneWatchAndShowsTheAnswerAsStateNotAsComingsAndGoings() throws Exception {
        ClientState state = ClientState.fresh(WatchList.load(work));
        ChatSession sut = session(WATCHING_SERVER, state);

        sut.handle("/watch bob carol");
        sut.onMessage(new ServerMessage.PresenceBatch(List.of("Bob"), List.of("carol")));

        assertThat(outbound.sent).containsExactly(new ClientMessage.Watch(List.of("bob", "carol")));
        assertThat(WatchList.load(work).names()).containsExactly("bob", "carol");
        assertThat(ui.lines).containsExactly(
                "Watching bob, carol: you will be told when they come and go.", "* Online now: Bob.", "* Not online now: carol.");
        assertThat(ui.text()).as("carol did not leave: she was never here").doesNotContain("left");
    }

    @Test
    void aChangeArrivingBeforeTheWatchAnswerIsStillShownAsAChange() {
        ChatSession sut = session(WATCHING_SERVER, ClientState.fresh());

        sut.handle("/watch bob carol");
        sut.onMessage(new ServerMessage.PresenceBatch(List.of("dewi"), List.of()));
        sut.onMessage(new ServerMessage.PresenceBatch(List.of(), List.of("bob", "carol")));
        sut.onMessage(new ServerMessage.PresenceBatch(List.of("bob"), List.of()));

        assertThat(ui.lines).containsExactly("Watching bob, carol: you will be told when they come and go.",
                "* dewi is online.", "* Not online now: bob, carol.", "* bob is online.");
    }

    @Test
    void watchingANameAlreadyWatchedSendsNothingAndSaysSo() {
        ChatSession sut = session(WATCHING_SERVER, ClientState.fresh());
        sut.handle("/watch bob");
        outbound.sent.clear();
        ui.lines.clear();

        sut.handle("/watch BOB");

        assertThat(outbound.sent).isEmpty();
        assertThat(ui.lines).containsExactly("Already watching BOB.");
    }

    @Test
    void aNameNoServerAcceptsOrOurOwnIsRefusedWithTheReasonAndNothingIsWatched() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(WATCHING_SERVER, state);

        sut.handle("/watch bob p\u0430ypal");
        sut.handle("/watch ALICE");

        assertThat(ui.lines).containsExactly(
                "Cannot watch \"p\u0430ypal\": a name uses the letters of one script; Latin may be combined only with Chinese, Japanese or Korean.",
                "You cannot watch yourself.");
        assertThat(outbound.sent).isEmpty();
        assertThat(state.watching().names()).as("all or nothing: bob was not added either").isEmpty();
    }

    @Test
    void onAServerWithoutWatchTheListIsStillEditedAndTheUserIsToldItDoesNotWorkThere() {
        ClientState state = ClientState.fresh();
        ChatSession v1 = session(ServerInfo.v1Server(), state);

        v1.handle("/watch bob");
        session(OLDER_OBROL_SERVER, state).handle("/watch carol");
        v1.handle("/unwatch bob");

        assertThat(outbound.sent).as("neither server knows WATCH or UNWATCH").isEmpty();
        assertThat(state.watching().names()).containsExactly("carol");
        assertThat(ui.text()).contains(
                "Added bob to your watch list. This server does not support /watch, so here you are not told when they come and go;",
                "Added carol to your watch list. This server does not support /watch, but it tells everyone when anyone comes and goes;",
                "No longer watching bob.");
    }

    @Test
    void theWatchListIsSentOnceAfterLoginAndItsAnswerShowsOnlyWhoIsOnline() throws Exception {
        WatchList saved = WatchList.load(work);
        saved.add(List.of("bob", "carol", "dewi"));
        ChatSession sut = session(WATCHING_SERVER, ClientState.fresh(WatchList.load(work)));
        Thread runner = new Thread(sut::run);
        runner.setDaemon(true);
        runner.start();
        await().until(() -> !outbound.sent.isEmpty());

        sut.onMessage(new ServerMessage.PresenceBatch(List.of("Bob"), List.of("carol", "dewi")));

        assertThat(outbound.sent).containsExactly(new ClientMessage.Watch(List.of("bob", "carol", "dewi")));
        assertThat(ui.lines).containsExactly("* Online now: Bob.");
        sut.quit();
    }

    @Test
    void noWatchIsSentAfterLoginToAServerWithoutWatch() throws Exception {
        WatchList saved = WatchList.load(work);
        saved.add(List.of("bob"));
        ChatSession sut = session(OLDER_OBROL_SERVER, ClientState.fresh(saved));
        sut.learnNamesAtStart();
        Thread runner = new Thread(sut::run);
        runner.setDaemon(true);
        runner.start();
        await().until(() -> !outbound.sent.isEmpty());
        sut.quit();
        await().until(() -> outbound.finished);

        assertThat(outbound.sent).as("the quiet /list only").containsExactly(new ClientMessage.ListRequest());
    }

    @Test
    void unwatchSendsUnwatchForTheNamesThatWereWatched() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(WATCHING_SERVER, state);
        sut.handle("/watch bob carol");
        outbound.sent.clear();
        ui.lines.clear();

        sut.handle("/unwatch BOB nobody");

        assertThat(outbound.sent).containsExactly(new ClientMessage.Unwatch(List.of("bob")));
        assertThat(ui.lines).containsExactly("You were not watching nobody.", "No longer watching bob.");
        assertThat(state.watching().names()).containsExactly("carol");
    }

    @Test
    void watchingShowsEachNameWithWhatIsKnownOfIt() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(WATCHING_SERVER, state);
        sut.handle("/watching");
        sut.handle("/watch bob carol dewi");
        sut.onMessage(new ServerMessage.PresenceBatch(List.of("bob"), List.of("carol", "dewi")));
        sut.onMessage(new ServerMessage.Presence("dewi", ServerMessage.Presence.ONLINE));
        ui.lines.clear();

        sut.handle("/watching");

        assertThat(ui.lines).containsExactly("You watch 3 people:", "  bob \u2014 online", "  carol \u2014 offline", "  dewi \u2014 online");
    }

    @Test
    void watchingOnAV1ServerKnowsOnlyWhatTheLastListSaid() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(ServerInfo.v1Server(), state);
        sut.handle("/watch bob carol");
        sut.handle("/watching");
        sut.onMessage(new ClientList(List.of(new ClientList.Entry("Bob", null))));
        sut.handle("/watching");

        assertThat(ui.text()).contains("  bob \u2014 not known (not in the last /list)\n  carol \u2014 not known")
                .contains("  bob \u2014 online\n  carol \u2014 offline")
                .contains("This server does not support /watch: here you are not told when these people come and go.");
    }

    @Test
    void watchingOnAnOlderObrolServerSaysItTellsOfEveryoneAnyway() {
        ChatSession sut = session(OLDER_OBROL_SERVER, ClientState.fresh());

        sut.handle("/watching");

        assertThat(ui.lines).containsExactly("You watch nobody. /watch <user> tells you when someone comes and goes.",
                "This server does not support /watch, but it tells everyone when anyone comes and goes.");
    }

    @Test
    void watchingInIndonesian() {
        ChatSession sut = session(WATCHING_SERVER, ClientState.fresh(), "id");

        sut.handle("/watching");
        sut.handle("/watch budi");
        sut.handle("/watching");

        assertThat(ui.text()).contains("Anda tidak memantau siapa pun.", "Memantau budi:", "Anda memantau 1 orang:");
    }

    @Test
    void aLongListShowsItsFirstPageAsBeforeWithHowManyAreOnlineAndHowToSeeMore() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(WATCHING_SERVER, state);

        sut.handle("/list");
        sut.onMessage(page(true, 1234, "Alice", "bob", "carol"));

        assertThat(outbound.sent).containsExactly(new ClientMessage.ListRequest());
        assertThat(ui.lines).containsExactly("Online (3): Alice (you), bob, carol",
                "1,234 online, showing 1 to 3. Type /list more for the next page.");
    }

    @Test
    void listMoreAsksForThePageAfterTheLastNameShownUntilThereIsNoMore() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(WATCHING_SERVER, state);
        sut.handle("/list");
        sut.onMessage(page(true, 5, "bob", "carol"));
        ui.lines.clear();

        sut.handle("/list more");
        sut.onMessage(page(true, 5, "dewi", "eko"));
        sut.handle("/list more");
        sut.onMessage(page(false, 5, "Alice"));
        sut.handle("/list more");

        assertThat(outbound.sent).containsExactly(new ClientMessage.ListRequest(),
                new ClientMessage.ListRequest("carol", null), new ClientMessage.ListRequest("eko", null));
        assertThat(ui.lines).containsExactly(
                "Online (2): dewi, eko", "5 online, showing 3 to 4. Type /list more for the next page.",
                "Online (1): Alice (you)", "5 online, showing 5 to 5.",
                "There is no further page of the online list; /list shows it from the start.");
        assertThat(state.online().names()).as("completion knows every name of every page seen")
                .containsExactly("Alice", "bob", "carol", "dewi", "eko");
    }

    @Test
    void listMoreTwiceBeforeTheAnswerAsksOnceAndListMoreWithoutAListAsksNothing() {
        ChatSession sut = session(WATCHING_SERVER, ClientState.fresh());

        sut.handle("/list more");
        sut.handle("/list");
        sut.onMessage(page(true, 5, "bob", "carol"));
        sut.handle("/list more");
        sut.handle("/list more");

        assertThat(outbound.sent).containsExactly(new ClientMessage.ListRequest(), new ClientMessage.ListRequest("carol", null));
    }

    @Test
    void aListThatFitsOnePageIsShownExactlyAsBefore() {
        ChatSession sut = session(WATCHING_SERVER, ClientState.fresh());

        sut.handle("/list");
        sut.onMessage(page(false, 2, "Alice", "bob"));

        assertThat(ui.lines).containsExactly("Online (2): Alice (you), bob");
    }

    @Test
    void aFirstPageWithoutUsDoesNotAddUsButAV1ListStillDoes() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(WATCHING_SERVER, state);

        sut.handle("/list");
        sut.onMessage(page(true, 900, "aa", "ab"));

        assertThat(ui.lines.get(0)).as("Alice is on a later page").isEqualTo("Online (2): aa, ab");
        assertThat(state.online().names()).containsExactly("aa", "ab");
    }

    @Test
    void aWatchedNameOnlineStaysKnownWhenAFirstPageDoesNotReachIt() {
        ClientState state = ClientState.fresh();
        ChatSession sut = session(WATCHING_SERVER, state);
        sut.handle("/watch zed");
        sut.onMessage(new ServerMessage.PresenceBatch(List.of("zed"), List.of()));

        sut.handle("/list");
        sut.onMessage(page(true, 900, "aa", "ab"));

        assertThat(state.online().state("zed")).isEqualTo(OnlineUsers.State.ONLINE);
        assertThat(state.online().names()).as("Tab still completes zed").contains("zed");
    }

    @Test
    void theHelpListsTheWatchCommandsWithTheirExamples() {
        ChatSession sut = session(WATCHING_SERVER, ClientState.fresh());

        sut.handle("/help watch");
        sut.handle("/help list");

        assertThat(ui.lines).containsExactly(
                "/watch <user>...", "  be told when these people come and go (the list is kept between runs)", "  Example: /watch bob carol",
                "/list [more]", "  show who is online; /list more shows the next page of a long list", "  Example: /list");
    }

    @Test
    void aWatchListThatCannotBeSavedIsReportedAndNothingIsSent() throws Exception {
        Path notAFolder = Files.writeString(work.resolve("plain file"), "x");
        ClientState state = ClientState.fresh(WatchList.load(notAFolder.resolve("obrol")));
        ChatSession sut = session(WATCHING_SERVER, state);

        sut.handle("/watch bob");

        assertThat(outbound.sent).isEmpty();
        assertThat(ui.text()).startsWith("Could not save the watch list in " + notAFolder.resolve("obrol").resolve("watchlist"))
                .endsWith("Nothing was changed.");
    }
}
