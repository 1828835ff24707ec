package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerMsgWriterTest {
    private final MessageCodec codec = new MessageCodec();

    @ParameterizedTest
    @ValueSource(strings = {
        "Hello Bob, how are you?",
        "",
        "quotes \" and \\ backslashes / slashes",
        "control \u0000 \u001b[31m \n \t \u007f",
        "Halo 👋🏽 مرحبا 你好 \u202Eevil",
        "plain ASCII: {braces} [brackets] ~tilde~ 'single' <tags> & 100% ok?",
        "x",
        "apa kabar? baik?",
    })
    void writesExactlyWhatTheGenericEncoderWrites(String text) throws Exception {
        ServerMessage.PeerMsg message = new ServerMessage.PeerMsg("Siti_2", text);
        ByteBuf out = Unpooled.buffer();
        try {
            PeerMsgWriter.write(message, out);
            String fast = out.toString(StandardCharsets.UTF_8);
            assertThat(fast).isEqualTo(new String(codec.encode(message), StandardCharsets.UTF_8));
            assertThat(codec.decode(fast.getBytes(StandardCharsets.UTF_8))).isEqualTo(message);
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Siti", "Dédé", "田中", "a\"b", "tab\there"})
    void escapesTheSenderNameAsTheGenericEncoderDoes(String from) {
        ServerMessage.PeerMsg message = new ServerMessage.PeerMsg(from, "hi");
        ByteBuf out = Unpooled.buffer();
        try {
            PeerMsgWriter.write(message, out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(new String(codec.encode(message), StandardCharsets.UTF_8));
        } finally {
            out.release();
        }
    }
}
