package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalMsgTest {
    private final MessageCodec codec = new MessageCodec();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"hi\"}",
        "{\"type\": \"MSG\", \"to_username\": \"Bob\", \"message\": \"Hello Bob, how are you?\"}", // v1's Python client
        " {\n\t\"type\" : \"MSG\" ,\r\n \"to_username\" :\"b\", \"message\":\"{[x]} ~ / 'q'\" } ",
        "{\"type\":\"MSG\",\"to_username\":\"\",\"message\":\"\"}",
    })
    void readsTheCanonicalShapeAsJacksonDoes(String json) throws Exception {
        ClientMessage.Msg fast = CanonicalMsg.parse(bytes(json), 0, bytes(json).length);
        assertThat(fast).as("taken by the fast path").isNotNull();
        assertThat(fast).isEqualTo(codec.decode(bytes(json)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"MSG\",\"message\":\"hi\",\"to_username\":\"bob\"}", // other order
        "{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"hi\",\"x\":1}", // extra field
        "{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"line\\nbreak\"}", // escape
        "{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"caf\u00e9\"}", // non-ASCII
        "{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"tab\there\"}", // raw control character
        "{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":12}", // wrong type
        "{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"hi\"", // unfinished
        "{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"hi\"}}", // trailing token
        "{\"type\":\"MSG\",\"to_username\":\"bob\"}", // missing field
        "{\"type\":\"MSGX\",\"to_username\":\"bob\",\"message\":\"hi\"}",
        "{\"type\":\"LIST\"}",
        "{}",
    })
    void leavesEveryOtherShapeToTheGeneralPath(String json) {
        assertThat(CanonicalMsg.parse(bytes(json), 0, bytes(json).length)).isNull();
    }

    @Test
    void readsADirectBufferAndLeavesItsReaderIndexAlone() {
        ByteBuf frame = Unpooled.directBuffer();
        try {
            frame.writeBytes(bytes("xx{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"hi\"}")).skipBytes(2);
            assertThat(CanonicalMsg.parse(frame)).isEqualTo(new ClientMessage.Msg("bob", "hi"));
            assertThat(frame.readerIndex()).isEqualTo(2);
        } finally {
            frame.release();
        }
    }

    /** Mutations of canonical frames: whenever the fast path accepts one, Jackson must read the same message. */
    @Test
    void neverDisagreesWithJacksonOnMutatedFrames() {
        Random random = new Random(42);
        String alphabet = " \t\n\"\\{}[]:,abcMSGtypeo_usrnm\u00e9\u0001x1";
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder json = new StringBuilder("{\"type\":\"MSG\",\"to_username\":\"bob\",\"message\":\"hello there\"}");
            for (int m = random.nextInt(3); m >= 0; m--) {
                int at = random.nextInt(json.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> json.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (at < json.length()) json.deleteCharAt(at); }
                    default -> { if (at < json.length()) json.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
                }
            }
            byte[] bytes = bytes(json.toString());
            ClientMessage.Msg fast = CanonicalMsg.parse(bytes, 0, bytes.length);
            if (fast != null) {
                accepted++;
                Message general;
                try {
                    general = codec.decode(bytes);
                } catch (ProtocolException e) {
                    throw new AssertionError("fast path accepted what Jackson refuses: " + json, e);
                }
                assertThat(fast).as("same message for %s", json).isEqualTo(general);
            }
        }
        assertThat(accepted).as("the mutations exercised the fast path").isGreaterThan(1000);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
