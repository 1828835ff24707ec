package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.server.ProtocolSniffer.Choice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which pipeline the first bytes of a connection choose. */
class ProtocolSnifferTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"SET_USERNAME\"|JSON",
        "{|JSON",
        " {|JSON",
        "GET / HTTP/1.1|HTTP",
        "'GET '|HTTP",
        "HEAD / HTTP/1.1|HTTP",
        "OPTIONS * HTTP/1.1|HTTP",
        "G|UNDECIDED",
        "GE|UNDECIDED",
        "GET|UNDECIDED",
        "OPT|UNDECIDED",
        "GETX|JSON",
        "hello|JSON",
        "get / HTTP/1.1|JSON",
    })
    void firstBytesChooseThePipeline(String firstBytes, Choice expected) {
        ByteBuf in = Unpooled.copiedBuffer(firstBytes, StandardCharsets.UTF_8);
        try {
            assertThat(ProtocolSniffer.classify(in)).as("choice for %s", firstBytes).isEqualTo(expected);
            assertThat(in.readerIndex()).as("sniffing reads nothing").isZero();
        } finally {
            in.release();
        }
    }
}
