package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTableTest {
    private final CommandTable sut = CommandTable.standard();

    /** Records which action ran with which arguments. */
    static final class RecordingActions implements ChatActions {
        final List<String> calls = new ArrayList<>();

        @Override public void list() { calls.add("list"); }
        @Override public void listMore() { calls.add("list|more"); }
        @Override public void watch(List<String> users) { calls.add("watch|" + String.join("|", users)); }
        @Override public void unwatch(List<String> users) { calls.add("unwatch|" + String.join("|", users)); }
        @Override public void watching() { calls.add("watching"); }
        @Override public void msg(String user, String text) { calls.add("msg|" + user + "|" + text); }
        @Override public void say(String text) { calls.add("say|" + text); }
        @Override public void sendFile(String user, String path) { calls.add("sendfile|" + user + "|" + path); }
        @Override public void acceptFile(String user, String which) { calls.add("acceptfile|" + user + (which == null ? "" : "|" + which)); }
        @Override public void rejectFile(String user, String which) { calls.add("rejectfile|" + user + (which == null ? "" : "|" + which)); }
        @Override public void cancelFile(String user, String which) { calls.add("cancelfile|" + user + (which == null ? "" : "|" + which)); }
        @Override public void files() { calls.add("files"); }
        @Override public void help(String command) { calls.add(command == null ? "help" : "help|" + command); }
        @Override public void clear() { calls.add("clear"); }
        @Override public void quit() { calls.add("quit"); }
    }

    private List<String> run(String line) throws UserError {
        RecordingActions actions = new RecordingActions();
        CommandTable.Parsed parsed = sut.parse(line);
        assertThat(parsed).as("'%s' must parse as a command", line).isInstanceOf(CommandTable.Invocation.class);
        ((CommandTable.Invocation) parsed).run(actions);
        return actions.calls;
    }

    @Test
    void msgKeepsTheWholeTextAsTyped() throws UserError {
        assertThat(run("/msg Bob Hello Bob,   how are you? ")).containsExactly("msg|Bob|Hello Bob,   how are you? ");
    }

    @Test
    void msgCarriesAnyUnicodeUnchanged() throws UserError {
        String text = "Apa kabar? 👋🏽 مرحبا שלום 你好 e\u0301";
        assertThat(run("/msg Андрей " + text)).containsExactly("msg|Андрей|" + text);
    }

    @Test
    void sendfileTakesEverythingAfterTheUserAsThePath() throws UserError {
        assertThat(run("/sendfile Bob /tmp/my holiday photos/beach day.jpg"))
                .containsExactly("sendfile|Bob|/tmp/my holiday photos/beach day.jpg");
    }

    @Test
    void sendfileAcceptsAQuotedPath() throws UserError {
        assertThat(run("/sendfile Bob \"my notes.txt\"")).containsExactly("sendfile|Bob|my notes.txt");
        assertThat(run("/sendfile Bob 'laporan akhir.pdf'")).containsExactly("sendfile|Bob|laporan akhir.pdf");
    }

    @Test
    void sendfileWithAnUnbalancedQuoteKeepsItAsTyped() throws UserError {
        assertThat(run("/sendfile Bob \"odd name.txt")).containsExactly("sendfile|Bob|\"odd name.txt");
    }

    @Test
    void commandNamesIgnoreCase() throws UserError {
        assertThat(run("/LIST")).containsExactly("list");
        assertThat(run("/AcceptFile alice")).containsExactly("acceptfile|alice");
    }

    @Test
    void everyCommandInTheTableDispatchesToItsAction() throws UserError {
        assertThat(run("/list")).containsExactly("list");
        assertThat(run("/acceptfile Alice")).containsExactly("acceptfile|Alice");
        assertThat(run("/rejectfile Alice")).containsExactly("rejectfile|Alice");
        assertThat(run("/cancelfile Alice")).containsExactly("cancelfile|Alice");
        assertThat(run("/files")).containsExactly("files");
        assertThat(run("/watch bob")).containsExactly("watch|bob");
        assertThat(run("/unwatch bob")).containsExactly("unwatch|bob");
        assertThat(run("/watching")).containsExactly("watching");
        assertThat(run("/help")).containsExactly("help");
        assertThat(run("/clear")).containsExactly("clear");
        assertThat(run("/quit")).containsExactly("quit");
    }

    @Test
    void missingOrExtraArgumentsGiveTheUsageNotAnInvocation() {
        for (String line : List.of("/msg", "/msg Bob", "/msg Bob   ", "/sendfile Bob", "/sendfile Bob \"\"",
                "/acceptfile", "/rejectfile", "/cancelfile", "/files all", "/list everyone", "/list more please", "/quit now",
                "/watch", "/watch   ", "/unwatch", "/watching bob")) {
            assertThat(sut.parse(line)).as("'%s' lacks or has extra arguments", line).isInstanceOf(CommandTable.BadArguments.class);
        }
    }

    @Test
    void fileCommandsTakeAnOptionalNameOrIdWithSpacesOrQuotes() throws UserError {
        assertThat(run("/acceptfile Alice k3j9x2")).containsExactly("acceptfile|Alice|k3j9x2");
        assertThat(run("/rejectfile Alice my notes.txt")).containsExactly("rejectfile|Alice|my notes.txt");
        assertThat(run("/cancelfile Alice \"my notes.txt\"  ")).containsExactly("cancelfile|Alice|my notes.txt");
        assertThat(run("/acceptfile Alice my\\ notes.txt")).as("a name as Tab completion writes it")
                .containsExactly("acceptfile|Alice|my notes.txt");
    }

    @Test
    void unknownCommandIsReportedByName() {
        assertThat(sut.parse("/dance wildly")).isEqualTo(new CommandTable.Unknown("dance"));
    }

    @Test
    void textWithoutACommandIsPlainTextUnchanged() {
        assertThat(sut.parse("  halo semua 🙂 ")).isEqualTo(new CommandTable.PlainText("  halo semua 🙂 "));
    }

    @Test
    void doubleSlashSendsTextThatStartsWithASlash() {
        assertThat(sut.parse("//shrug")).isEqualTo(new CommandTable.PlainText("/shrug"));
    }

    @Test
    void blankLinesDoNothing() {
        assertThat(sut.parse("")).isInstanceOf(CommandTable.Blank.class);
        assertThat(sut.parse("   \t")).isInstanceOf(CommandTable.Blank.class);
    }

    @Test
    void everyCommandHasUsageHelpAndExampleTexts() {
        Texts english = Texts.forLocale(java.util.Locale.ENGLISH);
        for (CommandTable.Spec spec : sut.specs()) {
            assertThat(english.has(spec.usageKey())).as("usage text for /%s", spec.name()).isTrue();
            assertThat(english.has(spec.helpKey())).as("help text for /%s", spec.name()).isTrue();
            assertThat(english.has(spec.exampleKey())).as("example for /%s", spec.name()).isTrue();
        }
    }

    @Test
    void everyExampleParsesAsItsOwnCommand() {
        for (String lang : List.of("en", "id")) {
            Texts texts = Texts.forLocale(java.util.Locale.forLanguageTag(lang));
            for (CommandTable.Spec spec : sut.specs()) {
                CommandTable.Parsed parsed = sut.parse(texts.get(spec.exampleKey()));
                assertThat(parsed).as("the %s example of /%s must be a valid use of it", lang, spec.name())
                        .isInstanceOfSatisfying(CommandTable.Invocation.class, i -> assertThat(i.spec()).isEqualTo(spec));
            }
        }
    }

    @Test
    void helpTakesAnOptionalCommandName() throws UserError {
        assertThat(run("/help")).containsExactly("help");
        assertThat(run("/help sendfile")).containsExactly("help|sendfile");
        assertThat(run("/help /msg")).containsExactly("help|/msg");
        assertThat(sut.parse("/help msg sendfile")).as("one topic at a time").isInstanceOf(CommandTable.BadArguments.class);
    }

    @Test
    void listTakesMoreForTheNextPage() throws UserError {
        assertThat(run("/list")).containsExactly("list");
        assertThat(run("/list more")).containsExactly("list|more");
        assertThat(run("/list  MORE ")).as("ignoring case and spaces around it").containsExactly("list|more");
    }

    @Test
    void watchAndUnwatchTakeAnyNumberOfNamesSeparatedBySpaces() throws UserError {
        assertThat(run("/watch bob")).containsExactly("watch|bob");
        assertThat(run("/watch  bob\tcarol   Дмитрий ")).containsExactly("watch|bob|carol|Дмитрий");
        assertThat(run("/unwatch carol \u3000 bob")).as("an ideographic space separates names too").containsExactly("unwatch|carol|bob");
    }

    @Test
    void clearTakesNoArguments() throws UserError {
        assertThat(run("/clear")).containsExactly("clear");
        assertThat(sut.parse("/clear all")).isInstanceOf(CommandTable.BadArguments.class);
    }

    @Test
    void aPathWithBackslashEscapedSpacesAsTabCompletionWritesItIsUnescaped() throws UserError {
        assertThat(run("/sendfile Bob my\\ notes\\ v2.txt")).containsExactly("sendfile|Bob|my notes v2.txt");
        assertThat(run("/sendfile Bob it\\'s.txt")).containsExactly("sendfile|Bob|it's.txt");
        assertThat(run("/sendfile Bob C:\\Users\\bob\\a.txt")).as("other backslashes stay (Windows paths)")
                .containsExactly("sendfile|Bob|C:\\Users\\bob\\a.txt");
    }

    @Test
    void nearSuggestsCommandsByPrefixOrOneTypo() {
        assertThat(sut.near("ms")).extracting(CommandTable.Spec::name).containsExactly("msg");
        assertThat(sut.near("lsit")).as("two letters swapped is two edits: no guess").isEmpty();
        assertThat(sut.near("lis")).extracting(CommandTable.Spec::name).containsExactly("list");
        assertThat(sut.near("sendfil")).extracting(CommandTable.Spec::name).containsExactly("sendfile");
        assertThat(sut.near("mgs")).extracting(CommandTable.Spec::name).isEmpty();
        assertThat(sut.near("quiz")).extracting(CommandTable.Spec::name).containsExactly("quit");
        assertThat(sut.near("zzz")).isEmpty();
    }
}
