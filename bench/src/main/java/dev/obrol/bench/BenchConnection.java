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
 * One bench client connection: sends the SET_USERNAME it was given, completes {@link #loggedIn}
 * on SUCCESS (fails it on ERROR or close), then hands every frame to its {@link FrameSink}. Frames
 * arrive from {@link LineFrames} as retained slices; this handler releases them. Runs on the
 * channel's event loop only; {@link #sink(FrameSink)} must be set before the login completes.
 */
final class BenchConnection extends ChannelInboundHandlerAdapter {
    private static final byte[] SUCCESS = FrameFields.bytes("SUCCESS");
    private static final byte[] ERROR = FrameFields.bytes("ERROR");

    private final String username;
    private final byte[] hello;
    private final Promise<BenchConnection> loggedIn;
    private final FrameFields fields = new FrameFields();
    private volatile FrameSink sink = FrameSink.IGNORE;
    private Channel channel;

    BenchConnection(String username, byte[] hello, Promise<BenchConnection> loggedIn) {
        this.username = username;
        this.hello = hello;
        this.loggedIn = loggedIn;
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
        ctx.writeAndFlush(Unpooled.wrappedBuffer(hello));
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
            if (!fields.scan(frame)) {
                if (!loggedIn.isDone()) {
                    loggedIn.tryFailure(new BenchException(username + ": unreadable answer to SET_USERNAME"));
                    ctx.close();
                }
                return;
            }
            if (loggedIn.isDone()) {
                sink.onFrame(fields, frame);
            } else if (fields.typeIs(SUCCESS)) {
                loggedIn.trySuccess(this);
            } else if (fields.typeIs(ERROR)) {
                loggedIn.tryFailure(new BenchException(username + ": login refused: " + fields.message()));
                ctx.close();
            }
            // Anything else before SUCCESS (e.g. a banner) is not the answer: keep waiting.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        sink.onReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        loggedIn.tryFailure(new BenchException(username + ": connection closed before SUCCESS"));
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
