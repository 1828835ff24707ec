package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.ServerMessage;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The keepalive stage on an EmbeddedChannel with frozen time: pings after a third of the idle timeout of silence. */
class KeepaliveTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();

    KeepaliveTest() {
        channel.freezeTime();
        channel.pipeline().addLast("keepalive", new Keepalive());
    }

    private static ServerMessage.Success success(Integer idleSeconds) {
        return new ServerMessage.Success("Hi", 2, "obrol/1", Limits.defaults().announcing(null, idleSeconds), List.of());
    }

    @Test
    void pingsWhenNothingWasWrittenForAThirdOfTheIdleTimeout() {
        channel.writeInbound(success(9));
        assertThat(channel.<Object>readInbound()).as("SUCCESS goes on to the handshake").isInstanceOf(ServerMessage.Success.class);

        channel.advanceTimeBy(2_900, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.<Object>readOutbound()).as("not yet: under 3 s of silence").isNull();

        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.<Object>readOutbound()).isInstanceOf(ClientMessage.Ping.class);

        channel.advanceTimeBy(2_000, TimeUnit.MILLISECONDS);
        channel.writeOutbound(new ClientMessage.ListRequest());
        channel.readOutbound();
        channel.advanceTimeBy(2_000, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.<Object>readOutbound()).as("anything written counts as a sign of life").isNull();

        channel.writeInbound(new ServerMessage.Pong());
        assertThat(channel.<Object>readInbound()).as("PONGs end at the keepalive stage").isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void noAnnouncedIdleTimeoutMeansNoPings() {
        channel.writeInbound(success(null));
        channel.readInbound();
        channel.advanceTimeBy(1, TimeUnit.HOURS);
        channel.runScheduledPendingTasks();

        assertThat(channel.pipeline().get("idle")).isNull();
        assertThat(channel.<Object>readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void theIntervalIsAThirdOfTheTimeout() {
        assertThat(Keepalive.intervalMillis(Limits.defaults().announcing(null, 90))).isEqualTo(30_000);
        assertThat(Keepalive.intervalMillis(Limits.defaults().announcing(null, 0))).isZero();
        assertThat(Keepalive.intervalMillis(null)).isZero();
    }
}
