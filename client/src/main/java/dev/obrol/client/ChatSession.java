package dev.obrol.client;

import dev.obrol.client.transfer.PartialWriter;
import dev.obrol.client.transfer.Transfers;
import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.Text;
import dev.obrol.protocol.Usernames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A logged-in session: runs typed lines through the {@link CommandTable} onto the actions below,
 * and shows what the server sends. Local checks (message length, frame size, file limits) refuse
 * oversized input here with a clear text instead of a round trip, or a broken v1 server.
 *
 * <p>Threads: the input thread calls the actions; the event loop calls {@link #onMessage} and
 * {@link #onClosed}. An action whose outcome decides what the next line does (whom plain text
 * goes to, what to say about a file offer) waits on the input thread, a bounded time, for the
 * server's answer, so lines typed ahead run in order against the right state. The list requests,
 * list pages and watch answers due, and the shared {@link ClientState}, are thread-safe.
 */
public final class ChatSession implements ChatActions, SessionListener {
    /** Exit status when the session ends because the user left. */
    public static final int EXIT_OK = 0;
    /** Exit status when the server went away. */
    public static final int EXIT_CONNECTION_LOST = 1;

    private final String username;
    private final ServerInfo server;
    private final Outbound outbound;
    private final Ui ui;
    private final Texts texts;
    private final CommandTable commands = CommandTable.standard();
    private final ClientState state;
    private final PendingOffers offers;
    private final Styler styler;
    private final IncomingMessages incoming;
    private final ListRequests lists = new ListRequests();
    private final FileSender fileSender;
    private final FileReceiver fileReceiver;
    private final Transfers transfers;
    private final WatchList watchList;
    private final ListPages pages = new ListPages();
    private final WatchAnswers watchAnswers = new WatchAnswers();
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
        this(username, server, outbound, ui, texts, downloadDir, workingDir, state, styler, bell, PartialWriter::open);
    }

    /** As above, writing received streamed files through {@code disk} (tests give a slow one). */
    ChatSession(String username, ServerInfo server, Outbound outbound, Ui ui, Texts texts, Path downloadDir, Path workingDir,
            ClientState state, Styler styler, boolean bell, PartialWriter.Opener disk) {
        this.username = username;
        this.server = server;
        this.outbound = outbound;
        this.ui = ui;
        this.texts = texts;
        this.state = state;
        this.offers = state.offers();
        this.styler = styler;
        this.watchList = state.watching();
        this.incoming = new IncomingMessages(username, texts, ui, state, styler, bell, lists, pages, watchAnswers);
        this.fileSender = new FileSender(workingDir);
        ReceivedFileStore store = new ReceivedFileStore(downloadDir);
        this.fileReceiver = new FileReceiver(store);
        this.transfers = new Transfers(outbound, ui, texts, offers, store,
                (to, path) -> send(fileSender.prepare(to, path, server)), server.limits().maxFileBytes(), disk,
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
            lists.toLearn();
            outbound.send(new ClientMessage.ListRequest());
        }
        List<String> watched = watchList.names();
        if (canWatch() && !watched.isEmpty()) {
            // One WATCH after each login: the server keeps a watch list for the connection only.
            watchAnswers.expect(watched, WatchAnswers.Occasion.LOGIN);
            outbound.send(new ClientMessage.Watch(watched));
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
        pages.restart();
        lists.toShow();
        outbound.send(new ClientMessage.ListRequest());
    }

    @Override
    public void listMore() throws UserError {
        String after = pages.takeNext().orElseThrow(() -> new UserError("error.list.noMore"));
        lists.toShowNext();
        outbound.send(new ClientMessage.ListRequest(after, null));
    }

    @Override
    public void watch(List<String> users) throws UserError {
        List<String> names = new ArrayList<>();
        for (String typed : users) {
            String name = Usernames.display(typed); // as Login spells a name, so the list holds what servers keep
            Optional<Usernames.Problem> problem = Usernames.check(name);
            if (problem.isPresent()) {
                throw new UserError("error.watch.invalid", name, texts.get("username." + problem.get().name(), Limits.MAX_USERNAME_CHARS));
            }
            if (Usernames.key(name).equals(Usernames.key(username))) {
                throw new UserError("error.watch.self");
            }
            names.add(name);
        }
        List<String> added;
        try {
            added = watchList.add(names);
        } catch (WatchList.Full full) {
            throw new UserError("error.watch.full", WatchList.MAX_NAMES);
        } catch (IOException e) {
            throw new UserError("error.watch.save", String.valueOf(watchList.file()), String.valueOf(e.getMessage()));
        }
        List<String> already = notAmong(names, added);
        if (!already.isEmpty()) {
            show(Tone.NOTICE, texts.get("out.watch.already", NameLines.join(already, styler, texts)));
        }
        if (added.isEmpty()) {
            return;
        }
        if (canWatch()) {
            show(Tone.NOTICE, texts.get("out.watch.added", NameLines.join(added, styler, texts)));
            watchAnswers.expect(added, WatchAnswers.Occasion.REQUEST);
            outbound.send(new ClientMessage.Watch(added));
        } else {
            String key = tellsEveryone() ? "out.watch.addedTellsEveryone" : "out.watch.addedUnsupported";
            show(Tone.NOTICE, texts.get(key, NameLines.join(added, styler, texts)));
        }
    }

    @Override
    public void unwatch(List<String> users) throws UserError {
        List<String> removed;
        try {
            removed = watchList.remove(users);
        } catch (IOException e) {
            throw new UserError("error.watch.save", String.valueOf(watchList.file()), String.valueOf(e.getMessage()));
        }
        List<String> notWatched = notAmong(users, removed);
        if (!notWatched.isEmpty()) {
            show(Tone.NOTICE, texts.get("out.unwatch.notWatched", NameLines.join(notWatched, styler, texts)));
        }
        if (!removed.isEmpty()) {
            show(Tone.NOTICE, texts.get("out.unwatch.removed", NameLines.join(removed, styler, texts)));
            if (canWatch()) {
                outbound.send(new ClientMessage.Unwatch(removed));
            }
        }
    }

    @Override
    public void watching() {
        List<String> names = watchList.names();
        if (names.isEmpty()) {
            show(Tone.PLAIN, texts.get("watching.none"));
        } else {
            show(Tone.PLAIN, texts.get("watching.title", names.size()));
            for (String name : names) {
                String known = texts.get("watching.state." + state.online().state(name).name().toLowerCase(Locale.ROOT));
                show(Tone.PLAIN, texts.get("watching.line", styler.name(Text.escapeControls(name)), known));
            }
        }
        if (!canWatch()) {
            show(Tone.PLAIN, texts.get(tellsEveryone() ? "watching.tellsEveryone" : "watching.unsupported"));
        }
    }

    /** Whether the server tells watchers of their people's comings and goings (it announced "watch"). */
    private boolean canWatch() {
        return server.features().contains(Handshake.WATCH);
    }

    /**
     * Whether the server, without WATCH, tells every obrol client of every login and logout: an
     * obrol server from before watch lists, which announces only "presence". A v1 server tells nothing.
     */
    private boolean tellsEveryone() {
        return server.features().contains(Handshake.PRESENCE);
    }

    /** The names of {@code names} that are not among {@code among}, matched ignoring case. */
    private static List<String> notAmong(List<String> names, List<String> among) {
        Set<String> keys = among.stream().map(Usernames::key).collect(Collectors.toSet());
        return names.stream().filter(name -> !keys.contains(Usernames.key(name))).toList();
    }

    @Override
    public void msg(String user, String text) throws UserError {
        ClientMessage.Msg msg = checkedText(new ClientMessage.Msg(user, text));
        if (server.v1()) {
            sendTo(user, msg); // checked to be online first: then it reaches them, as far as anyone can know
            partner = user;
            state.status().partner(user);
            return;
        }
        String to = partner;
        if (to != null && Usernames.key(to).equals(Usernames.key(user))) {
            send(msg);
            return;
        }
        // Plain text goes to whom a message reached, not to whom one was addressed: an obrol server
        // answers a message to someone absent with an ERROR and a delivered one with nothing, so
        // the next line waits for that answer. Unknown (the connection went, no answer in time): as addressed.
        fitsOneFrame(msg);
        if (Delivery.awaited(outbound.sendConfirmed(msg)) != Delivery.REFUSED) {
            partner = user;
            state.status().partner(user);
        }
    }

    @Override
    public void say(String text) throws UserError {
        String to = partner;
        if (to == null) {
            throw new UserError("hint.noPartner");
        }
        sendTo(to, checkedText(new ClientMessage.Msg(to, text)));
    }

    /** Sends {@code message} for {@code user}, once it is known to fit and (on a v1 server) that the user is online. */
    private void sendTo(String user, ClientMessage message) throws UserError {
        fitsOneFrame(message);
        requireOnlineOnV1(user);
        outbound.send(message);
    }

    /**
     * An original (v1) server freezes, for everyone, when asked to pass something to a user who
     * is not online, and it sends no notices when people come and go: so before each message or
     * file to someone else the client asks it who is online, and refuses what would freeze it.
     * Names there are told apart by case. Nothing to do on an obrol server, which just answers
     * with an error.
     */
    private void requireOnlineOnV1(String user) throws UserError {
        if (!server.v1() || user.equals(username)) {
            return; // v1 leaves us out of its list, and passes messages to ourselves without trouble
        }
        CompletableFuture<List<String>> answer = lists.toCheck();
        outbound.send(new ClientMessage.ListRequest());
        List<String> online;
        try {
            online = answer.get(Delivery.ANSWER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            throw new UserError("error.v1.noListAnswer", Delivery.ANSWER_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("error.v1.noListAnswer", Delivery.ANSWER_WAIT_SECONDS);
        }
        if (online.contains(user)) {
            return;
        }
        Optional<String> otherCase = online.stream().filter(name -> Usernames.key(name).equals(Usernames.key(user))).findFirst();
        throw otherCase.isPresent()
                ? new UserError("error.v1.offline.case", user, otherCase.get())
                : new UserError("error.user.offline", user);
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
        sendTo(user, fileSender.prepare(user, path, server));
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
        fitsOneFrame(message);
        outbound.send(message);
    }

    private void fitsOneFrame(ClientMessage message) throws UserError {
        int max = server.limits().maxFrameBytes();
        // Only measure what can come near the limit; chat lines against obrol's 16 MiB cannot.
        if (server.v1() || message instanceof ClientMessage.FileSend) {
            int bytes = codec.encode(message).length + 1;
            if (bytes > max) {
                throw new UserError(server.v1() ? "error.frame.v1" : "error.frame", bytes, max);
            }
        }
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
        lists.closed();
        transfers.connectionClosed(leaving); // files stop here; received partials stay for a resume
        if (!leaving && !ended.isDone()) {
            show(Tone.ERROR, texts.get("connection.lost"));
            ended.complete(EXIT_CONNECTION_LOST);
        }
    }

    PendingOffers offers() {
        return offers;
    }
}
