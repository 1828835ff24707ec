package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.protocol.JsonLines;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageDecoder;
import dev.obrol.protocol.MessageEncoder;
import dev.obrol.testing.TrafficRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fuzzes the server's message handling behind the framing: two logged-in users, then arbitrary
 * bytes from one of them. Properties: no request makes the server hit an unexpected error (which
 * would close the connection as "internal error"), every reply is one valid JSON object per line,
 * and nothing leaks. Corpus in src/test/resources; {@code JAZZER_FUZZ=1} fuzzes.
 */
class DispatchFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TrafficRecorder TRAFFIC = new TrafficRecorder();

    @FuzzTest(maxDuration = "30s")
    void anyRequestGetsAWellFormedAnswerAndNoInternalError(FuzzedDataProvider data) throws Exception {
        Limits limits = new Limits(4096, 1024, 2048);
        MessageCodec codec = new MessageCodec(limits.maxFrameBytes());
        ServerHandler handler = HandlerWiring.handler(limits, codec, new JsonLines(codec), TRAFFIC.logger(), Duration.ofMinutes(1));

        EmbeddedChannel bob = channel(limits, codec, handler);
        EmbeddedChannel alice = channel(limits, codec, handler);
        try {
            bob.writeInbound(bytes("{\"type\":\"SET_USERNAME\",\"username\":\"Bob\",\"protocol\":2}"));
            alice.writeInbound(bytes(data.consumeBoolean()
                    ? "{\"type\":\"SET_USERNAME\",\"username\":\"Alice\",\"protocol\":2,\"features\":[\"keepalive\"]}"
                    : "{\"type\":\"SET_USERNAME\",\"username\":\"Alice\"}"));
            try {
                alice.writeInbound(Unpooled.wrappedBuffer(data.consumeRemainingAsBytes()));
            } catch (io.netty.handler.codec.DecoderException expected) {
                // a frame over the limit: the handler replied and closed; checked below
            }
            Session session = alice.attr(Session.KEY).get();
            assertThat(session.closeReason()).as("no request may cause an internal error").isNotEqualTo("internal error");
            checkReplies(alice);
            checkReplies(bob);
        } finally {
            alice.finishAndReleaseAll();
            bob.finishAndReleaseAll();
        }
    }

    private static EmbeddedChannel channel(Limits limits, MessageCodec codec, ServerHandler handler) {
        return new EmbeddedChannel(new JsonFrameDecoder(limits.maxFrameBytes()), new MessageDecoder(codec),
                new MessageEncoder(codec), handler);
    }

    private static void checkReplies(EmbeddedChannel channel) throws Exception {
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            try {
                String written = out.toString(StandardCharsets.UTF_8);
                if (written.isEmpty()) {
                    continue; // the outbox's marker write before a close
                }
                // One write may hold several lines (the outbox batches them for obrol clients).
                assertThat(written).endsWith("\n");
                for (String line : written.substring(0, written.length() - 1).split("\n", -1)) {
                    assertThat(JSON.readTree(line).isObject()).as("one JSON object per line: %s", line).isTrue();
                }
            } finally {
                out.release();
            }
        }
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
