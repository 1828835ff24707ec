package dev.obrol.server;

import dev.obrol.protocol.Base64Data;
import dev.obrol.protocol.ClientMessage.FileResponse;
import dev.obrol.protocol.ClientMessage.FileSend;
import dev.obrol.protocol.ClientMessage.Msg;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.FileNames;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.ServerMessage.ClientList;
import dev.obrol.server.transfer.FileOffer;
import dev.obrol.server.transfer.OfferBook;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Routes what users send each other: direct messages, the online list, file offers and their
 * answers, and the operator's messages. The sender is always the session the request came on;
 * whatever sender a client claims is ignored. Thread-safe (state lives in the registry and the
 * offer book).
 */
public final class PostOffice {
    private final SessionRegistry registry;
    private final OfferBook offers;
    private final TrafficLog traffic;
    private final Replies replies;
    private final Limits limits;
    private final MessageCodec codec;
    private volatile ServerStats stats = new ServerStats();

    PostOffice(SessionRegistry registry, OfferBook offers, TrafficLog traffic, Replies replies, Limits limits, MessageCodec codec) {
        this.codec = codec;
        this.registry = registry;
        this.offers = offers;
        this.traffic = traffic;
        this.replies = replies;
        this.limits = limits;
    }

    /** Counts what is relayed into {@code serverStats} (the console's {@code stats}). */
    void countInto(ServerStats serverStats) {
        this.stats = serverStats;
    }

    void directMessage(Session from, Msg request) {
        String text = request.message();
        if (text.isEmpty()) {
            replies.error(from, "MSG", ErrorCode.BAD_FIELD, "message.empty");
            return;
        }
        if (text.length() > limits.maxMessageChars()) {
            replies.error(from, "MSG", ErrorCode.TOO_LONG, "message.too_long", text.length(), limits.maxMessageChars());
            return;
        }
        Optional<Session> to = registry.find(request.toUsername());
        if (to.isEmpty()) {
            replies.error(from, "MSG", ErrorCode.NO_SUCH_USER, "user.offline", request.toUsername());
            return;
        }
        Session target = to.get();
        ServerMessage.PeerMsg message = new ServerMessage.PeerMsg(from.username(), text);
        if (!fitsTarget(target, message)) {
            replies.error(from, "MSG", ErrorCode.TOO_LONG, "v1.message_too_long", target.username(), Limits.V1_MAX_FRAME_BYTES);
            return;
        }
        traffic.message(from.username(), target.username(), text);
        stats.relayed(text, 1); // counted before it can arrive: whoever sees it arrive sees it counted
        target.send(message);
    }

    void list(Session requester) {
        List<ClientList.Entry> entries = new ArrayList<>();
        for (String name : registry.usernames()) {
            boolean self = name.equals(requester.username());
            if (!requester.isObrolClient() && self) {
                continue; // v1 leaves the requester out
            }
            entries.add(new ClientList.Entry(name, requester.isObrolClient() && self ? Boolean.TRUE : null));
        }
        traffic.listed(requester.username(), registry.size());
        requester.send(new ClientList(entries));
    }

    void offerFile(Session from, FileSend request) {
        if (request.filename().isBlank()) {
            replies.error(from, "FILE", ErrorCode.BAD_FILE, "file.no_name");
            return;
        }
        String filename = FileNames.sanitize(request.filename());
        long size = Base64Data.decodedSize(request.filedata());
        if (size < 0) {
            replies.error(from, "FILE", ErrorCode.BAD_FILE, "file.bad_data", filename);
            return;
        }
        if (size > limits.maxFileBytes()) {
            replies.error(from, "FILE", ErrorCode.BAD_FILE, "file.too_big", filename, size, limits.maxFileBytes());
            return;
        }
        Optional<Session> to = registry.find(request.toUsername());
        if (to.isEmpty()) {
            replies.error(from, "FILE", ErrorCode.NO_SUCH_USER, "user.offline", request.toUsername());
            return;
        }
        Session target = to.get();
        String notice = target.texts().format("file.offer", from.username(), filename, size);
        ServerMessage.FileOffer offer = new ServerMessage.FileOffer(from.username(), filename, request.filedata(), notice, size);
        if (!fitsTarget(target, offer)) {
            replies.error(from, "FILE", ErrorCode.BAD_FILE, "v1.file_too_big", target.username(), filename);
            return;
        }
        traffic.fileOffered(from.username(), target.username(), filename, size);
        offers.add(new FileOffer(from.username(), target.username(), filename, size));
        stats.fileOffered(size);
        target.send(offer);
        from.send(new ServerMessage.Info(from.texts().format("file.sent", filename, target.username())));
    }

    void answerFile(Session responder, FileResponse answer) {
        String named = answer.filename() == null ? null : FileNames.sanitize(answer.filename());
        Optional<FileOffer> offer = offers.take(responder.username(), answer.fromUsername(), named);
        if (offer.isEmpty()) {
            int hasName = named == null ? 0 : 1;
            replies.error(responder, "FILE_RESPONSE", ErrorCode.NO_SUCH_OFFER, "file.no_offer",
                    answer.fromUsername(), hasName, String.valueOf(named));
            return;
        }
        FileOffer accepted = offer.get();
        stats.transferDone();
        traffic.fileAnswered(responder.username(), accepted.sender(), accepted.filename(), answer.accepted());
        Optional<Session> sender = registry.find(accepted.sender());
        if (sender.isEmpty()) {
            responder.send(new ServerMessage.Info(responder.texts().format("file.sender_gone", accepted.sender())));
            return;
        }
        Session to = sender.get();
        if (answer.accepted()) {
            String text = to.texts().format("file.accepted", responder.username(), accepted.filename());
            to.send(new ServerMessage.FileAccepted(responder.username(), accepted.filename(), text));
        } else {
            String text = to.texts().format("file.rejected", responder.username(), accepted.filename());
            to.send(new ServerMessage.FileRejected(responder.username(), accepted.filename(), text));
        }
    }

    /**
     * A v1 client reads each message with one recv(4096) and loses anything longer, so a message
     * that would not fit is refused to its sender rather than silently lost.
     */
    private boolean fitsTarget(Session target, ServerMessage message) {
        return target.isObrolClient() || codec.encode(message).length + 1 <= Limits.V1_MAX_FRAME_BYTES;
    }

    /** Same as {@link #fitsTarget}, without encoding when the text is surely short enough. */
    private boolean fitsTarget(Session target, ServerMessage.PeerMsg message) {
        // JSON escaping turns one UTF-16 unit into at most 6 bytes; names are at most 32 characters.
        boolean surelyFits = (message.message().length() + Limits.MAX_USERNAME_CHARS) * 6 + 64 <= Limits.V1_MAX_FRAME_BYTES;
        return surelyFits || fitsTarget(target, (ServerMessage) message);
    }

    /** The operator's {@code send}: false if {@code username} is not online. */
    public boolean sendFromOperator(String username, String text) {
        Optional<Session> to = registry.find(username);
        if (to.isEmpty()) {
            return false;
        }
        traffic.operatorSent(to.get().username(), text);
        stats.relayed(text, 1);
        to.get().send(new ServerMessage.ServerMsg(text));
        return true;
    }

    /** The operator's {@code broadcast}: returns how many users it was sent to. */
    public int broadcast(String text) {
        // Direct memory (see WireFormat#frameEncoded): the socket writes it as it is, where a heap
        // buffer is copied once per recipient.
        int count = 0;
        try (SharedFrames frames = new SharedFrames(PooledByteBufAllocator.DEFAULT, codec.encode(new ServerMessage.Broadcast(text)))) {
            for (Session session : registry.all()) {
                session.sendFrame(frames.frameFor(session.wireFormat()));
                count++;
            }
        }
        traffic.broadcast(text, count);
        stats.relayed(text, count);
        return count;
    }
}
