package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageDecoder;
import dev.obrol.protocol.MessageEncoder;
import dev.obrol.server.transfer.OfferBook;
import dev.obrol.server.transfer.TransferRelay;
import dev.obrol.testing.TrafficRecorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
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
        SessionRegistry registry = new SessionRegistry();
        OfferBook offers = new OfferBook();
        TrafficLog log = new TrafficLog(traffic.logger());
        Replies replies = new Replies(log);
        TransferRelay transfers = new TransferRelay(registry, log, Duration.ofMinutes(1));
        Logins logins = new Logins(registry, offers, log, replies, limits, transfers);
        PostOffice postOffice = new PostOffice(registry, offers, log, replies, limits, codec);
        MessageEncoder encoder = new MessageEncoder(codec);
        ServerHandler handler = new ServerHandler(new RequestDispatcher(logins, postOffice, transfers, log, replies), logins,
                replies, log, ServerTexts.forLocale(Locale.ENGLISH), Duration.ofSeconds(30), encoder);
        return new EmbeddedChannel(new JsonFrameDecoder(limits.maxFrameBytes()), new MessageDecoder(codec), encoder, handler);
    }
}
