package dev.obrol.client.transfer;

import dev.obrol.client.ActiveTransfers;
import dev.obrol.client.Delivery;
import dev.obrol.client.Outbound;
import dev.obrol.client.PendingOffers;
import dev.obrol.client.ReceivedFileStore;
import dev.obrol.client.Texts;
import dev.obrol.client.Ui;
import dev.obrol.client.UserError;
import dev.obrol.protocol.CancelReason;
import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.FileNames;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.Text;
import dev.obrol.protocol.TransferMessage;
import dev.obrol.protocol.Usernames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's streamed transfers (protocol 2), both directions, any number at once: offers made
 * and received, files being sent and received, their progress, and every message about them.
 *
 * <p>Threads: the event loop delivers server messages ({@link #onMessage}) and never touches a
 * file: everything a received file needs from the disk (opening, chunks, the final fsync and
 * rename, clean-up) runs on one disk thread, in arrival order, so a slow disk delays that file
 * and not chat or keepalive. A chunk is acknowledged from the disk thread after it was written,
 * so the sender's window still counts only written bytes, and a stalled disk stalls its sender.
 * The input thread runs commands, each outgoing transfer has a sending thread, and one ticker
 * thread reports progress to the {@link Ui}. Per-transfer state is locked in the transfer
 * objects; the maps are concurrent.
 */
public final class Transfers implements AutoCloseable {
    /** Sends a file the v1 way (whole, in one message) when the receiver cannot stream. */
    @FunctionalInterface
    public interface WholeFileSender {
        void send(String to, String pathText) throws UserError;
    }

    private static final long PROGRESS_EVERY_MILLIS = 500;
    /** How long leaving waits for the disk thread to finish what was queued (closing files, a rename). */
    private static final long DISK_DRAIN_SECONDS = 10;

    private final Outbound outbound;
    private final Ui ui;
    private final Texts texts;
    private final ProgressText words;
    private final PendingOffers offers;
    private final ReceivedFileStore store;
    private final PartialFiles partials;
    private final WholeFileSender wholeFile;
    private final long maxWholeFileBytes;
    private final PartialWriter.Opener disk;

    /** The server negotiated binary chunk frames: files go as raw bytes, not Base64 in JSON. */
    private final boolean binaryChunks;
    private final Map<String, OutgoingTransfer> outgoing = new ConcurrentHashMap<>();
    private final Map<String, IncomingTransfer> incoming = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService ticker;
    /** The one thread that touches received files; single, so chunks are written in order. */
    private final ExecutorService diskThread;

    public Transfers(Outbound outbound, Ui ui, Texts texts, PendingOffers offers, ReceivedFileStore store,
            WholeFileSender wholeFile, long maxWholeFileBytes, PartialWriter.Opener disk, boolean binaryChunks) {
        this.outbound = outbound;
        this.ui = ui;
        this.texts = texts;
        this.words = new ProgressText(texts);
        this.offers = offers;
        this.store = store;
        this.partials = new PartialFiles(store.directory());
        this.wholeFile = wholeFile;
        this.maxWholeFileBytes = maxWholeFileBytes;
        this.disk = disk;
        this.binaryChunks = binaryChunks;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "obrol-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::reportProgress, PROGRESS_EVERY_MILLIS, PROGRESS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        this.diskThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "obrol-disk");
            t.setDaemon(true); // a disk that hangs for good must not keep the client from exiting
            return t;
        });
    }

    // ---- commands (input thread) ----

    /** Offers the checked, readable file {@code path} to {@code to}; bytes follow only after acceptance. */
    public void offer(String to, Path path, String pathText) throws UserError {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new UserError("error.file.unreadable", pathText);
        }
        String id = TransferIds.next();
        String name = path.getFileName().toString();
        OutgoingTransfer transfer = new OutgoingTransfer(id, to, name, pathText, path, size, sequence.incrementAndGet());
        outgoing.put(id, transfer);
        // Nothing is said before the server has answered: it refuses an offer at once (a receiver
        // who cannot stream, or is not online) and passes it on in silence, so one line can say
        // what really happened. A refusal that arrives meanwhile is left to this thread (onCancel).
        Delivery answer = Delivery.awaited(outbound.sendConfirmed(new ClientMessage.FileStream(id, to, name, size)));
        if (answer == Delivery.REFUSED && endOutgoing(transfer)) {
            return; // the server's ERROR was shown; no offer exists
        }
        if (transfer.announce()) {
            say("out.stream.offered", name, words.size(size), to, id);
            return;
        }
        TransferMessage.Cancel refusal = transfer.refusal();
        if (refusal == null) {
            return; // ended otherwise (the connection went), and said so there
        }
        if (CancelReason.fromWire(refusal.reason()).orElse(null) == CancelReason.UNSUPPORTED) {
            sendWholeInstead(transfer);
        } else {
            say("error.stream.notOffered", name, to, describe(refusal));
        }
    }

    /**
     * The receiver cannot stream and nothing was said yet: the file goes whole if it is small
     * enough, silently, for the server's answer to that (sent, or too big for an original client)
     * is the one line the user needs; a bigger one is refused here with the reason.
     */
    private void sendWholeInstead(OutgoingTransfer t) throws UserError {
        if (t.size > maxWholeFileBytes) {
            throw new UserError("error.stream.unsupported", t.to, t.name, words.size(t.size), words.size(maxWholeFileBytes));
        }
        wholeFile.send(t.to, t.pathText);
    }

    /** Accepts a streamed offer: checks free space, claims (or resumes) the partial file, tells the sender where to start. */
    public void accept(PendingOffers.Offer offer) throws UserError {
        IncomingTransfer transfer = incoming.get(offer.transferId());
        if (transfer == null || transfer.state() != IncomingTransfer.State.OFFERED) {
            offers.remove(offer);
            throw new UserError("error.offer.none", offer.from());
        }
        long already = partials.resumableBytes(transfer.from, transfer.name, transfer.size);
        long needed = transfer.size - already;
        long free = usableSpace();
        if (free >= 0 && free < needed) {
            throw new UserError("error.stream.noSpace", store.directory().toString(), transfer.name, words.size(needed), words.size(free));
        }
        long offset;
        try {
            offset = onDiskThread(() -> transfer.begin(partials, disk));
        } catch (IOException e) {
            throw new UserError("error.file.write", transfer.name, store.directory().toString(), String.valueOf(e.getMessage()));
        }
        offers.remove(offer);
        if (offset < 0) { // cancelled while the partial was opened; the cancel was reported
            throw new UserError("error.offer.none", offer.from());
        }
        outbound.send(new TransferMessage.Accept(transfer.id, offset));
        if (offset > 0) {
            say("out.stream.resumeReceive", transfer.name, transfer.from, words.size(offset), percent(offset, transfer.size));
        } else {
            say("out.stream.receiving", transfer.name, transfer.from, words.size(transfer.size));
        }
    }

    /** Rejects a streamed offer. */
    public void reject(PendingOffers.Offer offer) {
        offers.remove(offer);
        IncomingTransfer transfer = incoming.get(offer.transferId());
        if (transfer != null) {
            endIncoming(transfer, false);
        }
        outbound.send(new TransferMessage.Cancel(offer.transferId(), CancelReason.REJECTED));
    }

    /**
     * Cancels the oldest transfer with {@code user} (either direction, offered or running), or the
     * one whose id or file name is {@code which}. An offer received and not yet answered is rejected.
     */
    public void cancel(String user, String which) throws UserError {
        String key = Usernames.key(user);
        Optional<OutgoingTransfer> out = outgoing.values().stream()
                .filter(t -> Usernames.key(t.to).equals(key) && matches(which, t.id, t.name))
                .min(Comparator.comparingLong(t -> t.sequence));
        Optional<IncomingTransfer> in = incoming.values().stream()
                .filter(t -> Usernames.key(t.from).equals(key) && matches(which, t.id, t.name))
                .min(Comparator.comparingLong(t -> t.sequence));
        boolean outFirst = out.isPresent() && (in.isEmpty() || out.get().sequence < in.get().sequence);
        if (outFirst) {
            OutgoingTransfer t = out.get();
            endOutgoing(t);
            outbound.send(new TransferMessage.Cancel(t.id, CancelReason.CANCELLED));
            say("out.stream.cancelled", t.name, t.to);
        } else if (in.isPresent()) {
            IncomingTransfer t = in.get();
            offers.removeTransfer(t.id);
            if (endIncoming(t, false)) { // else every byte is here and being saved: too late to cancel
                outbound.send(new TransferMessage.Cancel(t.id, CancelReason.CANCELLED));
                say("out.stream.cancelled", t.name, t.from);
            }
        } else {
            throw new UserError("error.stream.noTransfer", user, which == null ? 0 : 1, String.valueOf(which));
        }
    }

    /** Lines for /files: offers waiting (both directions) and transfers running, oldest first. */
    public List<String> listing() {
        long now = System.nanoTime();
        List<String> lines = new ArrayList<>();
        for (PendingOffers.Offer offer : offers.all()) {
            String size = offer.size() >= 0 ? words.size(offer.size()) : texts.get("size.unknown");
            lines.add(offer.streamed()
                    ? text("files.offer.in", offer.transferId(), offer.from(), offer.filename(), size)
                    : text("files.offer.v1", offer.from(), offer.filename(), size));
        }
        outgoing.values().stream().sorted(Comparator.comparingLong(t -> t.sequence)).forEach(t -> {
            ProgressMeter meter = t.meter();
            lines.add(meter == null
                    ? text("files.offer.out", t.id, t.to, t.name, words.size(t.size))
                    : text("files.send", t.id, t.to, t.name, words.detail(meter, now)));
        });
        incoming.values().stream().filter(t -> t.meter() != null).sorted(Comparator.comparingLong(t -> t.sequence))
                .forEach(t -> lines.add(text("files.receive", t.id, t.from, t.name, words.detail(t.meter(), now))));
        return lines;
    }

    /** Every transfer not yet ended, offered or running, either direction, oldest first (for Tab completion). */
    public List<ActiveTransfers.Entry> entries() {
        record Numbered(long sequence, ActiveTransfers.Entry entry) {}
        List<Numbered> all = new ArrayList<>();
        outgoing.values().forEach(t -> all.add(new Numbered(t.sequence, new ActiveTransfers.Entry(t.id, t.to, t.name))));
        incoming.values().forEach(t -> all.add(new Numbered(t.sequence, new ActiveTransfers.Entry(t.id, t.from, t.name))));
        return all.stream().sorted(Comparator.comparingLong(Numbered::sequence)).map(Numbered::entry).toList();
    }

    // ---- from the server (event loop) ----

    /** Handles a message about streamed transfers; false if {@code message} is something else. */
    public boolean onMessage(Object message) {
        if (message instanceof FileChunk chunk) {
            onChunk(chunk);
        } else if (message instanceof ServerMessage.FileStreamOffer offer) {
            onOffer(offer);
        } else if (message instanceof TransferMessage.Accept accept) {
            onAccept(accept);
        } else if (message instanceof TransferMessage.Ack ack) {
            OutgoingTransfer t = outgoing.get(ack.transferId());
            if (t != null) {
                t.acknowledge(ack.received());
            }
        } else if (message instanceof TransferMessage.End end) {
            onEnd(end);
        } else if (message instanceof TransferMessage.Done done) {
            onDone(done);
        } else if (message instanceof TransferMessage.Cancel cancel) {
            onCancel(cancel);
        } else {
            return false;
        }
        return true;
    }

    /**
     * The connection is gone: every transfer stops here; received partials stay for a resume.
     * {@code userLeft}: the user quit (which closed it), so the reason shown is that, not a lost connection.
     */
    public void connectionClosed(boolean userLeft) {
        String why = texts.get(userLeft ? "stream.reason.you_left" : "stream.reason.connection_lost");
        for (OutgoingTransfer t : List.copyOf(outgoing.values())) {
            if (endOutgoing(t) && t.state() != OutgoingTransfer.State.OFFERED) {
                say("stream.failed.send", t.name, t.to, why);
            }
        }
        for (IncomingTransfer t : List.copyOf(incoming.values())) {
            boolean running = t.meter() != null;
            if (endIncoming(t, true) && running) {
                say("stream.failed.receive", t.name, t.from, why);
            }
        }
    }

    /** Stops the progress ticker, and lets the disk thread finish what was queued (closing files, a last rename) for a while. */
    @Override
    public void close() {
        ticker.shutdownNow();
        diskThread.shutdown();
        try {
            diskThread.awaitTermination(DISK_DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onOffer(ServerMessage.FileStreamOffer m) {
        if (!StreamLimits.isValidId(m.transferId()) || m.fromUsername() == null || m.size() < 0
                || incoming.containsKey(m.transferId())) {
            return; // nonsense from a broken server: nothing to accept
        }
        String name = FileNames.sanitize(m.filename());
        IncomingTransfer transfer = new IncomingTransfer(m.transferId(), m.fromUsername(), name, m.size(), sequence.incrementAndGet());
        incoming.put(transfer.id, transfer);
        int waiting = offers.add(new PendingOffers.Offer(m.fromUsername(), name, null, m.size(), m.transferId()));
        say("in.file.offer", m.fromUsername(), name, words.size(m.size()));
        say("in.stream.offer.how", m.fromUsername(), m.transferId());
        if (waiting > 1) {
            say("in.file.offer.queued", m.fromUsername(), waiting);
        }
        onDiskThread(() -> { // reading the partial's sidecar is disk work too
            long already = partials.resumableBytes(m.fromUsername(), name, m.size());
            if (already > 0) {
                say("in.stream.offer.resumable", words.size(already), percent(already, m.size()));
            }
        });
    }

    private void onAccept(TransferMessage.Accept accept) {
        OutgoingTransfer t = outgoing.get(accept.transferId());
        if (t == null) {
            return;
        }
        if (accept.offset() < 0 || accept.offset() > t.size) {
            endOutgoing(t);
            outbound.send(new TransferMessage.Cancel(t.id, CancelReason.BAD_OFFER));
            return;
        }
        if (!t.start(accept.offset(), binaryChunks, outbound, this::readFailed)) {
            return;
        }
        say("in.file.accepted", t.to, t.name);
        if (accept.offset() > 0) {
            say("out.stream.resumeSend", t.name, t.to, words.size(accept.offset()), percent(accept.offset(), t.size));
        }
    }

    private void onChunk(FileChunk chunk) {
        IncomingTransfer t = incoming.get(chunk.transferId());
        if (t == null) {
            return; // after a cancel, chunks already on their way still arrive: dropped
        }
        chunk.retain(); // the pipeline releases its reference when this returns; the disk thread holds this one
        onDiskThread(() -> {
            try {
                long written = t.write(chunk);
                if (written >= 0) {
                    outbound.send(new TransferMessage.Ack(t.id, written));
                }
            } catch (TransferFailure failure) {
                failIncoming(t, failure);
            } finally {
                chunk.release();
            }
        }, chunk::release);
    }

    private void onEnd(TransferMessage.End end) {
        IncomingTransfer t = incoming.get(end.transferId());
        if (t != null) {
            onDiskThread(() -> finish(t, end));
        }
    }

    /** Disk thread: verifies and stores a file whose sender says everything was sent. */
    private void finish(IncomingTransfer t, TransferMessage.End end) {
        ProgressMeter meter = t.meter();
        try {
            Path saved = t.finish(end.sha256(), store);
            if (saved == null) {
                return; // ended (cancelled, connection gone) before its end came: already reported
            }
            incoming.remove(t.id, t);
            ui.progressDone(t.id);
            outbound.send(new TransferMessage.Done(t.id, end.sha256()));
            long now = System.nanoTime();
            say("out.file.saved", t.name, t.from, saved.toString());
            String time = ProgressText.duration(meter.elapsedNanos(now));
            String speed = ProgressText.speed(meter.bytesPerSecond(now));
            if (meter.startOffset() > 0) { // resumed: what moved in this run, not the part already here
                say("out.stream.stats.resumed", words.size(meter.moved()), words.size(t.size), time, speed, end.sha256());
            } else {
                say("out.stream.stats", words.size(t.size), time, speed, end.sha256());
            }
        } catch (TransferFailure failure) {
            failIncoming(t, failure);
        }
    }

    private void onDone(TransferMessage.Done done) {
        OutgoingTransfer t = outgoing.get(done.transferId());
        if (t == null || t.meter() == null || !endOutgoing(t)) {
            return; // unknown, or a DONE before it even started: nothing to report
        }
        ProgressMeter meter = t.meter();
        meter.update(t.size);
        long now = System.nanoTime();
        boolean same = done.sha256() != null && done.sha256().equalsIgnoreCase(t.sha256());
        String time = ProgressText.duration(meter.elapsedNanos(now));
        String speed = ProgressText.speed(meter.bytesPerSecond(now));
        if (meter.startOffset() > 0) { // resumed: what moved in this run, not the part the receiver had
            say(same ? "out.stream.sent.resumed" : "out.stream.sentShaDiffers.resumed", t.name, t.to, words.size(meter.moved()),
                    words.size(t.size), time, speed);
        } else {
            say(same ? "out.stream.sent" : "out.stream.sentShaDiffers", t.name, t.to, words.size(t.size), time, speed);
        }
    }

    private void onCancel(TransferMessage.Cancel cancel) {
        Optional<CancelReason> reason = CancelReason.fromWire(cancel.reason());
        String why = describe(cancel);
        OutgoingTransfer out = outgoing.get(cancel.transferId());
        if (out != null) {
            boolean wasOffered = out.state() == OutgoingTransfer.State.OFFERED;
            if (!endOutgoing(out) || out.leaveToOfferer(cancel)) {
                return;
            }
            if (wasOffered && reason.orElse(null) == CancelReason.UNSUPPORTED) {
                sendWhole(out);
            } else if (wasOffered && reason.orElse(null) == CancelReason.REJECTED) {
                say("in.file.rejected", out.to, out.name);
            } else {
                say(wasOffered ? "stream.offer.ended" : "stream.failed.send", out.name, out.to, why);
            }
            return;
        }
        IncomingTransfer in = incoming.get(cancel.transferId());
        if (in != null) {
            boolean wasOffered = in.state() == IncomingTransfer.State.OFFERED;
            offers.removeTransfer(in.id);
            if (endIncoming(in, reason.map(IncomingTransfer::keepsPartial).orElse(false))) {
                say(wasOffered ? "stream.offer.withdrawn" : "stream.failed.receive", in.name, in.from, why);
            }
        }
    }

    /** The receiver cannot stream: send the file whole if it is small enough, else say why not. */
    private void sendWhole(OutgoingTransfer t) {
        if (t.size > maxWholeFileBytes) {
            say("error.stream.unsupported", t.to, t.name, words.size(t.size), words.size(maxWholeFileBytes));
            return;
        }
        say("out.stream.fallback", t.to, t.name);
        try {
            wholeFile.send(t.to, t.pathText);
        } catch (UserError e) {
            ui.show(e.describe(texts));
        }
    }

    private void readFailed(OutgoingTransfer t, IOException cause) {
        if (endOutgoing(t)) {
            outbound.send(new TransferMessage.Cancel(t.id, CancelReason.READ_FAILED));
            say("stream.failed.send", t.name, t.to, texts.get("stream.reason.read_failed") + " (" + cause.getMessage() + ")");
        }
    }

    /** Disk thread: the transfer failed here and has ended (its partial kept or deleted as the reason says). */
    private void failIncoming(IncomingTransfer t, TransferFailure failure) {
        ui.progressDone(t.id);
        if (incoming.remove(t.id, t)) { // else a cancel or the connection's end got there first and was reported
            outbound.send(new TransferMessage.Cancel(t.id, failure.reason()));
            say("stream.failed.receive", t.name, t.from, texts.get("stream.reason." + failure.reason().wireName()));
        }
    }

    private boolean endOutgoing(OutgoingTransfer t) {
        outgoing.remove(t.id, t);
        ui.progressDone(t.id);
        return t.end();
    }

    /**
     * Any thread: ends a received transfer; the disk thread then closes its file and keeps or
     * deletes the partial. False if it had ended already, or is being finished (all its bytes are
     * here; {@link #finish} reports it).
     */
    private boolean endIncoming(IncomingTransfer t, boolean keepPartial) {
        if (!t.end()) {
            return false;
        }
        incoming.remove(t.id, t);
        ui.progressDone(t.id);
        onDiskThread(() -> t.cleanUp(keepPartial));
        return true;
    }

    /** Runs {@code task} on the disk thread, after everything queued before it. */
    private void onDiskThread(Runnable task) {
        onDiskThread(task, () -> {});
    }

    /** As above; {@code ifRefused} runs instead when the client is closing and the disk thread takes nothing more. */
    private void onDiskThread(Runnable task, Runnable ifRefused) {
        try {
            diskThread.execute(task);
        } catch (RejectedExecutionException closing) {
            ifRefused.run();
        }
    }

    /** Input thread: runs {@code work} on the disk thread (after what is queued there) and waits for its result. */
    private <T> T onDiskThread(DiskWork<T> work) throws IOException {
        CompletableFuture<T> result = new CompletableFuture<>();
        onDiskThread(() -> {
            try {
                result.complete(work.run());
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, () -> result.completeExceptionally(new IOException("the client is closing")));
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** Disk work with a result. */
    @FunctionalInterface
    private interface DiskWork<T> {
        T run() throws IOException;
    }

    private void reportProgress() {
        try {
            long now = System.nanoTime();
            for (OutgoingTransfer t : outgoing.values()) {
                ProgressMeter meter = t.meter();
                if (meter != null) {
                    ui.progress(t.id, text("progress.send", t.name, t.to, words.detail(meter, now)));
                }
            }
            for (IncomingTransfer t : incoming.values()) {
                ProgressMeter meter = t.meter();
                if (meter != null) {
                    ui.progress(t.id, text("progress.receive", t.name, t.from, words.detail(meter, now)));
                }
            }
        } catch (RuntimeException e) {
            // A display problem must never stop the ticker (a scheduled task that throws is cancelled).
        }
    }

    /**
     * The text for a cancel: the server's words when it gave some, else ours for a reason we know.
     * Without a final full stop: the lines it goes into end with their own.
     */
    private String describe(TransferMessage.Cancel cancel) {
        Optional<CancelReason> reason = CancelReason.fromWire(cancel.reason());
        if (cancel.message() != null && !cancel.message().isBlank()) {
            String words = cancel.message().strip();
            return Text.escapeControls(words.endsWith(".") ? words.substring(0, words.length() - 1) : words);
        }
        return reason.map(r -> texts.get("stream.reason." + r.wireName()))
                .orElseGet(() -> texts.get("stream.reason.other", Text.escapeControls(String.valueOf(cancel.reason()))));
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(store.directory()).getUsableSpace();
        } catch (IOException e) {
            return -1; // unknown: let the write find out
        }
    }

    private static boolean matches(String which, String id, String name) {
        return which == null || which.equals(id) || which.equals(name);
    }

    private static String percent(long part, long whole) {
        return String.valueOf(whole == 0 ? 100 : part * 100 / whole);
    }

    private void say(String key, Object... args) {
        ui.show(text(key, args));
    }

    /** Every text argument may come from the network: escaped before it reaches the terminal. */
    private String text(String key, Object... args) {
        Object[] safe = args.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] instanceof String s) {
                safe[i] = Text.escapeControls(s);
            }
        }
        return texts.get(key, safe);
    }
}
