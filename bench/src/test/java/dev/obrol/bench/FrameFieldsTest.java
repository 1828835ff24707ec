package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The allocation-free field scan the receivers use instead of Jackson. */
class FrameFieldsTest {
    private final FrameFields sut = new FrameFields();

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void findsTypeAndMessageInAnyOrderAndSpacing() {
        ByteBuf frame = buf("{ \"message\" : \"12.345.xx\", \"from_username\": \"a\", \"type\": \"PEER_MSG\" }");

        assertThat(sut.scan(frame)).as("scans").isTrue();
        assertThat(sut.typeIs(FrameFields.bytes("PEER_MSG"))).as("type").isTrue();
        assertThat(sut.message()).isEqualTo("12.345.xx");
        assertThat(Payload.seq(sut.bytes(), sut.messageStart(), sut.messageEnd())).isEqualTo(12);
        assertThat(Payload.intended(sut.bytes(), sut.messageStart(), sut.messageEnd())).isEqualTo(345);
        frame.release();
    }

    @Test
    void skipsNestedValuesNumbersAndEscapedQuotes() {
        ByteBuf frame = buf("{\"type\":\"SUCCESS\",\"protocol\":2,\"limits\":{\"message\":\"nested\",\"n\":[1,{\"x\":\"}\"}]},"
                + "\"ok\":true,\"message\":\"Selamat \\\"datang\\\"\"}");

        assertThat(sut.scan(frame)).as("scans").isTrue();
        assertThat(sut.type()).isEqualTo("SUCCESS");
        assertThat(sut.message()).as("top-level message, not the nested one").isEqualTo("Selamat \\\"datang\\\"");
        frame.release();
    }

    @Test
    void anEscapedBackslashBeforeTheClosingQuoteEndsTheString() {
        ByteBuf frame = buf("{\"message\":\"ends in \\\\\",\"type\":\"PEER_MSG\"}");

        assertThat(sut.scan(frame)).as("scans").isTrue();
        assertThat(sut.message()).isEqualTo("ends in \\\\");
        assertThat(sut.typeIs(FrameFields.bytes("PEER_MSG"))).as("the field after it is found").isTrue();
        frame.release();
    }

    @Test
    void rejectsWhatIsNotAnObject() {
        ByteBuf frame = buf("[1,2]");
        assertThat(sut.scan(frame)).isFalse();
        frame.release();
    }

    @Test
    void payloadRoundTripsAtTheRequestedSize() {
        ByteBuf out = Unpooled.buffer();
        Payload.write(out, 987654321L, 1234567890123L, 100);

        assertThat(out.readableBytes()).as("size").isEqualTo(100);
        byte[] bytes = io.netty.buffer.ByteBufUtil.getBytes(out);
        assertThat(Payload.seq(bytes, 0, 100)).isEqualTo(987654321L);
        assertThat(Payload.intended(bytes, 0, 100)).isEqualTo(1234567890123L);
        out.release();
    }
}
