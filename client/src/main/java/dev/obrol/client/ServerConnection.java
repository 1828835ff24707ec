package dev.obrol.client;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.FileChunk;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One open connection to the server. Every message is written and flushed on its own, so no two
 * objects share a write (a v1 server cannot parse two objects in one read). Toward a v1 server it
 * also waits for each write to reach the socket before the next, which keeps them in separate
 * segments as far as the client can. Thread-safe; writes keep their order.
 */
public final class ServerConnection implements Outbound {
    private static final long WRITE_WAIT_SECONDS = 10;

    private final Channel channel;
    private volatile boolean pace;
    private volatile ChannelFuture lastWrite;

    ServerConnection(Channel channel) {
        this.channel = channel;
    }

    /** Waits for each write before the next: for v1 servers, which parse one read at a time. */
    public void paceWrites(boolean pace) {
        this.pace = pace;
    }

    @Override
    public synchronized void send(ClientMessage message) {
        ChannelFuture write = channel.writeAndFlush(message);
        lastWrite = write;
        if (pace) {
            write.awaitUninterruptibly(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized CompletableFuture<Delivery> sendConfirmed(ClientMessage message) {
        if (pace) { // a v1 server answers no PING: nothing to confirm with
            send(message);
            return CompletableFuture.completedFuture(Delivery.UNKNOWN);
        }
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        ChannelFuture write = channel.writeAndFlush(new Confirmations.Confirmed(message, result));
        lastWrite = write;
        // A write that fails (the connection closing) never reaches the stage that would answer.
        write.addListener(done -> {
            if (!done.isSuccess()) {
                result.complete(Delivery.UNKNOWN);
            }
        });
        return result;
    }

    @Override
    public void sendChunk(FileChunk chunk) {
        // Not synchronized with send(): a chat line must not wait behind a file. The sender's
        // flow-control window bounds how many chunks are queued here at once.
        channel.writeAndFlush(chunk);
    }

    @Override
    public void finish() {
        ChannelFuture last = lastWrite;
        if (last != null) {
            last.awaitUninterruptibly(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        close();
    }

    /** Closes at once; what was already written stays written. */
    public void close() {
        channel.close().awaitUninterruptibly(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
