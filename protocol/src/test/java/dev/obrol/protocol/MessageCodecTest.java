package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obrol.protocol.ClientMessage.FileResponse;
import dev.obrol.protocol.ClientMessage.ListRequest;
import dev.obrol.protocol.ClientMessage.Msg;
import dev.obrol.protocol.ClientMessage.SetUsername;
import dev.obrol.protocol.ServerMessage.ClientList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private final MessageCodec sut = new MessageCodec();

    @Test
    void decodesV1Messages() throws Exception {
        assertThat(decode("{\"type\": \"SET_USERNAME\", \"username\": \"Alice\"}")).isEqualTo(SetUsername.v1("Alice"));
        assertThat(decode("{\"type\": \"MSG\", \"to_username\": \"Bob\", \"message\": \"Hi\"}"))
                .isEqualTo(new Msg("Bob", "Hi"));
        assertThat(decode("{\"type\": \"LIST\"}")).isEqualTo(new ListRequest());
        assertThat(decode("{\"type\": \"FILE_RESPONSE\", \"from_username\": \"A\", \"accepted\": true, \"filename\": \"f\"}"))
                .isEqualTo(new FileResponse("A", true, "f"));
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() throws Exception {
        assertThat(decode("{\"type\":\"LIST\",\"future\":{\"x\":[1,2]}}")).isEqualTo(new ListRequest());
    }

    @Test
    void v1FieldsOnlyAreWrittenWhenExtensionsAreAbsent() {
        String json = encode(ServerMessage.Success.v1("Selamat datang, Alice!"));
        assertThat(json).as("a v1 client sees exactly the fields it knows")
                .isEqualTo("{\"type\":\"SUCCESS\",\"message\":\"Selamat datang, Alice!\"}");
        assertThat(encode(new ClientList(List.of(new ClientList.Entry("Bob", null)))))
                .isEqualTo("{\"type\":\"CLIENT_LIST\",\"clients\":[{\"username\":\"Bob\"}]}");
    }

    @Test
    void unicodeRoundTripsUnchangedAndNonBmpIsRawUtf8() throws Exception {
        String text = "Halo, apa kabar? 👋🏽 مرحبا \u202Eevil";
        String json = encode(new Msg("Bob", text));
        assertThat(json).contains("👋🏽");
        assertThat(decode(json)).isEqualTo(new Msg("Bob", text));
    }

    @Test
    void unknownTypeIsRefusedWithItsName() {
        assertThatThrownBy(() -> decode("{\"type\":\"NOPE\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
                    assertThat(e.getMessage()).contains("NOPE");
                });
    }

    @Test
    void missingTypeIsRefused() {
        assertThatThrownBy(() -> decode("{\"message\":\"x\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.getMessage()).contains("type"));
    }

    @Test
    void missingRequiredFieldIsNamed() {
        assertThatThrownBy(() -> decode("{\"type\":\"MSG\",\"to_username\":\"Bob\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_FIELD);
                    assertThat(e.getMessage()).isEqualTo("Missing field 'message'.");
                });
    }

    @Test
    void wrongFieldTypesAreRefusedNotCoerced() {
        assertThatThrownBy(() -> decode("{\"type\":\"MSG\",\"to_username\":5,\"message\":\"x\"}"))
                .as("a number is not a username")
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FIELD));
        assertThatThrownBy(() -> decode("{\"type\":\"FILE_RESPONSE\",\"from_username\":\"A\",\"accepted\":\"yes\"}"))
                .as("a string is not a boolean")
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.getMessage()).contains("accepted"));
        assertThatThrownBy(() -> decode("{\"type\":\"MSG\",\"to_username\":{\"x\":1},\"message\":\"x\"}"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void malformedJsonIsRefusedWithoutInternals() {
        assertThatThrownBy(() -> decode("{\"type\":\"MSG\",}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED);
                    assertThat(e.getMessage()).doesNotContain("dev.obrol").doesNotContain("Exception");
                });
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> decode("{\"type\":\"MSG\",\"to_username\":\"a\",\"to_username\":\"b\",\"message\":\"x\"}"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"type\":\"LIST\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertThatThrownBy(() -> decode(deep)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void loneSurrogatesAreRefusedBecauseTheyCouldNotBeWrittenToTheReceiver() {
        assertThatThrownBy(() -> decode("{\"type\":\"MSG\",\"to_username\":\"Bob\",\"message\":\"x\\ud800y\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_FIELD);
                    assertThat(e.getMessage()).isEqualTo("Field 'message' is not valid Unicode text.");
                });
        assertThatThrownBy(() -> decode("{\"type\":\"MSG\",\"to_username\":\"Bob\",\"message\":\"\\udc00\"}"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void escapedSurrogatePairsAreAccepted() throws Exception {
        assertThat(decode("{\"type\":\"MSG\",\"to_username\":\"Bob\",\"message\":\"\\ud83d\\ude00\"}"))
                .isEqualTo(new Msg("Bob", "😀"));
    }

    private Message decode(String json) throws ProtocolException {
        return sut.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private String encode(Message m) {
        return new String(sut.encode(m), StandardCharsets.UTF_8);
    }
}
