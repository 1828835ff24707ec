package dev.obrol.bench;

import dev.obrol.protocol.RawText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

/**
 * One bench client connection: sends the login its {@link ChatWire} writes, completes {@link
 * #loggedIn} on the wire's welcome (fails it on an error or close), then hands every line to its
 * {@link FrameSink}. Lines the wire must answer at once (IRC PING) are answered here, before and
 * after the login, and not passed on. Lines arrive from {@link LineFrames} as retained slices;
 * this handler releases them. Runs on the channel's event loop only; {@link #sink(FrameSink)} must
 * be set before the login completes.
 */
final class BenchConnection extends ChannelInboundHandlerAdapter {
    private final String username;
    private final ChatWire wire;
    private final byte[] login;
    private final Promise<BenchConnection> loggedIn;
    private final ReceivedLine line;
    private volatile FrameSink sink = FrameSink.IGNORE;
    private Channel channel;

    BenchConnection(String username, ChatWire wire, Promise<BenchConnection> loggedIn) {
        this.username = username;
        this.wire = wire;
        this.login = wire.login(username);
        this.loggedIn = loggedIn;
        this.line = wire.newLine();
    }

    String username() {
        return username;
    }

    Channel channel() {
        return channel;
    }

    Promise<BenchConnection> loggedIn() {
        return loggedIn;
    }

    void sink(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(login));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof ByteBuf frame)) {
                if (!loggedIn.isDone()) {
                    loggedIn.tryFailure(new BenchException(username + ": server answered raw text: " + text(msg)));
                    ctx.close();
                }
                return; // raw text after login: not something the scenarios count on
            }
            if (loggedIn.isDone() && sink.onRawFrame(frame)) {
                return;
            }
            if (!line.scan(frame)) {
                if (!loggedIn.isDone()) {
                    loggedIn.tryFailure(new BenchException(username + ": unreadable answer to the login"));
                    ctx.close();
                }
                return;
            }
            byte[] reply = wire.reply(line);
            if (reply != null) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(reply), ctx.voidPromise());
            } else if (loggedIn.isDone()) {
                sink.onFrame(line, frame);
            } else {
                loginAnswer(ctx);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void loginAnswer(ChannelHandlerContext ctx) {
        switch (wire.meaning(line)) {
            case WELCOME -> loggedIn.trySuccess(this);
            case ERROR -> {
                loggedIn.tryFailure(new BenchException(username + ": login refused: " + line.type() + " " + line.message()));
                ctx.close();
            }
            // Anything else before the welcome (a banner, a notice) is not the answer: keep waiting.
            default -> { }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        sink.onReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        loggedIn.tryFailure(new BenchException(username + ": connection closed before the login was accepted"));
        sink.onClosed(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        loggedIn.tryFailure(new BenchException(username + ": " + cause, cause));
        sink.onClosed(cause);
        ctx.close();
    }

    private static String text(Object msg) {
        return msg instanceof RawText raw ? raw.text() : String.valueOf(msg);
    }
}
