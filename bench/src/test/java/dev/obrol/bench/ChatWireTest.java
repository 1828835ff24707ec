package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.ClientMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What each wire writes (login, a message to X) and what it makes of the lines a server sends. */
class ChatWireTest {
    private final IrcWire irc = new IrcWire();

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The message {@code wire} writes to {@code to} with a bench payload. */
    private static String message(ChatWire wire, String to, long seq, long intended, int size) {
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(wire.messagePrefix(to));
        Payload.write(out, seq, intended, size);
        out.writeBytes(wire.messageSuffix());
        String s = out.toString(StandardCharsets.UTF_8);
        out.release();
        return s;
    }

    /** What obrol's codec makes of {@code bytes}, as the server reads it. */
    private static Object decoded(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return BenchWire.read(buf);
        } finally {
            buf.release();
        }
    }

    private static ReceivedLine scanned(ChatWire wire, String line) {
        ReceivedLine scanner = wire.newLine();
        ByteBuf buf = Unpooled.copiedBuffer(line, StandardCharsets.UTF_8);
        try {
            assertThat(scanner.scan(buf)).as("scans: %s", line).isTrue();
        } finally {
            buf.release();
        }
        return scanner;
    }

    @Test
    void ircLoginIsNickThenUser() {
        assertThat(text(irc.login("bk3x9-0a"))).isEqualTo("NICK bk3x9-0a\r\nUSER bench 0 * :obrol bench\r\n");
    }

    @Test
    void ircMessageIsOnePrivmsgLineOfTheRequestedTextSize() {
        String line = message(irc, "bk3x9-0b", 7, 1234, 40);

        assertThat(line).as("PRIVMSG to the partner, CR LF at the end")
                .startsWith("PRIVMSG bk3x9-0b :7.1234.").endsWith("x\r\n");
        assertThat(line.length()).as("text of exactly --size bytes").isEqualTo("PRIVMSG bk3x9-0b :".length() + 40 + 2);
    }

    @Test
    void theRelayedPrivmsgIsADirectMessageWhosePayloadReadsBack() {
        String sent = message(irc, "bk3x9-0b", 42, 99_000, 100);
        String relayed = ":bk3x9-0a!bench@127.0.0.1 " + sent.substring(0, sent.length() - 1); // LineFrames keeps the CR

        ReceivedLine line = scanned(irc, relayed);

        assertThat(irc.meaning(line)).isEqualTo(ChatWire.Meaning.DIRECT_MESSAGE);
        assertThat(Payload.seq(line.bytes(), line.messageStart(), line.messageEnd())).as("seq").isEqualTo(42);
        assertThat(Payload.intended(line.bytes(), line.messageStart(), line.messageEnd())).as("intended").isEqualTo(99_000);
        assertThat(irc.reply(line)).as("no answer to a message").isNull();
    }

    @Test
    void ircMeanings() {
        assertThat(irc.meaning(scanned(irc, ":irc.local 001 n :Welcome"))).isEqualTo(ChatWire.Meaning.WELCOME);
        assertThat(irc.meaning(scanned(irc, ":irc.local 433 * n :Nickname is already in use."))).isEqualTo(ChatWire.Meaning.ERROR);
        assertThat(irc.meaning(scanned(irc, ":irc.local 401 n x :No such nick"))).isEqualTo(ChatWire.Meaning.ERROR);
        assertThat(irc.meaning(scanned(irc, "ERROR :Closing link: (Excess Flood)"))).isEqualTo(ChatWire.Meaning.ERROR);
        assertThat(irc.meaning(scanned(irc, ":irc.local 422 n :Message of the day file is missing.")))
                .as("no MOTD is not an error").isEqualTo(ChatWire.Meaning.NOISE);
        assertThat(irc.meaning(scanned(irc, ":irc.local 005 n AWAYLEN=200 :are supported by this server")))
                .isEqualTo(ChatWire.Meaning.NOISE);
        assertThat(irc.meaning(scanned(irc, ":irc.local NOTICE n :*** Looking up your hostname"))).isEqualTo(ChatWire.Meaning.NOISE);
        assertThat(irc.meaning(scanned(irc, ":n MODE n :+i"))).isEqualTo(ChatWire.Meaning.NOISE);
        assertThat(irc.meaning(scanned(irc, ":a!u@h JOIN #x"))).isEqualTo(ChatWire.Meaning.OTHER);
    }

    @Test
    void ircPingIsAnsweredWithPongAndItsToken() {
        assertThat(text(irc.reply(scanned(irc, "PING :irc.local\r")))).isEqualTo("PONG :irc.local\r\n");
        assertThat(text(irc.reply(scanned(irc, ":irc.local PING 12345")))).isEqualTo("PONG :12345\r\n");
    }

    @Test
    void obrolMessageIsTheMsgFrameTheServerDecodes() {
        ObrolWire obrol = ObrolWire.login(true);
        String frame = message(obrol, "bk3x9-0b", 3, 77, 50);

        assertThat(frame).as("one line").endsWith("}\n");
        assertThat(decoded(frame.getBytes(StandardCharsets.UTF_8))).as("MSG to the partner with the payload as text")
                .isEqualTo(new ClientMessage.Msg("bk3x9-0b", frame.substring(frame.indexOf("3.77."), frame.length() - 3)));
    }

    @Test
    void obrolMeanings() {
        ObrolWire obrol = ObrolWire.login(false);

        assertThat(obrol.meaning(scanned(obrol, "{\"type\":\"SUCCESS\",\"message\":\"ok\"}"))).isEqualTo(ChatWire.Meaning.WELCOME);
        assertThat(obrol.meaning(scanned(obrol, "{\"type\":\"PEER_MSG\",\"from_username\":\"a\",\"message\":\"1.2.x\"}")))
                .isEqualTo(ChatWire.Meaning.DIRECT_MESSAGE);
        assertThat(obrol.meaning(scanned(obrol, "{\"type\":\"ERROR\",\"message\":\"no\"}"))).isEqualTo(ChatWire.Meaning.ERROR);
        assertThat(obrol.meaning(scanned(obrol, "{\"type\":\"PRESENCE\",\"username\":\"a\",\"online\":true}")))
                .isEqualTo(ChatWire.Meaning.NOISE);
        assertThat(obrol.meaning(scanned(obrol, "{\"type\":\"CLIENT_LIST\",\"clients\":[]}"))).isEqualTo(ChatWire.Meaning.OTHER);
        assertThat(obrol.reply(scanned(obrol, "{\"type\":\"PONG\"}"))).as("obrol servers ask for nothing").isNull();
    }

    @Test
    void obrolLoginsAreV1OrProtocolTwo() {
        assertThat(decoded(ObrolWire.login(false).login("a"))).isEqualTo(ClientMessage.SetUsername.v1("a"));
        assertThat(decoded(ObrolWire.login(true).login("a")))
                .isInstanceOfSatisfying(ClientMessage.SetUsername.class, s -> assertThat(s.protocol()).isEqualTo(2));
    }
}
