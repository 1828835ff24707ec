package dev.obrol.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;

/**
 * Chooses a new connection's pipeline from its first bytes, as Netty's port-unification example
 * does: an HTTP request line (a browser; the web client plugs in there) or, for anything else, the
 * JSON chat protocol that v1 and obrol clients speak. A JSON client's first byte is {@code {}, so
 * it is chosen at once and pays no delay; only bytes that could still begin an HTTP method ({@code
 * G}, {@code GE}, ...) wait for the next read.
 *
 * <p>It holds back {@code channelActive} until it has chosen, so the chosen stages see the
 * connection open as if they had been there from the start, then removes itself, passing on what
 * it read. A peer that sends nothing is given to the JSON pipeline when the login time is up, whose
 * login deadline (counted from {@link #ACCEPTED}) then closes it with the usual reason.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {
    /** When the connection was accepted (System.nanoTime()), for deadlines that count from accept. */
    static final AttributeKey<Long> ACCEPTED = AttributeKey.valueOf(ProtocolSniffer.class, "accepted");

    /** What the first bytes say. */
    enum Choice {
        JSON,
        HTTP,
        UNDECIDED
    }

    private static final byte[][] HTTP_METHODS = methods("GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ",
            "CONNECT ", "TRACE ");

    /** Installs the stages of a choice after the sniffer. */
    interface Pipelines {
        void json(ChannelHandlerContext sniffer);

        void http(ChannelHandlerContext sniffer);
    }

    private final Pipelines pipelines;
    private final long waitNanos;
    private ScheduledFuture<?> timeout;
    private boolean chosen;

    ProtocolSniffer(Pipelines pipelines, long waitNanos) {
        this.pipelines = pipelines;
        this.waitNanos = waitNanos;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().attr(ACCEPTED).set(System.nanoTime());
        // Held back: fired once the chosen stages are in place.
        timeout = ctx.executor().schedule(() -> choose(ctx, Choice.JSON, false), waitNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Closed before its first bytes (a port scanner, a client that gave up): the chat pipeline, the
     * default, takes it first, so the traffic log has the connection and its end like any other.
     * Only reached while still sniffing: once it has chosen, the sniffer is gone from the pipeline.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        choose(ctx, Choice.JSON, true);
        ctx.fireChannelInactive(); // a removed stage's context still passes events on to the next ones
    }

    /**
     * A failure before the first bytes (a plain-text client on a TLS port fails the handshake):
     * the chat pipeline, the default, takes the connection, so the traffic log has it and its
     * reason as it has any other. Only reached while still sniffing.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The handshake failure may have closed the channel already: the chat stages take it even so.
        choose(ctx, Choice.JSON, true);
        ctx.fireExceptionCaught(cause);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        Choice choice = classify(in);
        if (choice != Choice.UNDECIDED) {
            choose(ctx, choice, false);
        }
    }

    private void choose(ChannelHandlerContext ctx, Choice choice, boolean evenIfClosed) {
        if (chosen || !evenIfClosed && !ctx.channel().isActive()) {
            return;
        }
        chosen = true;
        cancelTimeout();
        if (choice == Choice.HTTP) {
            pipelines.http(ctx);
        } else {
            pipelines.json(ctx);
        }
        ctx.fireChannelActive();
        ctx.pipeline().remove(this); // hands on the bytes read so far
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    /** HTTP if the bytes begin with a request method and a space, JSON if they cannot, else undecided. */
    static Choice classify(ByteBuf in) {
        int readable = in.readableBytes();
        if (readable == 0) {
            return Choice.UNDECIDED;
        }
        int start = in.readerIndex();
        boolean couldStillBe = false;
        for (byte[] method : HTTP_METHODS) {
            int n = Math.min(readable, method.length);
            boolean prefix = true;
            for (int i = 0; i < n && prefix; i++) {
                prefix = in.getByte(start + i) == method[i];
            }
            if (prefix && n == method.length) {
                return Choice.HTTP;
            }
            couldStillBe |= prefix;
        }
        return couldStillBe ? Choice.UNDECIDED : Choice.JSON;
    }

    private static byte[][] methods(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
