package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.ServerMessage;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The confirmations stage on an EmbeddedChannel: which PONG and which ERROR answer which request. */
class ConfirmationsTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new Confirmations());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private CompletableFuture<Delivery> confirmed(ClientMessage message) {
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        channel.writeOutbound(new Confirmations.Confirmed(message, result));
        return result;
    }

    private List<Object> written() {
        List<Object> out = new ArrayList<>();
        for (Object m; (m = channel.readOutbound()) != null; ) {
            out.add(m);
        }
        return out;
    }

    private static ServerMessage.Error error(ErrorCode code) {
        return new ServerMessage.Error("no", code.wireName());
    }

    @Test
    void aRequestAnsweredOnlyByThePongAfterItWasDone() {
        CompletableFuture<Delivery> sut = confirmed(new ClientMessage.Msg("Bob", "hi"));

        assertThat(written()).containsExactly(new ClientMessage.Msg("Bob", "hi"), new ClientMessage.Ping());
        assertThat(sut).isNotDone();
        channel.writeInbound(new ServerMessage.Pong());
        assertThat(sut).isCompletedWithValue(Delivery.DONE);
        assertThat(channel.<Object>readInbound()).as("the PONG goes on to the keepalive stage").isInstanceOf(ServerMessage.Pong.class);
    }

    @Test
    void anErrorBeforeThatPongRefusedIt() {
        CompletableFuture<Delivery> sut = confirmed(new ClientMessage.Msg("Zaki", "hi"));

        channel.writeInbound(error(ErrorCode.NO_SUCH_USER), new ServerMessage.Pong());

        assertThat(sut).isCompletedWithValue(Delivery.REFUSED);
        assertThat(channel.<Object>readInbound()).as("the session still shows the error").isInstanceOf(ServerMessage.Error.class);
    }

    @Test
    void anErrorAboutSomethingSentBeforeIsNotBlamedOnIt() {
        channel.writeOutbound(new ClientMessage.Msg("Gone", "first"));
        CompletableFuture<Delivery> sut = confirmed(new ClientMessage.Msg("Bob", "second"));

        assertThat(written()).as("a PING first, so the confirmed request is alone between two").containsExactly(
                new ClientMessage.Msg("Gone", "first"), new ClientMessage.Ping(), new ClientMessage.Msg("Bob", "second"), new ClientMessage.Ping());
        channel.writeInbound(error(ErrorCode.NO_SUCH_USER), new ServerMessage.Pong(), new ServerMessage.Pong());
        assertThat(sut).isCompletedWithValue(Delivery.DONE);
    }

    @Test
    void theKeepalivesPingsArePairedWithTheirPongsToo() {
        channel.writeOutbound(new ClientMessage.Ping()); // the keepalive stage's, written from the tail
        CompletableFuture<Delivery> sut = confirmed(new ClientMessage.Msg("Zaki", "hi"));

        channel.writeInbound(new ServerMessage.Pong());
        assertThat(sut).as("that PONG answered the keepalive").isNotDone();
        channel.writeInbound(error(ErrorCode.NO_SUCH_USER), new ServerMessage.Pong());
        assertThat(sut).isCompletedWithValue(Delivery.REFUSED);
    }

    @Test
    void afterARequestDroppedForTheRateNothingCanBePairedAnyMore() {
        CompletableFuture<Delivery> waiting = confirmed(new ClientMessage.Msg("Bob", "hi"));

        channel.writeInbound(error(ErrorCode.RATE_LIMITED));
        CompletableFuture<Delivery> later = confirmed(new ClientMessage.Msg("Bob", "again"));

        assertThat(waiting).isCompletedWithValue(Delivery.UNKNOWN);
        assertThat(later).isCompletedWithValue(Delivery.UNKNOWN);
    }

    @Test
    void theConnectionClosingLeavesNobodyWaiting() {
        CompletableFuture<Delivery> sut = confirmed(new ClientMessage.Msg("Bob", "hi"));

        channel.close();

        assertThat(sut).isCompletedWithValue(Delivery.UNKNOWN);
    }
}
