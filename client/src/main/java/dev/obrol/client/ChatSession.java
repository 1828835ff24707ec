package dev.obrol.client;

import dev.obrol.client.transfer.Transfers;
import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.Text;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A logged-in session: runs typed lines through the {@link CommandTable} onto the actions below,
 * and shows what the server sends. Local checks (message length, frame size, file limits) refuse
 * oversized input here with a clear text instead of a round trip, or a broken v1 server.
 *
 * <p>Threads: the input thread calls the actions; the event loop calls {@link #onMessage} and
 * {@link #onClosed}. The conversation partner is the only state both touch (volatile).
 */
public final class ChatSession implements ChatActions, SessionListener {
    /** Exit status when the session ends because the user left. */
    public static final int EXIT_OK = 0;
    /** Exit status when the server went away. */
    public static final int EXIT_CONNECTION_LOST = 1;

    private final ServerInfo server;
    private final Outbound outbound;
    private final Ui ui;
    private final Texts texts;
    private final CommandTable commands = CommandTable.standard();
    private final ClientState state;
    private final PendingOffers offers;
    private final Styler styler;
    private final IncomingMessages incoming;
    private final FileSender fileSender;
    private final FileReceiver fileReceiver;
    private final Transfers transfers;
    private final MessageCodec codec = new MessageCodec();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();

    private volatile String partner;
    private volatile boolean leaving;
    private volatile boolean learnNames;

    /** A session without colour or bell, with its own state (tests, pipes). */
    public ChatSession(String username, ServerInfo server, Outbound outbound, Ui ui, Texts texts, Path downloadDir, Path workingDir) {
        this(username, server, outbound, ui, texts, downloadDir, workingDir, ClientState.fresh(), Styler.plain(), false);
    }

    /** A session sharing {@code state} with the terminal (completion, status line), styled by {@code styler}. */
    public ChatSession(String username, ServerInfo server, Outbound outbound, Ui ui, Texts texts, Path downloadDir, Path workingDir,
            ClientState state, Styler styler, boolean bell) {
        this.server = server;
        this.outbound = outbound;
        this.ui = ui;
        this.texts = texts;
        this.state = state;
        this.offers = state.offers();
        this.styler = styler;
        this.incoming = new IncomingMessages(username, texts, ui, state, styler, bell);
        this.fileSender = new FileSender(workingDir);
        ReceivedFileStore store = new ReceivedFileStore(downloadDir);
        this.fileReceiver = new FileReceiver(store);
        this.transfers = new Transfers(outbound, ui, texts, offers, store,
                (to, path) -> send(fileSender.prepare(to, path, server)), server.limits().maxFileBytes(),
                server.features().contains(StreamLimits.BINARY_FEATURE));
        state.transfers().attach(transfers::entries);
    }

    /**
     * Asks the server who is online as soon as the session runs, without showing the answer, so
     * Tab completes names before anyone typed /list. Only worth it on a terminal.
     */
    public void learnNamesAtStart() {
        learnNames = true;
    }

    /** Reads input until the user leaves, input ends or the server goes; returns the exit status. */
    public int run() {
        if (learnNames) {
            incoming.expectQuietList();
            outbound.send(new ClientMessage.ListRequest());
        }
        Thread input = new Thread(this::readInput, "obrol-input");
        // A read on a pipe cannot be interrupted: if the server goes first, the JVM must not wait for it.
        input.setDaemon(true);
        input.start();
        int status = ended.join();
        transfers.close();
        ui.interrupt();
        return status;
    }

    /** Completes with the exit status when the session is over. */
    public CompletableFuture<Integer> ended() {
        return ended;
    }

    private void readInput() {
        while (!ended.isDone()) {
            String line = ui.readLine(prompt());
            if (line == null || ended.isDone()) {
                quit();
                return;
            }
            handle(line);
        }
    }

    /** The prompt shows who plain text goes to. */
    String prompt() {
        String to = partner;
        return to == null ? texts.get("prompt.none") : texts.get("prompt.partner", Text.escapeControls(to));
    }

    /** Runs one typed line. */
    public void handle(String line) {
        CommandTable.Parsed parsed = commands.parse(line);
        try {
            if (parsed instanceof CommandTable.Invocation invocation) {
                invocation.run(this);
            } else if (parsed instanceof CommandTable.PlainText text) {
                say(text.text());
            } else if (parsed instanceof CommandTable.Unknown unknown) {
                unknownCommand(unknown.name());
            } else if (parsed instanceof CommandTable.BadArguments bad) {
                show(Tone.ERROR, texts.get("error.command.usage", texts.get(bad.spec().usageKey())));
                show(Tone.PLAIN, texts.get("help.example", texts.get(bad.spec().exampleKey())));
            }
        } catch (UserError e) {
            show(Tone.ERROR, e.describe(texts));
        }
        state.status().pendingOffers(offers.size());
    }

    private void unknownCommand(String name) {
        List<CommandTable.Spec> near = commands.near(name);
        String shown = Text.escapeControls(name);
        if (near.isEmpty()) {
            show(Tone.ERROR, texts.get("error.command.unknown", shown));
        } else {
            String names = near.stream().map(spec -> "/" + spec.name()).collect(Collectors.joining(", "));
            show(Tone.ERROR, texts.get("error.command.unknown.near", shown, names));
        }
    }

    private void show(Tone tone, String text) {
        ui.show(styler.line(tone, text));
    }

    @Override
    public void list() {
        outbound.send(new ClientMessage.ListRequest());
    }

    @Override
    public void msg(String user, String text) throws UserError {
        send(checkedText(new ClientMessage.Msg(user, text)));
        partner = user;
        state.status().partner(user);
    }

    @Override
    public void say(String text) throws UserError {
        String to = partner;
        if (to == null) {
            throw new UserError("hint.noPartner");
        }
        send(checkedText(new ClientMessage.Msg(to, text)));
    }

    private ClientMessage.Msg checkedText(ClientMessage.Msg msg) throws UserError {
        int max = server.limits().maxMessageChars();
        if (msg.message().length() > max) {
            throw new UserError("error.msg.tooLong", msg.message().length(), max);
        }
        return msg;
    }

    @Override
    public void sendFile(String user, String path) throws UserError {
        if (server.features().contains(StreamLimits.FEATURE)) {
            // Streamed: any size, offered first, bytes after acceptance. A receiver that cannot
            // stream is reported by the server, and then the file goes whole if it is small.
            transfers.offer(user, fileSender.readable(path), path);
            return;
        }
        // The server confirms the offer with an INFO line (v1 does too), so nothing is shown here.
        send(fileSender.prepare(user, path, server));
    }

    @Override
    public void acceptFile(String user, String which) throws UserError {
        PendingOffers.Offer offer = offer(user, which);
        if (offer.streamed()) {
            transfers.accept(offer);
            return;
        }
        byte[] data;
        try {
            data = fileReceiver.decode(offer);
        } catch (UserError unusable) {
            // The data can never be saved: drop the offer and let the sender know it did not arrive.
            offers.remove(offer);
            send(new ClientMessage.FileResponse(offer.from(), false, offer.filename()));
            throw unusable;
        }
        Path saved = fileReceiver.store(offer, data); // on a disk error the offer stays for another try
        offers.remove(offer);
        send(new ClientMessage.FileResponse(offer.from(), true, offer.filename()));
        show(Tone.FILE, texts.get("out.file.saved", Text.escapeControls(offer.filename()), styler.name(Text.escapeControls(offer.from())),
                Text.escapeControls(saved.toString())));
    }

    @Override
    public void rejectFile(String user, String which) throws UserError {
        PendingOffers.Offer offer = offer(user, which);
        if (offer.streamed()) {
            transfers.reject(offer);
            show(Tone.FILE, texts.get("out.file.rejected", Text.escapeControls(offer.filename()), styler.name(Text.escapeControls(offer.from()))));
            return;
        }
        offers.remove(offer);
        send(new ClientMessage.FileResponse(offer.from(), false, offer.filename()));
        show(Tone.FILE, texts.get("out.file.rejected", Text.escapeControls(offer.filename()), styler.name(Text.escapeControls(offer.from()))));
    }

    @Override
    public void cancelFile(String user, String which) throws UserError {
        transfers.cancel(user, which);
    }

    @Override
    public void files() {
        List<String> lines = transfers.listing();
        if (lines.isEmpty()) {
            show(Tone.PLAIN, texts.get("files.none"));
            return;
        }
        show(Tone.PLAIN, texts.get("files.title"));
        lines.forEach(line -> show(Tone.FILE, line));
    }

    /** The offer {@code /acceptfile user [which]} means: the oldest from user, or the one named or numbered. */
    private PendingOffers.Offer offer(String user, String which) throws UserError {
        return offers.find(user, which).orElseThrow(() -> which == null
                ? new UserError("error.offer.none", user)
                : new UserError("error.offer.noneNamed", user, which));
    }

    @Override
    public void help(String command) {
        if (command != null) {
            String name = command.startsWith("/") ? command.substring(1) : command;
            Optional<CommandTable.Spec> spec = commands.find(name);
            if (spec.isEmpty()) {
                show(Tone.ERROR, texts.get("error.help.unknown", Text.escapeControls(name)));
                return;
            }
            show(Tone.PLAIN, texts.get(spec.get().usageKey()));
            show(Tone.PLAIN, texts.get("help.detail", texts.get(spec.get().helpKey())));
            show(Tone.PLAIN, texts.get("help.example", texts.get(spec.get().exampleKey())));
            return;
        }
        show(Tone.PLAIN, texts.get("help.title"));
        for (CommandTable.Spec spec : commands.specs()) {
            show(Tone.PLAIN, texts.get("help.line", texts.get(spec.usageKey()), texts.get(spec.helpKey())));
        }
        show(Tone.PLAIN, texts.get("help.plain"));
        show(Tone.PLAIN, texts.get("help.more"));
    }

    @Override
    public void clear() {
        ui.clear();
    }

    @Override
    public void quit() {
        leaving = true;
        if (!ended.isDone()) {
            outbound.finish();
            ended.complete(EXIT_OK);
        }
    }

    /** Sends {@code message} unless it would not fit in one frame the server can read. */
    private void send(ClientMessage message) throws UserError {
        int max = server.limits().maxFrameBytes();
        // Only measure what can come near the limit; chat lines against obrol's 16 MiB cannot.
        if (server.v1() || message instanceof ClientMessage.FileSend) {
            int bytes = codec.encode(message).length + 1;
            if (bytes > max) {
                throw new UserError(server.v1() ? "error.frame.v1" : "error.frame", bytes, max);
            }
        }
        outbound.send(message);
    }

    @Override
    public void onMessage(Object message) {
        try {
            // Streamed offers (with a transfer id) come and go here too: the count below includes them.
            if (!transfers.onMessage(message)) {
                incoming.show(message);
            }
        } catch (RuntimeException malformed) {
            // A well-typed message with nonsense inside (a null sender): shown raw, the session goes on.
            ui.show(texts.get("in.raw", Text.escapeControls(String.valueOf(message))));
        }
        if (!(message instanceof FileChunk)) { // chunks, the bulk of a transfer, never change the offers
            state.status().pendingOffers(offers.size());
        }
    }

    @Override
    public void onClosed() {
        transfers.connectionLost(); // files stop here; received partials stay for a resume
        if (!leaving && !ended.isDone()) {
            show(Tone.ERROR, texts.get("connection.lost"));
            ended.complete(EXIT_CONNECTION_LOST);
        }
    }

    PendingOffers offers() {
        return offers;
    }
}
