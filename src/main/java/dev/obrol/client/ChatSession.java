package dev.obrol.client;

import dev.obrol.client.transfer.Transfers;
import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.Text;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

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
    private final PendingOffers offers = new PendingOffers();
    private final IncomingMessages incoming;
    private final FileSender fileSender;
    private final FileReceiver fileReceiver;
    private final Transfers transfers;
    private final MessageCodec codec = new MessageCodec();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();

    private volatile String partner;
    private volatile boolean leaving;

    public ChatSession(String username, ServerInfo server, Outbound outbound, Ui ui, Texts texts, Path downloadDir, Path workingDir) {
        this.server = server;
        this.outbound = outbound;
        this.ui = ui;
        this.texts = texts;
        this.incoming = new IncomingMessages(username, texts, ui, offers);
        this.fileSender = new FileSender(workingDir);
        ReceivedFileStore store = new ReceivedFileStore(downloadDir);
        this.fileReceiver = new FileReceiver(store);
        this.transfers = new Transfers(outbound, ui, texts, offers, store,
                (to, path) -> send(fileSender.prepare(to, path, server)), server.limits().maxFileBytes());
    }

    /** Reads input until the user leaves, input ends or the server goes; returns the exit status. */
    public int run() {
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
                ui.show(texts.get("error.command.unknown", Text.escapeControls(unknown.name())));
            } else if (parsed instanceof CommandTable.BadArguments bad) {
                ui.show(texts.get("error.command.usage", texts.get(bad.spec().usageKey())));
            }
        } catch (UserError e) {
            ui.show(e.describe(texts));
        }
    }

    @Override
    public void list() {
        outbound.send(new ClientMessage.ListRequest());
    }

    @Override
    public void msg(String user, String text) throws UserError {
        send(checkedText(new ClientMessage.Msg(user, text)));
        partner = user;
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
        ui.show(texts.get("out.file.saved", Text.escapeControls(offer.filename()), Text.escapeControls(offer.from()), saved.toString()));
    }

    @Override
    public void rejectFile(String user, String which) throws UserError {
        PendingOffers.Offer offer = offer(user, which);
        if (offer.streamed()) {
            transfers.reject(offer);
            ui.show(texts.get("out.file.rejected", Text.escapeControls(offer.filename()), Text.escapeControls(offer.from())));
            return;
        }
        offers.remove(offer);
        send(new ClientMessage.FileResponse(offer.from(), false, offer.filename()));
        ui.show(texts.get("out.file.rejected", Text.escapeControls(offer.filename()), Text.escapeControls(offer.from())));
    }

    @Override
    public void cancelFile(String user, String which) throws UserError {
        transfers.cancel(user, which);
    }

    @Override
    public void files() {
        java.util.List<String> lines = transfers.listing();
        if (lines.isEmpty()) {
            ui.show(texts.get("files.none"));
            return;
        }
        ui.show(texts.get("files.title"));
        lines.forEach(ui::show);
    }

    /** The offer {@code /acceptfile user [which]} means: the oldest from user, or the one named or numbered. */
    private PendingOffers.Offer offer(String user, String which) throws UserError {
        return offers.find(user, which).orElseThrow(() -> which == null
                ? new UserError("error.offer.none", user)
                : new UserError("error.offer.noneNamed", user, which));
    }

    @Override
    public void help() {
        ui.show(texts.get("help.title"));
        for (CommandTable.Spec spec : commands.specs()) {
            ui.show(texts.get("help.line", texts.get(spec.usageKey()), texts.get(spec.helpKey())));
        }
        ui.show(texts.get("help.plain"));
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
            if (transfers.onMessage(message)) {
                return;
            }
            incoming.show(message);
        } catch (RuntimeException malformed) {
            // A well-typed message with nonsense inside (a null sender): shown raw, the session goes on.
            ui.show(texts.get("in.raw", Text.escapeControls(String.valueOf(message))));
        }
    }

    @Override
    public void onClosed() {
        transfers.connectionLost(); // files stop here; received partials stay for a resume
        if (!leaving && !ended.isDone()) {
            ui.show(texts.get("connection.lost"));
            ended.complete(EXIT_CONNECTION_LOST);
        }
    }

    PendingOffers offers() {
        return offers;
    }
}
