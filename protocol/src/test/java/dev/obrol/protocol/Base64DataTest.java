package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64DataTest {

    @Test
    void decodedSizeMatchesTheJdkDecoderForEveryLength() {
        Random random = new Random(42);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[n];
            random.nextBytes(data);
            String padded = Base64.getEncoder().encodeToString(data);
            String unpadded = Base64.getEncoder().withoutPadding().encodeToString(data);
            assertThat(Base64Data.decodedSize(padded)).as("padded, %d bytes", n).isEqualTo(n);
            assertThat(Base64Data.decodedSize(unpadded)).as("unpadded, %d bytes", n).isEqualTo(n);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "ab=c", "ab$d", "abc==", "a===", "aGVsbG8=\n", "-_-_"})
    void invalidBase64IsRefused(String text) {
        assertThat(Base64Data.decodedSize(text)).isEqualTo(-1);
    }
}
