package dev.obrol.server.transfer;

import dev.obrol.protocol.CancelReason;
import dev.obrol.protocol.ClientMessage.FileStream;
import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.FileNames;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.StreamLimits;
import dev.obrol.protocol.TransferMessage;
import dev.obrol.server.ServerStats;
import dev.obrol.server.Directory;
import dev.obrol.server.LoginListener;
import dev.obrol.server.Presence;
import dev.obrol.server.ServerTexts;
import dev.obrol.server.Session;
import dev.obrol.server.User;
import dev.obrol.server.TrafficLog;
import dev.obrol.server.transfer.StreamTransfer.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays streamed files (protocol 2) between two clients without holding them: checks every
 * message against the transfer it names (right end, right state, right offset, within the declared
 * size and the flow-control window), forwards it to the other end, and keeps the traffic log.
 * Chunks are passed on as they arrived (Base64 text or, from a sender that negotiated binary chunk
 * frames, raw bytes); the receiver's outbox frames them for that receiver.
 *
 * <p>Memory per transfer is a few fields: the sender may have at most {@link
 * StreamLimits#WINDOW_BYTES} ({@link StreamLimits#BINARY_WINDOW_BYTES} for a sender of binary
 * chunks) unacknowledged, so a slow receiver slows the sender and never fills
 * the server. Everything about a session goes when it closes ({@link #sessionClosed}), and its
 * peers are told at once. As a {@link TransferView} it shows the operator console every transfer
 * not yet ended.
 *
 * <p>Threading: the map is concurrent; a transfer's mutable fields ({@code state} included) are
 * read and written only while holding that transfer's monitor, by every method here, so no thread
 * acts on a stale state. The number of open transfers per session is kept in {@code openBySession}
 * (its own lock, never held while taking a transfer's): one is added for each end when an offer is
 * admitted, before the transfer is published, and taken back in {@code finish}, the one
 * transition to {@code ENDED}. So the limit is checked without looking at other transfers, and
 * checked and taken in one step, so that offers racing on several event loops cannot exceed it.
 */
public final class TransferRelay implements TransferView, LoginListener {
    /** Transfers (offered or running) one user may have open at once, either direction. */
    static final int MAX_OPEN_PER_SESSION = 64;
    /** How long an ended transfer's id is remembered so in-flight chunks are dropped quietly. */
    private static final Duration TOMBSTONE = Duration.ofSeconds(30);
    private static final String SERVER = "SERVER";

    /** The sender's name for a transfer, which only that sender's connection may use. */
    private record SenderRef(Session sender, String ref) {}

    /** By the id the server issued (the receiver's and the console's name for it). */
    private final ConcurrentMap<String, StreamTransfer> byId = new ConcurrentHashMap<>();
    /** By the sender's own id for it. */
    private final ConcurrentMap<SenderRef, StreamTransfer> bySenderRef = new ConcurrentHashMap<>();
    private final TransferIds ids = new TransferIds();
    /** Transfers not ended per session, either direction; no entry at zero. Guarded by itself. */
    private final Map<Session, Integer> openBySession = new HashMap<>();
    /** Numbers transfers in the order they were offered, for the console's oldest-first list. */
    private final AtomicLong sequence = new AtomicLong();
    private final Directory directory;
    private final TrafficLog traffic;
    private final Duration offerExpiry;
    private final ServerStats stats;
    private final ServerTexts operatorTexts;
    private final Presence presence;

    /**
     * Counts offers, relayed bytes and ended transfers into {@code stats} (the console's {@code
     * stats}); refused offers are told to the sender in their language and logged in {@code
     * operatorTexts}' language.
     */
    public TransferRelay(Directory directory, Presence presence, TrafficLog traffic, Duration offerExpiry, ServerStats stats,
            ServerTexts operatorTexts) {
        this.directory = directory;
        this.presence = presence;
        this.traffic = traffic;
        this.offerExpiry = offerExpiry;
        this.stats = stats;
        this.operatorTexts = operatorTexts;
    }

    /** {@code FILE_STREAM}: checks the offer and passes it to the receiver; nothing is sent back on success. */
    public void offer(Session from, FileStream request) {
        String id = request.transferId(); // the sender's own; the receiver is given one the server issues
        if (!StreamLimits.isValidId(id)) {
            refuseOffer(from, id, CancelReason.BAD_OFFER, "stream.bad_id");
            return;
        }
        String filename = FileNames.sanitize(request.filename());
        if (request.filename().isBlank() || request.size() < 0) {
            refuseOffer(from, id, CancelReason.BAD_OFFER, "stream.bad_offer");
            return;
        }
        // A transfer runs between two connections: the receiver's first one takes it.
        Optional<Session> to = directory.locate(request.toUsername()).map(User::primary);
        if (to.isEmpty()) {
            refuseOffer(from, id, CancelReason.NO_SUCH_USER, "user.offline", request.toUsername());
            return;
        }
        Session target = to.get();
        if (!target.supports(StreamLimits.FEATURE)) {
            // Not an error: the receiver's client (v1) takes files only whole, and the sender's client
            // may offer a small file that way. Logged as the normal step it is, not as a refusal.
            traffic.streamFallback(from.username(), target.username(), filename, request.size(), id);
            from.send(new TransferMessage.Cancel(id, CancelReason.UNSUPPORTED.wireName(),
                    from.texts().format("stream.unsupported", target.username())));
            return;
        }
        if (!reserveOpen(from, target)) {
            refuseOffer(from, id, CancelReason.BAD_OFFER, "stream.too_many", MAX_OPEN_PER_SESSION);
            return;
        }
        StreamTransfer transfer = new StreamTransfer(ids.next(), id, from, target, filename, request.size(),
                sequence.incrementAndGet());
        if (bySenderRef.putIfAbsent(new SenderRef(from, id), transfer) != null) {
            releaseOpen(from, target);
            refuseOffer(from, id, CancelReason.BAD_OFFER, "stream.bad_id");
            return;
        }
        byId.put(transfer.id, transfer);
        stats.streamOffered();
        presence.conversed(from.user(), target.user()); // an offered file makes two people partners, as a message does
        synchronized (transfer) {
            traffic.streamOffered(from.username(), target.username(), filename, request.size(), transfer.id);
            String notice = target.texts().format("file.offer", from.username(), filename, request.size());
            target.send(new ServerMessage.FileStreamOffer(transfer.id, from.username(), filename, request.size(), notice));
            transfer.expiry = target.executor().schedule(() -> expire(transfer), offerExpiry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A relayed control message from either end; false if it names no transfer of {@code actor}'s. */
    public boolean control(Session actor, TransferMessage message) {
        StreamTransfer transfer = find(actor, message.transferId());
        if (transfer == null) {
            return false;
        }
        synchronized (transfer) {
            if (transfer.state == State.ENDED) {
                return true; // crossed an end already told to both: nothing left to do
            }
            if (message instanceof TransferMessage.Cancel cancel) {
                cancelled(actor, transfer, cancel);
            } else if (actor == transfer.receiver && message instanceof TransferMessage.Accept accept) {
                accepted(transfer, accept);
            } else if (actor == transfer.receiver && message instanceof TransferMessage.Ack ack) {
                acknowledged(transfer, ack);
            } else if (actor == transfer.sender && message instanceof TransferMessage.End end) {
                ended(transfer, end);
            } else if (actor == transfer.receiver && message instanceof TransferMessage.Done done) {
                done(transfer, done);
            } else {
                // The right transfer, the wrong end or the wrong moment: a broken or hostile client.
                abort(transfer, actor.username(), CancelReason.BAD_CHUNK, "unexpected " + message.type());
            }
        }
        return true;
    }

    /**
     * A chunk from {@code actor}: relayed (the reference handed on) or dropped. Returns false, after
     * releasing it, if it names no transfer {@code actor} is sending: the caller refuses it.
     */
    public boolean chunk(Session actor, FileChunk chunk) {
        StreamTransfer transfer = bySenderRef.get(new SenderRef(actor, chunk.transferId()));
        if (transfer == null) {
            chunk.release();
            return false;
        }
        synchronized (transfer) {
            if (transfer.state == State.ENDED) {
                chunk.release(); // in flight when the transfer ended; the sender already knows
                return true;
            }
            int length = chunk.decodedLength();
            CancelReason problem = null;
            String detail = null;
            if (transfer.state != State.SENDING) {
                problem = CancelReason.BAD_CHUNK;
                detail = "chunk while " + transfer.state.name().toLowerCase();
            } else if (chunk.offset() != transfer.next || length <= 0 || length > StreamLimits.maxChunkBytes(chunk.encoding())) {
                problem = CancelReason.BAD_CHUNK;
                detail = "chunk at " + chunk.offset() + " of " + length + " bytes, expected at " + transfer.next;
            } else if (transfer.next + length > transfer.size) {
                problem = CancelReason.TOO_MANY_BYTES;
                detail = "more than the " + transfer.size + " bytes offered";
            } else if (transfer.next + length - transfer.acked > transfer.window) {
                problem = CancelReason.BAD_CHUNK;
                detail = "over the flow-control window";
            }
            if (problem != null) {
                chunk.release();
                abort(transfer, actor.username(), problem, detail);
                return true;
            }
            transfer.next += length;
            stats.relayedFileBytes(length);
            // Renamed for the receiver; the payload's reference is handed over, not copied.
            transfer.receiver.sendChunk(chunk.renamed(transfer.id));
        }
        return true;
    }

    /** A connection closed: every transfer it was part of ends, and the peer is told at once. */
    @Override
    public void loggedOut(User user, Session session, boolean lastConnection) {
        sessionClosed(session);
    }

    /** Called once when a session closes: every transfer it was part of ends, and the peer is told. */
    void sessionClosed(Session session) {
        for (StreamTransfer transfer : new ArrayList<>(byId.values())) {
            if (!transfer.involves(session)) {
                continue;
            }
            synchronized (transfer) {
                if (transfer.state == State.ENDED) {
                    forget(transfer);
                    continue;
                }
                Session peer = transfer.peerOf(session);
                finish(transfer, false);
                forget(transfer);
                traffic.streamFailed(session.username(), peer.username(), transfer.filename, "disconnected", transfer.id);
                peer.send(new TransferMessage.Cancel(transfer.idFor(peer), CancelReason.PEER_LEFT));
            }
        }
    }

    /** The server is stopping: both ends of every transfer are told before connections close. */
    public void shutdown() {
        for (StreamTransfer transfer : new ArrayList<>(byId.values())) {
            synchronized (transfer) {
                if (transfer.state != State.ENDED) {
                    abort(transfer, SERVER, CancelReason.SHUTDOWN, "server shutdown");
                }
            }
        }
    }

    /**
     * Transfers not yet ended, oldest first: an offer without an answer has {@code done} -1, a
     * running one the bytes relayed so far (a resumed prefix included).
     */
    @Override
    public List<TransferRow> transfers() {
        List<StreamTransfer> open = new ArrayList<>(byId.values());
        open.sort(Comparator.comparingLong(t -> t.sequence));
        List<TransferRow> rows = new ArrayList<>(open.size());
        for (StreamTransfer t : open) {
            synchronized (t) {
                if (t.state != State.ENDED) {
                    long done = t.state == State.OFFERED ? -1 : t.next;
                    rows.add(new TransferRow(t.id, t.sender.username(), t.receiver.username(), t.filename, t.size, done));
                }
            }
        }
        return rows;
    }

    /** Transfers open (not ended) right now; for tests and the console. */
    public int openTransfers() {
        return openIds().size();
    }

    /** Transfers open (not ended) that {@code session} sends or receives: what the per-session limit counts. */
    int openCount(Session session) {
        synchronized (openBySession) {
            return openBySession.getOrDefault(session, 0);
        }
    }

    private void accepted(StreamTransfer transfer, TransferMessage.Accept accept) {
        if (transfer.state != State.OFFERED || accept.offset() < 0 || accept.offset() > transfer.size) {
            abort(transfer, transfer.receiver.username(), CancelReason.BAD_OFFER, "accept at offset " + accept.offset());
            return;
        }
        cancelExpiry(transfer);
        transfer.state = State.SENDING;
        transfer.startOffset = accept.offset();
        transfer.next = accept.offset();
        transfer.acked = accept.offset();
        transfer.startNanos = System.nanoTime();
        traffic.fileAnswered(transfer.receiver.username(), transfer.sender.username(), transfer.filename, true);
        traffic.streamStarted(transfer.sender.username(), transfer.receiver.username(), transfer.filename,
                accept.offset(), transfer.size, transfer.id);
        transfer.sender.send(new TransferMessage.Accept(transfer.senderRef, accept.offset()));
    }

    private void acknowledged(StreamTransfer transfer, TransferMessage.Ack ack) {
        boolean running = transfer.state == State.SENDING || transfer.state == State.FINISHING;
        // An ack for bytes never relayed would let the sender overrun the window.
        if (!running || ack.received() < transfer.acked || ack.received() > transfer.next) {
            abort(transfer, transfer.receiver.username(), CancelReason.BAD_CHUNK, "acknowledged " + ack.received());
            return;
        }
        transfer.acked = ack.received();
        transfer.sender.send(new TransferMessage.Ack(transfer.senderRef, ack.received()));
    }

    private void ended(StreamTransfer transfer, TransferMessage.End end) {
        if (transfer.state != State.SENDING || transfer.next != transfer.size) {
            abort(transfer, transfer.sender.username(), CancelReason.BAD_CHUNK,
                    "end after " + transfer.next + " of " + transfer.size + " bytes");
            return;
        }
        transfer.state = State.FINISHING;
        transfer.receiver.send(new TransferMessage.End(transfer.id, end.sha256()));
    }

    private void done(StreamTransfer transfer, TransferMessage.Done done) {
        if (transfer.state != State.FINISHING) {
            abort(transfer, transfer.receiver.username(), CancelReason.BAD_CHUNK, "done before the end");
            return;
        }
        finish(transfer, true);
        traffic.streamCompleted(transfer.sender.username(), transfer.receiver.username(), transfer.filename,
                transfer.size - transfer.startOffset, System.nanoTime() - transfer.startNanos, done.sha256(), transfer.id);
        transfer.sender.send(new TransferMessage.Done(transfer.senderRef, done.sha256()));
    }

    private void cancelled(Session actor, StreamTransfer transfer, TransferMessage.Cancel cancel) {
        Session peer = transfer.peerOf(actor);
        String reason = CancelReason.fromWire(cancel.reason()).map(CancelReason::wireName).orElse(CancelReason.CANCELLED.wireName());
        boolean rejected = transfer.state == State.OFFERED && actor == transfer.receiver;
        finish(transfer, true);
        if (rejected) {
            traffic.fileAnswered(actor.username(), peer.username(), transfer.filename, false);
        } else {
            traffic.streamFailed(actor.username(), peer.username(), transfer.filename, reason, transfer.id);
        }
        // Only a known reason is passed on; free text from one client is not shown to another.
        peer.send(new TransferMessage.Cancel(transfer.idFor(peer), reason, null));
    }

    private void expire(StreamTransfer transfer) {
        synchronized (transfer) {
            if (transfer.state == State.OFFERED) {
                abort(transfer, SERVER, CancelReason.EXPIRED, "no answer within " + offerExpiry.toSeconds() + " s");
            }
        }
    }

    /** Ends the transfer for both ends with {@code reason}; the log says who caused it and why. */
    private void abort(StreamTransfer transfer, String actor, CancelReason reason, String detail) {
        finish(transfer, true);
        traffic.streamFailed(actor, actor.equals(transfer.sender.username()) ? transfer.receiver.username()
                : transfer.sender.username(), transfer.filename, reason.wireName() + ": " + detail, transfer.id);
        transfer.sender.send(new TransferMessage.Cancel(transfer.senderRef, reason));
        transfer.receiver.send(new TransferMessage.Cancel(transfer.id, reason));
    }

    /**
     * Marks the transfer over and frees its place under both ends' limits; keeps its id for a while
     * (so in-flight chunks are dropped) if asked. Callers finish before telling the ends, so a
     * client that hears of the end and offers again at once finds its place free.
     */
    private void finish(StreamTransfer transfer, boolean keepTombstone) {
        cancelExpiry(transfer);
        transfer.state = State.ENDED; // reached once per transfer: every caller checks it was not ended
        releaseOpen(transfer.sender, transfer.receiver);
        stats.transferDone();
        if (!keepTombstone) {
            return;
        }
        try {
            transfer.sender.executor().schedule(() -> forget(transfer), TOMBSTONE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            forget(transfer); // the event loop is shutting down with the server
        }
    }

    /** The transfer for a message from {@code actor} naming {@code id}: one it sends (by its own id) or receives. */
    private StreamTransfer find(Session actor, String id) {
        StreamTransfer sending = bySenderRef.get(new SenderRef(actor, id));
        if (sending != null) {
            return sending;
        }
        StreamTransfer receiving = byId.get(id);
        return receiving != null && receiving.receiver == actor ? receiving : null;
    }

    private void forget(StreamTransfer transfer) {
        byId.remove(transfer.id, transfer);
        bySenderRef.remove(new SenderRef(transfer.sender, transfer.senderRef), transfer);
    }

    private static void cancelExpiry(StreamTransfer transfer) {
        if (transfer.expiry != null) {
            transfer.expiry.cancel(false);
            transfer.expiry = null;
        }
    }

    /** Refuses an offer: the sender reads {@code key} in their language, the traffic log in the operator's. */
    private void refuseOffer(Session from, String id, CancelReason reason, String key, Object... args) {
        traffic.refused(from.username(), "FILE_STREAM", operatorTexts.format(key, args));
        from.send(new TransferMessage.Cancel(StreamLimits.isValidId(id) ? id : "-", reason.wireName(), from.texts().format(key, args)));
    }

    /**
     * Counts one more open transfer for each of the two ends if neither is at {@link
     * #MAX_OPEN_PER_SESSION}; false, counting nothing, if one is. A transfer to oneself counts once.
     */
    private boolean reserveOpen(Session sender, Session receiver) {
        synchronized (openBySession) {
            if (openBySession.getOrDefault(sender, 0) >= MAX_OPEN_PER_SESSION
                    || openBySession.getOrDefault(receiver, 0) >= MAX_OPEN_PER_SESSION) {
                return false;
            }
            openBySession.merge(sender, 1, Integer::sum);
            if (receiver != sender) {
                openBySession.merge(receiver, 1, Integer::sum);
            }
            return true;
        }
    }

    /** Gives back what {@link #reserveOpen} counted for a transfer that ended or was never published. */
    private void releaseOpen(Session sender, Session receiver) {
        synchronized (openBySession) {
            openBySession.computeIfPresent(sender, (s, open) -> open == 1 ? null : open - 1);
            if (receiver != sender) {
                openBySession.computeIfPresent(receiver, (s, open) -> open == 1 ? null : open - 1);
            }
        }
    }

    /** Snapshot of the open transfers, for tests. */
    List<String> openIds() {
        List<String> ids = new ArrayList<>();
        for (StreamTransfer t : byId.values()) {
            synchronized (t) {
                if (t.state != State.ENDED) {
                    ids.add(t.id);
                }
            }
        }
        return ids;
    }
}
