package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.protocol.JsonLines;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageDecoder;
import dev.obrol.protocol.MessageEncoder;
import dev.obrol.testing.TrafficRecorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The login deadline must not outlive its purpose: a timer per connection that holds its session
 * until it fires kept every closed connection of the last 30 seconds in memory (seen as heap per
 * connection tripling when clients came and went in the connections benchmark). The close path
 * cancels it too; an embedded channel cancels its timers itself on close, so that path is not
 * testable here.
 */
class LoginDeadlineTest {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private final EmbeddedChannel sut = channel();

    @AfterEach
    void close() {
        sut.finishAndReleaseAll();
    }

    @Test
    void theDeadlineIsCancelledAtLogin() {
        assertThat(sut.runScheduledPendingTasks()).as("a deadline is set when the connection opens").isPositive();

        sut.writeInbound(Unpooled.copiedBuffer("{\"type\":\"SET_USERNAME\",\"username\":\"Budi\"}", StandardCharsets.UTF_8));

        assertThat(Session.of(sut).isLoggedIn()).isTrue();
        assertThat(sut.runScheduledPendingTasks()).as("no timer left once logged in").isEqualTo(-1);
    }

    private EmbeddedChannel channel() {
        Limits limits = Limits.defaults();
        MessageCodec codec = new MessageCodec(limits.maxFrameBytes());
        MessageEncoder encoder = new MessageEncoder(codec);
        ServerHandler handler = HandlerWiring.handler(limits, codec, new JsonLines(codec), traffic.logger(), Duration.ofSeconds(30));
        return new EmbeddedChannel(new JsonFrameDecoder(limits.maxFrameBytes()), new MessageDecoder(codec), encoder, handler);
    }
}
