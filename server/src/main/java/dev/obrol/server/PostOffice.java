package dev.obrol.server;

import dev.obrol.protocol.Base64Data;
import dev.obrol.protocol.ClientMessage;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Routes what users send each other: direct messages, the online list, file offers and their
 * answers, and the operator's messages. The sender is always the session the request came on;
 * whatever sender a client claims is ignored. Users are found in the {@link Directory} and reached
 * through {@link Delivery}. Thread-safe (state lives in the directory and the offer book).
 */
public final class PostOffice {
    /** Names in one page of the online list for obrol clients (v1 clients get the whole list). */
    static final int LIST_PAGE = 500;

    private final Directory directory;
    private final Delivery delivery;
    private final Presence presence;
    private final OfferBook offers;
    private final TrafficLog traffic;
    private final Replies replies;
    private final Limits limits;
    private final MessageCodec codec;
    private final ServerStats stats;

    PostOffice(Topology topology, OfferBook offers, TrafficLog traffic, Replies replies, Limits limits, MessageCodec codec,
            ServerStats stats) {
        this.directory = topology.directory();
        this.delivery = topology.delivery();
        this.presence = topology.presence();
        this.codec = codec;
        this.offers = offers;
        this.traffic = traffic;
        this.replies = replies;
        this.limits = limits;
        this.stats = stats;
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
        Optional<User> to = directory.locate(request.toUsername());
        if (to.isEmpty()) {
            replies.error(from, "MSG", ErrorCode.NO_SUCH_USER, "user.offline", request.toUsername());
            return;
        }
        User target = to.get();
        ServerMessage.PeerMsg message = new ServerMessage.PeerMsg(from.username(), text);
        if (!fitsTarget(target, message)) {
            replies.error(from, "MSG", ErrorCode.TOO_LONG, "v1.message_too_long", target.name(), Limits.V1_MAX_FRAME_BYTES);
            return;
        }
        traffic.message(from.username(), target.name(), text);
        stats.relayed(text, 1); // counted before it can arrive: whoever sees it arrive sees it counted
        presence.conversed(from.user(), target);
        delivery.send(target, message);
    }

    /**
     * The online list, sorted ignoring case: v1 clients get it whole (without themselves, as v1
     * does); obrol clients get it a page at a time ({@link #LIST_PAGE} names after {@code after}),
     * with the number online and whether more follow.
     */
    void list(Session requester, ClientMessage.ListRequest request) {
        int online = directory.size();
        boolean obrol = requester.isObrolClient();
        int pageSize = !obrol ? Integer.MAX_VALUE
                : request.limit() == null || request.limit() <= 0 ? LIST_PAGE : Math.min(request.limit(), LIST_PAGE);
        List<String> names = directory.names(obrol ? request.after() : null, pageSize == Integer.MAX_VALUE ? pageSize : pageSize + 1);
        boolean more = names.size() > pageSize;
        List<ClientList.Entry> entries = new ArrayList<>(Math.min(names.size(), pageSize));
        for (String name : more ? names.subList(0, pageSize) : names) {
            boolean self = name.equals(requester.username());
            if (!obrol && self) {
                continue; // v1 leaves the requester out
            }
            entries.add(new ClientList.Entry(name, obrol && self ? Boolean.TRUE : null));
        }
        traffic.listed(requester.username(), online);
        requester.send(obrol ? new ClientList(entries, online, more) : new ClientList(entries));
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
        Optional<User> to = directory.locate(request.toUsername());
        if (to.isEmpty()) {
            replies.error(from, "FILE", ErrorCode.NO_SUCH_USER, "user.offline", request.toUsername());
            return;
        }
        User target = to.get();
        String notice = target.texts().format("file.offer", from.username(), filename, size);
        ServerMessage.FileOffer offer = new ServerMessage.FileOffer(from.username(), filename, request.filedata(), notice, size);
        if (!fitsTarget(target, offer)) {
            replies.error(from, "FILE", ErrorCode.BAD_FILE, "v1.file_too_big", target.name(), filename);
            return;
        }
        traffic.fileOffered(from.username(), target.name(), filename, size);
        offers.add(new FileOffer(from.username(), target.name(), filename, size));
        stats.fileOffered(size);
        presence.conversed(from.user(), target);
        delivery.send(target, offer);
        from.send(new ServerMessage.Info(from.texts().format("file.sent", filename, target.name())));
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
        Optional<User> sender = directory.locate(accepted.sender());
        if (sender.isEmpty()) {
            responder.send(new ServerMessage.Info(responder.texts().format("file.sender_gone", accepted.sender())));
            return;
        }
        User to = sender.get();
        if (answer.accepted()) {
            String text = to.texts().format("file.accepted", responder.username(), accepted.filename());
            delivery.send(to, new ServerMessage.FileAccepted(responder.username(), accepted.filename(), text));
        } else {
            String text = to.texts().format("file.rejected", responder.username(), accepted.filename());
            delivery.send(to, new ServerMessage.FileRejected(responder.username(), accepted.filename(), text));
        }
    }

    /**
     * A v1 client reads each message with one recv(4096) and loses anything longer, so a message
     * that would not fit is refused to its sender rather than silently lost.
     */
    private boolean fitsTarget(User target, ServerMessage message) {
        return target.isObrolClient() || codec.encode(message).length + 1 <= Limits.V1_MAX_FRAME_BYTES;
    }

    /** Same as {@link #fitsTarget}, without encoding when the text is surely short enough. */
    private boolean fitsTarget(User target, ServerMessage.PeerMsg message) {
        // JSON escaping turns one UTF-16 unit into at most 6 bytes; names are at most 32 characters.
        boolean surelyFits = (message.message().length() + Limits.MAX_USERNAME_CHARS) * 6 + 64 <= Limits.V1_MAX_FRAME_BYTES;
        return surelyFits || fitsTarget(target, (ServerMessage) message);
    }

    /** The operator's {@code send}: false if {@code username} is not online. */
    public boolean sendFromOperator(String username, String text) {
        Optional<User> to = directory.locate(username);
        if (to.isEmpty()) {
            return false;
        }
        traffic.operatorSent(to.get().name(), text);
        stats.relayed(text, 1);
        delivery.send(to.get(), new ServerMessage.ServerMsg(text));
        return true;
    }

    /** The operator's {@code broadcast}: returns how many users it was sent to. */
    public int broadcast(String text) {
        int count = delivery.broadcast(new ServerMessage.Broadcast(text));
        traffic.broadcast(text, count);
        stats.relayed(text, count);
        return count;
    }
}
