package dev.obrol.server.transfer;

import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.MessageDecoder.DecodeFailure;
import dev.obrol.protocol.TransferMessage;
import dev.obrol.server.Session;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Pipeline stage for the flow-controlled part of streamed transfers: file chunks and their
 * acknowledgements go straight to the {@link TransferRelay}. It sits before any per-request rate
 * limit on purpose: the window already bounds them (a rate limit would cap file throughput at a
 * few chunks per second). Anything it cannot relay (a chunk for a transfer that is not the
 * sender's, anything before login) continues down the pipeline as a refusal, so it is answered,
 * and rate limited, like any other bad request. Sharable.
 */
@ChannelHandler.Sharable
public final class TransferStage extends ChannelInboundHandlerAdapter {
    private final TransferRelay relay;

    public TransferStage(TransferRelay relay) {
        this.relay = relay;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Session session = Session.of(ctx.channel());
        boolean loggedIn = session != null && session.isLoggedIn();
        if (msg instanceof FileChunk chunk) {
            // The texts below are the operator's detail; the dispatcher tells the user in their language.
            if (!loggedIn) {
                chunk.release();
                ctx.fireChannelRead(new DecodeFailure(ErrorCode.NOT_LOGGED_IN, "Log in before sending files."));
            } else if (!relay.chunk(session, chunk)) {
                ctx.fireChannelRead(new DecodeFailure(ErrorCode.NO_SUCH_TRANSFER,
                        "FILE_CHUNK for transfer " + chunk.transferId() + ", which you are not sending."));
            }
        } else if (msg instanceof TransferMessage.Ack ack && loggedIn && relay.control(session, ack)) {
            return; // relayed; a refused one goes on to the dispatcher, which answers it
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
