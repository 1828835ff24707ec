package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.ServerMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the session shows and keeps for the terminal: help, usage, colours, bell, names for completion, status. */
class SessionLooksTest {
    @TempDir
    Path downloads;

    /** Records every line shown and every bell. */
    static final class RecordingUi implements Ui {
        final List<String> lines = new CopyOnWriteArrayList<>();
        int bells;
        int clears;

        @Override public String ask(String question) { return null; }
        @Override public String readLine(String prompt) { return null; }
        @Override public void show(String line) { lines.add(line); }
        @Override public void error(String line) { lines.add(line); }
        @Override public void bell() { bells++; }
        @Override public void clear() { clears++; }
        @Override public void interrupt() {}
        @Override public void close() {}

        String text() {
            return String.join("\n", lines);
        }
    }

    private final RecordingOutbound outbound = new RecordingOutbound();
    private final RecordingUi ui = new RecordingUi();
    private final ClientState state = ClientState.fresh();

    private ChatSession session(String lang, Styler styler, boolean bell) {
        return new ChatSession("Alice", ServerInfo.v1Server(), outbound, ui, Texts.forLocale(Locale.forLanguageTag(lang)),
                downloads, downloads, state, styler, bell);
    }

    @Test
    void helpWithACommandShowsUsageDescriptionAndExample() {
        ChatSession sut = session("en", Styler.plain(), false);

        sut.handle("/help sendfile");

        assertThat(ui.lines).containsExactly(
                "/sendfile <user> <path>",
                "  offer a file (the path may contain spaces or be quoted)",
                "  Example: /sendfile bob \"notes/meeting notes.txt\"");
    }

    @Test
    void helpInIndonesianAndForUnknownTopics() {
        ChatSession sut = session("id", Styler.plain(), false);

        sut.handle("/help /msg");
        sut.handle("/help dance");

        assertThat(ui.text()).contains("/msg <user> <teks>", "Contoh: /msg budi", "Tidak ada perintah \"/dance\"");
    }

    @Test
    void aMissingArgumentShowsUsageAndAnExample() {
        ChatSession sut = session("en", Styler.plain(), false);

        sut.handle("/sendfile bob");

        assertThat(ui.lines).containsExactly("Usage: /sendfile <user> <path>", "  Example: /sendfile bob \"notes/meeting notes.txt\"");
        assertThat(outbound.sent).isEmpty();
    }

    @Test
    void aMistypedCommandSuggestsTheNearestOne() {
        ChatSession sut = session("en", Styler.plain(), false);

        sut.handle("/mgs bob hi");
        sut.handle("/sendfil bob x");
        sut.handle("/dance");

        assertThat(ui.lines).containsExactly(
                "Unknown command \"/mgs\". Type /help for the commands.",
                "Unknown command \"/sendfil\". Did you mean /sendfile?",
                "Unknown command \"/dance\". Type /help for the commands.");
    }

    @Test
    void clearAsksTheUiToClear() {
        session("en", Styler.plain(), false).handle("/clear");

        assertThat(ui.clears).isEqualTo(1);
        assertThat(ui.lines).isEmpty();
    }

    @Test
    void aDirectMessageIsBoldWithTheSenderInItsColourAndRingsTheBell() {
        ChatSession sut = session("en", Styler.ansi(), true);

        sut.onMessage(new ServerMessage.PeerMsg("Bob", "hi \u001b[2J there"));

        String colour = String.valueOf(Styler.nameColour("Bob"));
        assertThat(ui.lines).containsExactly("\u001b[1m[\u001b[38;5;" + colour + "mBob\u001b[0m\u001b[1m] hi \\u001b[2J there\u001b[0m");
        assertThat(ui.bells).isEqualTo(1);
    }

    @Test
    void noBellWhenTurnedOffAndNoColourWhenPlain() {
        ChatSession sut = session("en", Styler.plain(), false);

        sut.onMessage(new ServerMessage.PeerMsg("Bob", "hi"));
        sut.onMessage(new ServerMessage.Error("nope", "NO_SUCH_USER"));

        assertThat(ui.lines).containsExactly("[Bob] hi", "! nope");
        assertThat(ui.bells).isZero();
    }

    @Test
    void errorsAreRedAndServerNoticesHaveTheirColours() {
        ChatSession sut = session("en", Styler.ansi(), false);

        sut.onMessage(new ServerMessage.Error("nope", "NO_SUCH_USER"));
        sut.onMessage(new ServerMessage.Broadcast("restart at 18:00"));
        sut.onMessage(new ServerMessage.ServerMsg("hello from the operator"));

        assertThat(ui.lines).containsExactly(
                "\u001b[31m! nope\u001b[0m",
                "\u001b[1;33m[broadcast] restart at 18:00\u001b[0m",
                "\u001b[35m[server] hello from the operator\u001b[0m");
    }

    @Test
    void onlineNamesFollowListsAndPresenceForCompletion() {
        ChatSession sut = session("en", Styler.plain(), false);

        sut.onMessage(new ServerMessage.ClientList(List.of(new ServerMessage.ClientList.Entry("Bob", null))));
        sut.onMessage(new ServerMessage.Presence("carol", ServerMessage.Presence.ONLINE));
        sut.onMessage(new ServerMessage.Presence("BOB", ServerMessage.Presence.OFFLINE));

        assertThat(state.online().names()).containsExactly("Alice", "carol");
    }

    @Test
    void theNamesAskedForAtStartAreLearntWithoutBeingShown() {
        ChatSession sut = session("en", Styler.plain(), false);
        sut.learnNamesAtStart();
        Thread runner = new Thread(sut::run);
        runner.setDaemon(true);
        runner.start();
        org.awaitility.Awaitility.await().until(() -> !outbound.sent.isEmpty());

        sut.onMessage(new ServerMessage.ClientList(List.of(new ServerMessage.ClientList.Entry("Bob", null))));
        sut.onMessage(new ServerMessage.ClientList(List.of(new ServerMessage.ClientList.Entry("Dina", null))));

        assertThat(outbound.sent.get(0)).isInstanceOf(ClientMessage.ListRequest.class);
        assertThat(ui.text()).as("only the list the user asked for is shown").doesNotContain("Bob").contains("Dina");
        assertThat(state.online().names()).containsExactly("Alice", "Dina");
        sut.quit();
    }

    @Test
    void theStatusFollowsThePartnerAndTheWaitingOffers() throws Exception {
        ChatSession sut = session("en", Styler.plain(), false);
        // This original (v1) server is asked who is online before the message goes: bob is.
        outbound.onSend = m -> {
            if (m instanceof ClientMessage.ListRequest) {
                sut.onMessage(new ServerMessage.ClientList(List.of(new ServerMessage.ClientList.Entry("bob", null))));
            }
        };

        sut.handle("/msg bob hi");
        sut.onMessage(new ServerMessage.FileOffer("carol", "a.txt", "YQ==", "", 1L));
        sut.onMessage(new ServerMessage.FileOffer("carol", "b.txt", "Yg==", "", 1L));
        sut.handle("/rejectfile carol");

        StatusModel.Snapshot now = state.status().snapshot();
        assertThat(now.partner()).isEqualTo("bob");
        assertThat(now.pendingOffers()).isEqualTo(1);
    }

    @Test
    void streamedOffersCountInTheStatusAndCompleteForCancelUntilTheyEnd() {
        ChatSession sut = session("en", Styler.plain(), false);

        sut.onMessage(new ServerMessage.FileStreamOffer("k3j9x2", "carol", "big.iso", 5_000_000L, null));
        sut.onMessage(new ServerMessage.FileOffer("carol", "a.txt", "YQ==", "", 1L));

        assertThat(state.status().snapshot().pendingOffers()).as("a streamed offer waits like a whole-file one").isEqualTo(2);
        assertThat(state.transfers().peers()).as("completion for /cancelfile sees the streamed offer").containsExactly("carol");
        assertThat(state.transfers().namesAndIds("CAROL")).containsExactly("big.iso", "k3j9x2");

        sut.onMessage(new dev.obrol.protocol.TransferMessage.Cancel("k3j9x2", dev.obrol.protocol.CancelReason.EXPIRED));

        assertThat(state.status().snapshot().pendingOffers()).as("the expired offer no longer waits").isEqualTo(1);
        assertThat(state.transfers().peers()).isEmpty();
    }
}
