package dev.obrol.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.RawText;
import dev.obrol.protocol.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private final Handshake sut = new Handshake("Alice", "id");

    @Test
    void requestAnnouncesTheObrolExtensions() {
        ClientMessage.SetUsername request = sut.request();

        assertThat(request.username()).isEqualTo("Alice");
        assertThat(request.protocol()).isEqualTo(2);
        assertThat(request.client()).startsWith("obrol/");
        assertThat(request.lang()).isEqualTo("id");
        assertThat(request.features()).isNotNull();
    }

    @Test
    void requestAnnouncesWatchAndPresenceBatchSoABusyServerTellsOfWatchedPeopleInBatches() {
        assertThat(sut.request().features()).contains("watch", "presence_batch", "presence", "list_self");
    }

    @Test
    void successWithOnlyAMessageMeansAV1Server() {
        HandshakeOutcome outcome = sut.onMessage(ServerMessage.Success.v1("Selamat datang, Alice!")).orElseThrow();

        assertThat(outcome).isInstanceOf(HandshakeOutcome.Accepted.class);
        ServerInfo server = ((HandshakeOutcome.Accepted) outcome).server();
        assertThat(server.v1()).as("no protocol field: v1-server mode").isTrue();
        assertThat(server.limits().maxFrameBytes()).isEqualTo(Limits.V1_MAX_FRAME_BYTES);
    }

    @Test
    void successWithLimitsMeansAnObrolServerAndItsLimits() {
        Limits announced = new Limits(1_000_000, 500, 2048);
        HandshakeOutcome outcome = sut.onMessage(new ServerMessage.Success("Welcome, Alice!", 2, "obrol/1", announced, List.of("presence")))
                .orElseThrow();

        ServerInfo server = ((HandshakeOutcome.Accepted) outcome).server();
        assertThat(server.v1()).isFalse();
        assertThat(server.limits()).isEqualTo(announced);
        assertThat(server.features()).containsExactly("presence");
    }

    @Test
    void anObrolServerThatLeavesLimitsOutGetsTheDefaults() {
        HandshakeOutcome outcome = sut.onMessage(new ServerMessage.Success("Hi", 2, null, null, null)).orElseThrow();

        assertThat(((HandshakeOutcome.Accepted) outcome).server().limits()).isEqualTo(Limits.defaults());
    }

    @Test
    void takenOrInvalidNameLetsTheUserTryAnother() {
        assertThat(new Handshake("a", "en").onMessage(new ServerMessage.Error("Username \"a\" sudah digunakan.", null)))
                .as("v1 sends no code").get().isInstanceOf(HandshakeOutcome.NameRefused.class);
        assertThat(new Handshake("a", "en").onMessage(new ServerMessage.Error("taken", "USERNAME_TAKEN")))
                .get().isInstanceOf(HandshakeOutcome.NameRefused.class);
        assertThat(new Handshake("a", "en").onMessage(new ServerMessage.Error("bad", "INVALID_USERNAME")))
                .get().isInstanceOf(HandshakeOutcome.NameRefused.class);
    }

    @Test
    void anErrorNotAboutTheNameFails() {
        assertThat(sut.onMessage(new ServerMessage.Error("Shutting down", "SHUTDOWN")))
                .get().isEqualTo(new HandshakeOutcome.Failed("Shutting down", "SHUTDOWN"));
        assertThat(new Handshake("a", "en").onMessage(new ServerMessage.Error("full", "TOO_MANY_CONNECTIONS")))
                .as("a full server: another name would not help").get().isEqualTo(new HandshakeOutcome.Failed("full", "TOO_MANY_CONNECTIONS"));
    }

    @Test
    void badPasswordLetsTheUserTryAnotherPasswordAndTheRequestCarriesIt() {
        assertThat(sut.onMessage(new ServerMessage.Error("wrong", "BAD_PASSWORD")))
                .get().isInstanceOf(HandshakeOutcome.PasswordRefused.class);
        assertThat(sut.request().password()).as("no password unless given").isNull();
        assertThat(sut.request().withPassword("pw").password()).isEqualTo("pw");
    }

    @Test
    void requestPromisesKeepaliveAndTheAnnouncedIdleTimeoutIsKept() {
        assertThat(sut.request().hasFeature("keepalive")).isTrue();
        Limits announced = Limits.defaults().announcing(50, 90);
        HandshakeOutcome outcome = sut.onMessage(new ServerMessage.Success("Hi", 2, "obrol/1", announced, List.of())).orElseThrow();
        assertThat(((HandshakeOutcome.Accepted) outcome).server().limits().idleTimeoutSeconds())
                .as("the keepalive stage needs it").isEqualTo(90);
    }

    @Test
    void closingBeforeAnAnswerFails() {
        assertThat(sut.onClosed()).isInstanceOf(HandshakeOutcome.Failed.class);
    }

    @Test
    void theFirstAnswerDecidesAndLaterOnesDoNotChangeIt() {
        sut.onMessage(new RawText("noise"));
        assertThat(sut.outcome()).as("raw text is not an answer").isEmpty();

        sut.onMessage(ServerMessage.Success.v1("ok"));
        sut.onMessage(new ServerMessage.Error("late", null));
        sut.onClosed();

        assertThat(sut.outcome()).get().isInstanceOf(HandshakeOutcome.Accepted.class);
    }

    @Test
    void pipelineReadsAV1AnswerAndWhatFollowsItBackToBackWithoutNewlines() {
        InboundRouter router = new InboundRouter(sut);
        EmbeddedChannel channel = new EmbeddedChannel();
        ClientInitializer.configure(channel.pipeline(), router);

        // v1 writes objects with no delimiter; two may arrive in one read, split anywhere.
        String wire = "{\"type\": \"SUCCESS\", \"message\": \"Selamat datang, Alice!\"}"
                + "{\"type\": \"PEER_MSG\", \"from_username\": \"Bob\", \"message\": \"hai 👋\"}"
                + "{\"type\": \"SOMETHING_NEW\", \"x\": 1}not json";
        byte[] bytes = wire.getBytes(UTF_8);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, 30));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 30, bytes.length - 30));

        assertThat(router.outcome()).isCompleted();
        assertThat(router.outcome().join()).isInstanceOf(HandshakeOutcome.Accepted.class);

        List<Object> delivered = new ArrayList<>();
        router.attach(new SessionListener() {
            @Override public void onMessage(Object message) { delivered.add(message); }
            @Override public void onClosed() { delivered.add("closed"); }
        });
        assertThat(delivered).as("what came after SUCCESS is held for the session, in order").containsExactly(
                new ServerMessage.PeerMsg("Bob", "hai 👋"),
                new RawText("{\"type\": \"SOMETHING_NEW\", \"x\": 1}"),
                new RawText("not json"));

        channel.close();
        assertThat(delivered).last().isEqualTo("closed");
    }

    @Test
    void pipelineWritesTheRequestAsOneJsonLine() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ClientInitializer.configure(channel.pipeline(), new InboundRouter(sut));

        channel.writeOutbound(sut.request());
        ByteBuf written = channel.readOutbound();
        try {
            String line = written.toString(UTF_8);
            assertThat(line).endsWith("}\n").startsWith("{").contains("\"type\":\"SET_USERNAME\"", "\"username\":\"Alice\"");
            assertThat(line.indexOf('\n')).as("exactly one line").isEqualTo(line.length() - 1);
        } finally {
            written.release();
        }
        Object next = channel.readOutbound();
        assertThat(next).as("one object per write").isNull();
        channel.finishAndReleaseAll();
    }
}
