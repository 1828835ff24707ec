package dev.obrol.server;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.ClientMessage.FileResponse;
import dev.obrol.protocol.ClientMessage.FileSend;
import dev.obrol.protocol.ClientMessage.FileStream;
import dev.obrol.protocol.ClientMessage.ListRequest;
import dev.obrol.protocol.ClientMessage.Msg;
import dev.obrol.protocol.ClientMessage.Ping;
import dev.obrol.protocol.ClientMessage.SetUsername;
import dev.obrol.protocol.ClientMessage.Unwatch;
import dev.obrol.protocol.ClientMessage.Watch;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.Inbound;
import dev.obrol.protocol.JsonValues;
import dev.obrol.protocol.Message;
import dev.obrol.protocol.MessageDecoder.DecodeFailure;
import dev.obrol.protocol.RawText;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.TransferMessage;
import dev.obrol.server.transfer.TransferRelay;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The one table from request type to handler (Ergo's commands.go): every request a client sends
 * goes through {@link #dispatch}, which checks the precondition (logged in or not) before calling
 * the handler. Undecodable frames, raw text and server-only types take the same path and get the
 * same kind of reply.
 */
final class RequestDispatcher {
    /** A handler and whether it needs a logged-in session. */
    private record Route(boolean needsLogin, BiConsumer<Session, ClientMessage> handler) {}

    private final Map<Class<? extends ClientMessage>, Route> routes;
    private final TrafficLog traffic;
    private final Replies replies;

    RequestDispatcher(Logins logins, PostOffice postOffice, Presence presence, TransferRelay transfers, TrafficLog traffic,
            Replies replies) {
        this.traffic = traffic;
        this.replies = replies;
        Map<Class<? extends ClientMessage>, Route> table = new HashMap<>(Map.of(
                SetUsername.class, new Route(false, (s, m) -> logins.login(s, (SetUsername) m)),
                Msg.class, new Route(true, (s, m) -> postOffice.directMessage(s, (Msg) m)),
                ListRequest.class, new Route(true, (s, m) -> postOffice.list(s, (ListRequest) m)),
                Watch.class, new Route(true, (s, m) -> presence.watch(s, ((Watch) m).usernames())),
                Unwatch.class, new Route(true, (s, m) -> presence.unwatch(s, ((Unwatch) m).usernames())),
                FileSend.class, new Route(true, (s, m) -> postOffice.offerFile(s, (FileSend) m)),
                FileResponse.class, new Route(true, (s, m) -> postOffice.answerFile(s, (FileResponse) m)),
                // Keepalive: answered before login too, so a client can probe a fresh connection.
                Ping.class, new Route(false, (s, m) -> s.send(new ServerMessage.Pong()))));
        // Streamed files (protocol 2): the offer, then messages relayed between the two ends.
        table.put(FileStream.class, new Route(true, (s, m) -> transfers.offer(s, (FileStream) m)));
        for (Class<? extends TransferMessage> type : List.of(TransferMessage.Accept.class, TransferMessage.Ack.class,
                TransferMessage.End.class, TransferMessage.Done.class, TransferMessage.Cancel.class)) {
            table.put(type, new Route(true, (s, m) -> relay(transfers, s, (TransferMessage) m)));
        }
        this.routes = Map.copyOf(table);
    }

    private void relay(TransferRelay transfers, Session session, TransferMessage message) {
        if (!transfers.control(session, message)) {
            replies.error(session, message.type(), ErrorCode.NO_SUCH_TRANSFER, "stream.no_such_transfer", message.transferId());
        }
    }

    /** The request types that have a route (a test checks every client message type has one). */
    Set<Class<? extends ClientMessage>> routedTypes() {
        return routes.keySet();
    }

    /** Handles one decoded inbound frame: a {@link Message}, {@link RawText} or {@link DecodeFailure}. */
    void dispatch(Session session, Inbound inbound) {
        if (inbound instanceof ClientMessage request) {
            Route route = routes.get(request.getClass());
            if (route == null) { // a client type added to the protocol but not to this table
                replies.error(session, request.type(), ErrorCode.UNKNOWN_TYPE, "client.request_only", request.type());
                return;
            }
            if (route.needsLogin() && !session.isLoggedIn()) {
                refuseBeforeLogin(session, request.type());
                return;
            }
            route.handler().accept(session, request);
        } else if (inbound instanceof Message serverOnly) {
            if (!session.isLoggedIn()) {
                refuseBeforeLogin(session, serverOnly.type());
                return;
            }
            replies.error(session, serverOnly.type(), ErrorCode.UNKNOWN_TYPE, "client.request_only", serverOnly.type());
        } else if (inbound instanceof RawText raw) {
            if (!session.isLoggedIn()) {
                refuseBeforeLogin(session, "RAW");
                return;
            }
            String notObject = JsonValues.kindOfNonObject(raw.text());
            if (notObject != null) {
                // Valid JSON, but not an object: a broken client, not a v1 user typing text.
                replies.error(session, "?", ErrorCode.MALFORMED, "json.not_object", notObject);
                return;
            }
            traffic.rawText(session.actor(), raw.text()); // as v1: logged, nothing else
        } else if (inbound instanceof DecodeFailure failure) {
            if (!session.isLoggedIn()) {
                refuseBeforeLogin(session, "?");
                return;
            }
            // The reason is the codec's English, parser's words included: the operator's detail, never the peer's text.
            replies.errorWithDetail(session, "?", failure.code(), failureKey(failure.code()), failure.reason());
        }
    }

    /** The text a user reads for an undecodable request, by its code. */
    private static String failureKey(ErrorCode code) {
        return switch (code) {
            case UNKNOWN_TYPE -> "request.unknown_type";
            case BAD_FIELD -> "request.bad_field";
            case NO_SUCH_TRANSFER -> "stream.chunk_not_yours"; // from the transfer stage
            default -> "request.malformed";
        };
    }

    private void refuseBeforeLogin(Session session, String type) {
        // v1 closes a connection whose first message is not SET_USERNAME; so do we, with a reason.
        session.closeReason("no username given");
        replies.errorAndClose(session, type, ErrorCode.NOT_LOGGED_IN, "login.required");
    }
}
