package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading IRC lines as the server sends them: command, last parameter, the CR that LineFrames leaves. */
class IrcLineTest {
    private final IrcLine sut = new IrcLine();

    private boolean scan(String line) {
        ByteBuf buf = Unpooled.copiedBuffer(line, StandardCharsets.UTF_8);
        try {
            return sut.scan(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void aRelayedPrivmsgHasItsTextAsTheMessage() {
        assertThat(scan(":bk3x9-0a!bench@127.0.0.1 PRIVMSG bk3x9-0b :12.345.xx yy\r")).as("scans").isTrue();

        assertThat(sut.typeIs(FrameFields.bytes("PRIVMSG"))).as("command").isTrue();
        assertThat(sut.message()).as("the trailing parameter, spaces kept, CR dropped").isEqualTo("12.345.xx yy");
        assertThat(Payload.seq(sut.bytes(), sut.messageStart(), sut.messageEnd())).isEqualTo(12);
        assertThat(Payload.intended(sut.bytes(), sut.messageStart(), sut.messageEnd())).isEqualTo(345);
    }

    @Test
    void aNumericReplyIsItsNumberAndTheServerPrefixIsSkipped() {
        assertThat(scan(":irc.local 433 * bk3x9-0a :Nickname is already in use.\r")).as("scans").isTrue();

        assertThat(sut.type()).isEqualTo("433");
        assertThat(sut.numeric()).isEqualTo(433);
        assertThat(sut.message()).isEqualTo("Nickname is already in use.");
    }

    @Test
    void theWelcomeIsNumericOne() {
        assertThat(scan(":irc.local 001 bk3x9-0a :Welcome to the Localnet IRC Network")).as("scans").isTrue();

        assertThat(sut.numeric()).as("001").isEqualTo(1);
    }

    @Test
    void aCommandIsNoNumeric() {
        assertThat(scan("PING :irc.local")).as("scans").isTrue();

        assertThat(sut.numeric()).isEqualTo(-1);
        assertThat(sut.typeIs(FrameFields.bytes("PING"))).isTrue();
        assertThat(sut.message()).isEqualTo("irc.local");
    }

    @Test
    void withoutATrailingParameterTheLastMiddleOneIsTheMessage() {
        assertThat(scan("PING  token \r")).as("scans").isTrue();

        assertThat(sut.message()).as("last parameter, extra spaces ignored").isEqualTo("token");
        assertThat(scan(":nick!u@h MODE nick +i")).as("scans").isTrue();
        assertThat(sut.type()).isEqualTo("MODE");
        assertThat(sut.message()).isEqualTo("+i");
    }

    @Test
    void messageTagsBeforeTheSourceAreSkipped() {
        assertThat(scan("@time=2026-12-03T08:00:00.000Z;msgid=a\\sb :a!u@h PRIVMSG b :1.2.x")).as("scans").isTrue();

        assertThat(sut.type()).isEqualTo("PRIVMSG");
        assertThat(sut.message()).isEqualTo("1.2.x");
    }

    @Test
    void aLineWithoutParametersHasNoMessage() {
        assertThat(scan("REHASH")).as("scans").isTrue();

        assertThat(sut.type()).isEqualTo("REHASH");
        assertThat(sut.hasMessage()).isFalse();
        assertThat(sut.message()).isEmpty();
    }

    @Test
    void aLineWithoutACommandIsNotALine() {
        assertThat(scan(":irc.local \r")).as("only a source").isFalse();
        assertThat(scan("\r")).as("empty").isFalse();
    }

    @Test
    void aLongerLineAfterAShortOneIsReadWhole() {
        scan("PING :x");
        String text = "1.2." + "x".repeat(1000);

        assertThat(scan(":a!u@h PRIVMSG b :" + text + "\r")).as("scans").isTrue();
        assertThat(sut.message()).isEqualTo(text);
    }
}
