package dev.obrol.server.guard;

import dev.obrol.protocol.ClientMessage.SetUsername;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.server.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Checks the server password in the first SET_USERNAME before the login logic sees it. A missing
 * or wrong password gets one ERROR (BAD_PASSWORD) and the connection closes; the traffic log
 * records the refused name, never the password. Guessing costs a connection per try, so the
 * per-address connection rate bounds it. One instance per channel, used on its event loop.
 */
final class PasswordGate extends ChannelInboundHandlerAdapter {
    private final ServerPassword password;
    private final Refusals refusals;
    private boolean passed;

    PasswordGate(ServerPassword password, Refusals refusals) {
        this.password = password;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (passed || !(msg instanceof SetUsername hello)) {
            ctx.fireChannelRead(msg); // the dispatcher refuses anything else before login
            return;
        }
        if (password.matches(hello.password())) {
            passed = true;
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        Session session = Session.of(ctx.channel());
        if (session != null && ctx.channel().isActive()) {
            session.negotiate(hello);
            String why = hello.password() == null ? "no password" : "wrong password";
            refusals.traffic().loginRefused(session.remote(), hello.username(), why);
            ctx.channel().config().setAutoRead(false);
            refusals.errorAndClose(session, "login refused: " + why, "SET_USERNAME", ErrorCode.BAD_PASSWORD, "password.wrong");
        }
    }
}
