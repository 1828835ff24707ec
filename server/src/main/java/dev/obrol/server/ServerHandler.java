package dev.obrol.server;

import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.BinaryFrameException;
import dev.obrol.protocol.FrameTooDeepException;
import dev.obrol.protocol.FrameTooLongException;
import dev.obrol.protocol.Inbound;
import dev.obrol.protocol.WireFormat;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin glue between a channel and the server's logic: creates the {@link Session} when a
 * connection opens, hands every decoded object to the {@link RequestDispatcher}, and logs the user
 * out when the connection closes. Sharable: it keeps no per-channel state of its own.
 */
@ChannelHandler.Sharable
final class ServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerHandler.class);

    private final RequestDispatcher dispatcher;
    private final Logins logins;
    private final Replies replies;
    private final TrafficLog traffic;
    private final ServerTexts v1Texts;
    private final Duration loginTimeout;
    private final WireFormat format;

    ServerHandler(
            RequestDispatcher dispatcher,
            Logins logins,
            Replies replies,
            TrafficLog traffic,
            ServerTexts v1Texts,
            Duration loginTimeout,
            WireFormat format) {
        this.format = format;
        this.dispatcher = dispatcher;
        this.logins = logins;
        this.replies = replies;
        this.traffic = traffic;
        this.v1Texts = v1Texts;
        this.loginTimeout = loginTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Session session = new Session(ctx.channel(), v1Texts, format);
        ctx.channel().attr(Session.KEY).set(session);
        traffic.connected(session.remote());
        // Counted from accept: the sniffer may have waited for the first bytes.
        Long accepted = ctx.channel().attr(ProtocolSniffer.ACCEPTED).get();
        long left = loginTimeout.toNanos() - (accepted == null ? 0 : System.nanoTime() - accepted);
        session.loginDeadline(ctx.executor().schedule(() -> closeIfAnonymous(session), Math.max(0, left), TimeUnit.NANOSECONDS));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            Session session = ctx.channel().attr(Session.KEY).get();
            if (msg instanceof Inbound inbound) {
                dispatcher.dispatch(session, inbound);
            } else {
                log.warn("{}: {} reached the handler; the pipeline should have consumed it", session.actor(), msg);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Session session = ctx.channel().attr(Session.KEY).get();
        if (session != null) {
            session.cancelLoginDeadline(); // the timer would keep the closed session in memory until it fires
            logins.logout(session, session.closeReason());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Session session = ctx.channel().attr(Session.KEY).get();
        if (session == null) {
            ctx.close();
            return;
        }
        if (cause instanceof FrameTooLongException tooLong && tooLong.busy()) {
            session.closeReason("no room for a large frame");
            replies.errorAndClose(session, "?", ErrorCode.SERVER_BUSY, "server.busy");
        } else if (cause instanceof FrameTooLongException tooLong) {
            session.closeReason("frame over " + tooLong.limit() + " bytes");
            replies.errorAndClose(session, "?", ErrorCode.FRAME_TOO_LONG, "frame.too_long", tooLong.limit());
        } else if (cause instanceof FrameTooDeepException tooDeep) {
            // MALFORMED, as the parser's nesting refusal; closed, as any framing violation: where
            // the object would end is unknown, so nothing after it can be read as a message.
            session.closeReason("frame nested over " + tooDeep.limit() + " levels");
            replies.errorAndClose(session, "?", ErrorCode.MALFORMED, "frame.too_deep", tooDeep.limit());
        } else if (cause instanceof BinaryFrameException binary) {
            // A framing violation like the others: a binary frame not negotiated, or one whose end is unknown.
            boolean negotiated = binary.problem() != BinaryFrameException.Problem.NOT_NEGOTIATED;
            session.closeReason(negotiated ? "binary frame with a bad header" : "binary frame not negotiated");
            replies.errorAndClose(session, "?", ErrorCode.MALFORMED, negotiated ? "frame.binary_bad" : "frame.binary_not_negotiated");
        } else if (cause instanceof IOException) {
            if (ctx.channel().isActive()) {
                session.closeReason("network error: " + cause.getMessage());
            } // else: writes failed because we closed it; keep the reason recorded by whoever closed
            ctx.close();
        } else if (cause.getCause() instanceof NotSslRecordException) {
            // Its message is a hex dump of what arrived: a plain client's SET_USERNAME, password included.
            session.closeReason("TLS failed: not TLS (a plain-text client?)");
            ctx.close();
        } else if (cause.getCause() instanceof SSLException tls) {
            // Plain text on a TLS port, or a client that refused our certificate: not our bug.
            session.closeReason("TLS failed: " + tls.getMessage());
            ctx.close();
        } else {
            // A bug on our side: keep the detail in the server log, never send it to the peer.
            log.warn("Closing {} after an unexpected error", session.actor(), cause);
            session.closeReason("internal error");
            ctx.close();
        }
    }

    private void closeIfAnonymous(Session session) {
        if (!session.isLoggedIn() && session.channel().isActive()) {
            session.closeReason("login timeout");
            replies.errorAndClose(session, "SET_USERNAME", ErrorCode.NOT_LOGGED_IN, "login.timeout", loginTimeout.toSeconds());
        }
    }
}
