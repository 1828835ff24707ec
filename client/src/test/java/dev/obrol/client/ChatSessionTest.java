package dev.obrol.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.client.transfer.PartialWriter;
import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.RawText;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.TransferMessage;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session without sockets: typed lines in, messages out, server messages shown. */
class ChatSessionTest {
    @TempDir
    Path downloads;

    private final RecordingOutbound outbound = new RecordingOutbound();
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private final Texts texts = Texts.forLocale(Locale.ENGLISH);

    private ChatSession session(ServerInfo server) {
        PlainUi ui = new PlainUi(new ByteArrayInputStream(new byte[0]), new PrintStream(shown, true, UTF_8), new PrintStream(shown, true, UTF_8));
        return new ChatSession("Alice", server, outbound, ui, texts, downloads, downloads);
    }

    private static ServerInfo obrolServer(Limits limits) {
        return new ServerInfo(false, "obrol/test", limits, Set.of());
    }

    private static ServerInfo streamingServer() {
        return new ServerInfo(false, "obrol/test", Limits.defaults(), Set.of(StreamLimits.FEATURE));
    }

    /** Answers every LIST as an original (v1) server would, with {@code online} (the requester left out). */
    private void v1Online(ChatSession sut, String... online) {
        List<ServerMessage.ClientList.Entry> entries = Arrays.stream(online).map(n -> new ServerMessage.ClientList.Entry(n, null)).toList();
        outbound.onSend = m -> {
            if (m instanceof ClientMessage.ListRequest) {
                sut.onMessage(new ServerMessage.ClientList(entries));
            }
        };
    }

    /** What was sent, without the LISTs that ask an original server who is online. */
    private List<ClientMessage> sentBesidesLists() {
        return outbound.sent.stream().filter(m -> !(m instanceof ClientMessage.ListRequest)).toList();
    }

    private String output() {
        return shown.toString(UTF_8);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
    }

    @Test
    void plainTextWithNobodyYetExplainsMsgAndSendsNothing() {
        ChatSession sut = session(ServerInfo.v1Server());

        sut.handle("hello?");

        assertThat(outbound.sent).as("nothing goes out without a partner").isEmpty();
        assertThat(output()).contains("/msg <user> <text>");
    }

    @Test
    void plainTextGoesToTheLastUserWrittenToWithMsg() {
        ChatSession sut = session(ServerInfo.v1Server());
        v1Online(sut, "Bob");

        sut.handle("/msg Bob Hello Bob");
        sut.handle("how are you? 🙂");

        assertThat(sentBesidesLists()).containsExactly(
                new ClientMessage.Msg("Bob", "Hello Bob"), new ClientMessage.Msg("Bob", "how are you? 🙂"));
        assertThat(sut.prompt()).as("the prompt shows who plain text goes to").contains("Bob");
    }

    @Test
    void theReplyTargetStaysWhereItWasWhenTheServerSaysTheUserIsNotOnline() {
        ChatSession sut = session(obrolServer(Limits.defaults()));
        outbound.answers = m -> m instanceof ClientMessage.Msg msg && msg.toUsername().equals("Zaki") ? Delivery.REFUSED : Delivery.DONE;

        sut.handle("/msg Bob hi");
        sut.handle("/msg Zaki hello?");
        sut.handle("still there?");

        assertThat(sut.prompt()).as("the prompt names whom a message reached").isEqualTo("[\u2192Bob] ");
        assertThat(outbound.sent).last().isEqualTo(new ClientMessage.Msg("Bob", "still there?"));
    }

    @Test
    void v1ListLeavesUsOutSoWeAddOurselvesMarked() {
        ChatSession sut = session(ServerInfo.v1Server());

        sut.handle("/list");
        sut.onMessage(new ServerMessage.ClientList(List.of(new ServerMessage.ClientList.Entry("Bob", null))));

        assertThat(outbound.sent).containsExactly(new ClientMessage.ListRequest());
        assertThat(output()).contains("Online (2): Alice (you), Bob");
    }

    @Test
    void obrolListMarksWhoeverTheServerMarked() {
        ChatSession sut = session(obrolServer(Limits.defaults()));

        sut.onMessage(new ServerMessage.ClientList(List.of(
                new ServerMessage.ClientList.Entry("Bob", null), new ServerMessage.ClientList.Entry("Alice", true))));

        assertThat(output()).contains("Online (2): Bob, Alice (you)").doesNotContain("Alice (you), Bob");
    }

    @Test
    void aMessageTooLargeForAV1ServerIsRefusedLocally() {
        ChatSession sut = session(ServerInfo.v1Server());

        sut.handle("/msg Bob " + "x".repeat(5000));

        assertThat(outbound.sent).as("a v1 server would lose it; it must not be sent").isEmpty();
        assertThat(output()).contains("4,096");
    }

    @Test
    void aMessageOverTheAnnouncedLimitIsRefusedLocally() {
        ChatSession sut = session(obrolServer(new Limits(Limits.DEFAULT_MAX_FRAME_BYTES, 10, Limits.DEFAULT_MAX_FILE_BYTES)));

        sut.handle("/msg Bob exactly10!");
        sut.handle("/msg Bob eleven chars");

        assertThat(outbound.sent).containsExactly(new ClientMessage.Msg("Bob", "exactly10!"));
        assertThat(output()).contains("at most 10");
    }

    @Test
    void allOffersAreKeptAndAcceptTakesTheSendersOldest() throws IOException {
        ChatSession sut = session(ServerInfo.v1Server());
        sut.onMessage(new ServerMessage.FileOffer("Bob", "a.txt", base64("first"), "offer", null));
        sut.onMessage(new ServerMessage.FileOffer("Carol", "c.txt", base64("carol"), "offer", null));
        sut.onMessage(new ServerMessage.FileOffer("Bob", "a.txt", base64("second"), "offer", null));

        sut.handle("/acceptfile bob");
        sut.handle("/acceptfile Bob");

        assertThat(Files.readString(downloads.resolve("received_a.txt"))).isEqualTo("first");
        assertThat(Files.readString(downloads.resolve("received_a_1.txt"))).isEqualTo("second");
        assertThat(outbound.sent).containsExactly(
                new ClientMessage.FileResponse("Bob", true, "a.txt"), new ClientMessage.FileResponse("Bob", true, "a.txt"));
        assertThat(sut.offers().oldest("Carol")).as("Carol's offer is still waiting").isPresent();
    }

    @Test
    void anOfferShowsSenderNameSizeAndTheExactCommands() {
        ChatSession sut = session(ServerInfo.v1Server());

        sut.onMessage(new ServerMessage.FileOffer("Bob", "notes.txt", base64("12345"), "Bob wants to send", null));

        assertThat(output()).contains("Bob", "notes.txt", "5 bytes", "/acceptfile Bob", "/rejectfile Bob");
    }

    @Test
    void rejectTellsTheSenderAndForgetsTheOffer() {
        ChatSession sut = session(ServerInfo.v1Server());
        sut.onMessage(new ServerMessage.FileOffer("Bob", "x.bin", base64("x"), null, null));

        sut.handle("/rejectfile Bob");
        sut.handle("/acceptfile Bob");

        assertThat(outbound.sent).containsExactly(new ClientMessage.FileResponse("Bob", false, "x.bin"));
        assertThat(output()).contains("No file offered by Bob is waiting");
        assertThat(downloads.toFile().list()).isEmpty();
    }

    @Test
    void badBase64WritesNothingAndSaysSo() {
        ChatSession sut = session(ServerInfo.v1Server());
        sut.onMessage(new ServerMessage.FileOffer("Bob", "evil.txt", "not*base64!", null, null));

        sut.handle("/acceptfile Bob");

        assertThat(downloads.toFile().list()).as("nothing written, not even a temporary file").isEmpty();
        assertThat(output()).contains("invalid Base64");
        assertThat(outbound.sent).as("the sender learns it did not arrive").containsExactly(new ClientMessage.FileResponse("Bob", false, "evil.txt"));
    }

    @Test
    void aHostileNameIsSanitizedEvenFromAV1Server() {
        ChatSession sut = session(ServerInfo.v1Server());
        sut.onMessage(new ServerMessage.FileOffer("Mallory", "../../.bashrc", base64("rm -rf ~"), null, null));

        sut.handle("/acceptfile Mallory");

        assertThat(downloads.resolve("received_bashrc")).exists();
        assertThat(downloads.getParent().resolve(".bashrc")).doesNotExist();
    }

    @Test
    void sendfileAgainstAV1ServerRefusesWhatDoesNotFitOneRead() throws IOException {
        ChatSession sut = session(ServerInfo.v1Server());
        v1Online(sut, "Bob");
        Path small = Files.writeString(downloads.resolve("small file.txt"), "tiny");
        Path big = Files.write(downloads.resolve("big.bin"), new byte[4000]);

        sut.handle("/sendfile Bob " + small);
        sut.handle("/sendfile Bob " + big);

        assertThat(sentBesidesLists()).hasSize(1);
        assertThat(sentBesidesLists().get(0)).isEqualTo(new ClientMessage.FileSend("Bob", "small file.txt", base64("tiny")));
        assertThat(output()).contains("v1");
    }

    @Test
    void sendfileRefusesMissingFilesDirectoriesAndFilesOverTheLimit() throws IOException {
        ChatSession sut = session(obrolServer(new Limits(Limits.DEFAULT_MAX_FRAME_BYTES, 1000, 10)));
        Files.write(downloads.resolve("eleven.bin"), new byte[11]);

        sut.handle("/sendfile Bob " + downloads.resolve("nope.txt"));
        sut.handle("/sendfile Bob " + downloads);
        sut.handle("/sendfile Bob " + downloads.resolve("eleven.bin"));

        assertThat(outbound.sent).isEmpty();
        assertThat(output()).contains("No file", "is a directory", "too large");
    }

    @Test
    void untrustedTextIsEscapedBeforeItIsShown() {
        ChatSession sut = session(ServerInfo.v1Server());

        sut.onMessage(new ServerMessage.PeerMsg("Bob\u001b[31m", "clear\u001b[2J screen \u202eevil"));
        sut.onMessage(new RawText("raw\u0007bell"));

        assertThat(output()).doesNotContain("\u001b", "\u202e", "\u0007").contains("\\u001b[2J", "[raw] raw\\u0007bell");
    }

    @Test
    void unknownCommandsAndMissingArgumentsAnswerWithText() {
        ChatSession sut = session(ServerInfo.v1Server());

        sut.handle("/dance");
        sut.handle("/msg Bob");

        assertThat(output()).contains("Unknown command \"/dance\"", "Usage: /msg <user> <text>");
        assertThat(outbound.sent).isEmpty();
    }

    @Test
    void helpListsEveryCommand() {
        ChatSession sut = session(ServerInfo.v1Server());

        sut.handle("/help");

        for (CommandTable.Spec spec : CommandTable.standard().specs()) {
            assertThat(output()).contains("/" + spec.name());
        }
    }

    @Test
    void quitFinishesTheConnectionAndEndsTheSession() {
        ChatSession sut = session(ServerInfo.v1Server());

        sut.handle("/quit");

        assertThat(outbound.finished).isTrue();
        assertThat(sut.ended()).isCompletedWithValue(ChatSession.EXIT_OK);
    }

    @Test
    void theServerGoingAwayEndsTheSessionWithAnError() {
        ChatSession sut = session(ServerInfo.v1Server());

        sut.onClosed();

        assertThat(sut.ended()).isCompletedWithValue(ChatSession.EXIT_CONNECTION_LOST);
        assertThat(output()).contains("connection to the server was lost");
    }

    @Test
    void leavingDuringTransfersIsNotReportedAsALostConnection() throws IOException {
        ChatSession sut = session(streamingServer());
        sut.onMessage(new ServerMessage.FileStreamOffer("in1", "Bob", "incoming.bin", 100, null));
        sut.handle("/acceptfile Bob");
        Path outgoing = Files.write(downloads.resolve("outgoing.bin"), new byte[100]);
        sut.handle("/sendfile Carol " + outgoing);
        String offered = ((ClientMessage.FileStream) outbound.sent.stream().filter(ClientMessage.FileStream.class::isInstance)
                .findFirst().orElseThrow()).transferId();
        sut.onMessage(new TransferMessage.Accept(offered, 0));

        sut.handle("/quit"); // what Ctrl+C and Ctrl+D do too
        sut.onClosed(); // the connection closes because the user left

        assertThat(output()).as("the user left; nothing was lost")
                .doesNotContain("connection to the server was lost")
                .contains("Receiving \"incoming.bin\" from Bob stopped: you left.", "Sending \"outgoing.bin\" to Carol stopped: you left.");
        assertThat(sut.ended()).isCompletedWithValue(ChatSession.EXIT_OK);
    }

    /** Opens partial files whose writes wait until {@link #release}: a disk that has stalled. */
    private static final class StalledDisk implements PartialWriter.Opener {
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean writing;

        @Override
        public PartialWriter open(Path path, long offset) throws IOException {
            PartialWriter real = PartialWriter.open(path, offset);
            return new PartialWriter() {
                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    writing = true;
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    real.write(bytes);
                }

                @Override
                public void force() throws IOException {
                    real.force();
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        }

        void release() {
            released.countDown();
        }
    }

    @Test
    void chatIsShownWhileAReceivedFileWaitsForAStalledDisk() throws Exception {
        StalledDisk disk = new StalledDisk();
        PlainUi ui = new PlainUi(new ByteArrayInputStream(new byte[0]), new PrintStream(shown, true, UTF_8), new PrintStream(shown, true, UTF_8));
        ChatSession sut = new ChatSession("Alice", streamingServer(), outbound, ui, texts, downloads, downloads, ClientState.fresh(),
                Styler.plain(), false, disk);
        sut.onMessage(new ServerMessage.FileStreamOffer("slow1", "Bob", "slow.bin", 5, null));
        sut.handle("/acceptfile Bob");
        // The connection's event loop, delivering as ConnectionHandler does (which releases each message after it).
        ExecutorService eventLoop = Executors.newSingleThreadExecutor();
        try {
            FileChunk chunk = new FileChunk("slow1", 0, Unpooled.copiedBuffer(base64("12345"), StandardCharsets.US_ASCII));
            eventLoop.execute(() -> {
                try {
                    sut.onMessage(chunk);
                } finally {
                    chunk.release();
                }
            });
            eventLoop.execute(() -> sut.onMessage(new ServerMessage.PeerMsg("Carol", "still there?")));

            await().until(() -> disk.writing);
            await("chat arrives while the disk is stalled").until(() -> output().contains("[Carol] still there?"));
            assertThat(outbound.sent).as("nothing is acknowledged before it is written").noneMatch(TransferMessage.Ack.class::isInstance);

            disk.release();
            await("the acknowledgement once the bytes are written").until(() -> outbound.sent.contains(new TransferMessage.Ack("slow1", 5)));
        } finally {
            disk.release();
            eventLoop.shutdownNow();
        }
    }
}
