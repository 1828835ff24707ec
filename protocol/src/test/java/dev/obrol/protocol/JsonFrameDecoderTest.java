package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFrameDecoderTest {
    private EmbeddedChannel sut = new EmbeddedChannel(new JsonFrameDecoder(1024));

    @AfterEach
    void finish() {
        sut.finishAndReleaseAll();
    }

    @Test
    void objectsBackToBackWithoutDelimiterAreSplit() {
        write("{\"type\":\"LIST\"}{\"type\":\"MSG\",\"to_username\":\"b\",\"message\":\"x\"}");

        assertThat(readAll()).as("v1 sends objects with nothing between them")
                .containsExactly("{\"type\":\"LIST\"}", "{\"type\":\"MSG\",\"to_username\":\"b\",\"message\":\"x\"}");
    }

    @Test
    void objectSplitAcrossReadsIsJoined() {
        write("{\"type\":\"MS");
        assertThat(readAll()).as("nothing until the object closes").isEmpty();
        write("G\",\"message\":\"a}b\"");
        assertThat(readAll()).isEmpty();
        write("}\n");

        assertThat(readAll()).containsExactly("{\"type\":\"MSG\",\"message\":\"a}b\"}");
    }

    @Test
    void objectSplitOneByteAtATimeIsJoined() {
        String json = "{\"a\":{\"b\":[1,{\"c\":\"}\\\"{\"}]}}";
        for (byte b : json.getBytes(StandardCharsets.UTF_8)) {
            sut.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(readAll()).containsExactly(json);
    }

    @Test
    void bracesAndEscapedQuotesInsideStringsDoNotEndTheObject() {
        String json = "{\"message\":\"} { \\\" } \\\\\"}";
        write(json + json);
        assertThat(readAll()).containsExactly(json, json);
    }

    @Test
    void newlinesAndWhitespaceBetweenObjectsAreSkipped() {
        write("  {\"a\":1}\r\n\n\t{\"b\":2}\n");
        assertThat(readAll()).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void rawTextBetweenObjectsIsEmittedAndDoesNotBreakFraming() {
        write("hello there{\"type\":\"LIST\"}plain line\n{\"b\":2}");
        assertThat(readAll()).containsExactly("raw:hello there", "{\"type\":\"LIST\"}", "raw:plain line", "{\"b\":2}");
    }

    /** What a v1 client writes for "/msg Bob pesan kedua", "/msg Bob pesan ketiga" and "/list" (json.dumps, no delimiter). */
    private static final List<String> V1_COMMANDS = List.of(
            "{\"type\": \"MSG\", \"to_username\": \"Bob\", \"message\": \"pesan kedua\"}",
            "{\"type\": \"MSG\", \"to_username\": \"Bob\", \"message\": \"pesan ketiga\"}",
            "{\"type\": \"LIST\"}");

    @ParameterizedTest
    @ValueSource(strings = {"lihat {", ":{", "{", "{ lihat", "lihat {dong} ya", "{dong}", "kode: {\"a\": 1}", "{\"halo\"} {"})
    void v1TextWithABraceDoesNotSwallowTheCommandsWrittenAfterIt(String line) {
        write(line);
        for (String command : V1_COMMANDS) {
            write(command);
        }
        List<String> expected = new ArrayList<>(List.of("raw:" + line));
        expected.addAll(V1_COMMANDS);
        assertThat(readAll()).as("each write its own read").isEqualTo(expected);

        write(line + String.join("", V1_COMMANDS));
        assertThat(readAll()).as("the four writes coalesced into one read").isEqualTo(expected);
    }

    @Test
    void objectThatIsNotAMessageInsideTextStaysText() {
        write("hello {\"a\":1} there\n{\"a\":1}");
        assertThat(readAll()).as("only a '{' that opens {\"type\": ends raw text; after a newline any object is one")
                .containsExactly("raw:hello {\"a\":1} there", "{\"a\":1}");
    }

    @Test
    void messageWhoseOpeningArrivedWithTheTextIsReadWhateverFollows() {
        write("lihat {{\"type\": \"MSG\", \"to_username\": \"Bob\", \"mes");
        assertThat(readAll()).containsExactly("raw:lihat {");
        write("sage\": \"x\"}");
        assertThat(readAll()).as("a message is still read across reads once its opening has arrived")
                .containsExactly("{\"type\": \"MSG\", \"to_username\": \"Bob\", \"message\": \"x\"}");
    }

    @Test
    void objectSplitInsideItsOpeningIsStillOneObject() {
        for (String piece : new String[] {"{", "\n  \"ty", "pe\"", " ", ":\"LI", "ST\"}"}) {
            write(piece);
        }
        assertThat(readAll()).containsExactly("{\n  \"type\" :\"LIST\"}");
    }

    @Test
    void byteOrderMarkSplitAcrossReadsIsStillSkipped() {
        sut.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xEF}));
        sut.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xBB}));
        sut.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xBF, '{', '"', 'a', '"', ':', '1', '}'}));
        assertThat(readAll()).containsExactly("{\"a\":1}");
    }

    @Test
    void objectNestedPastTheLimitIsRefusedBeforeItEnds() {
        write("{\"type\":\"LIST\",\"x\":" + "[".repeat(MessageCodec.MAX_NESTING_DEPTH - 2));
        assertThat(readAll()).as("at the limit: still an object in progress").isEmpty();
        assertThatThrownBy(() -> write("{\"a\":[")).as("one level past the limit, never closed")
                .isInstanceOfSatisfying(FrameTooDeepException.class,
                        e -> assertThat(e.limit()).isEqualTo(MessageCodec.MAX_NESTING_DEPTH));

        write("]}]}{\"type\":\"LIST\"}");
        assertThat(readAll()).as("after a framing violation the connection is closing; nothing more is parsed").isEmpty();
    }

    @Test
    void objectNestedExactlyToTheLimitIsAccepted() {
        int inner = MessageCodec.MAX_NESTING_DEPTH - 1;
        String json = "{\"x\":" + "[".repeat(inner) + "]".repeat(inner) + "}";
        write(json);
        assertThat(readAll()).containsExactly(json);
    }

    @Test
    void openingBracketsOutsideAnObjectAreTextAndNeverHeld() {
        write("[".repeat(1000));
        assertThat(readAll()).as("'[' does not open a frame: nothing waits for it to close")
                .containsExactly("raw:" + "[".repeat(1000));
    }

    @Test
    void rawTextWithoutDelimiterIsEmittedAtEndOfRead() {
        write("just text");
        assertThat(readAll()).as("v1 sends raw text in one write with no newline").containsExactly("raw:just text");
    }

    @Test
    void multibyteUtf8IsKeptWhole() {
        String json = "{\"message\":\"Halo 👋 سلام 你好\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        sut.writeInbound(Unpooled.wrappedBuffer(bytes, 0, 17));
        sut.writeInbound(Unpooled.wrappedBuffer(bytes, 17, bytes.length - 17));
        assertThat(readAll()).containsExactly(json);
    }

    @Test
    void byteOrderMarkBeforeAnObjectIsSkipped() {
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        in.writeCharSequence("{\"a\":1}", StandardCharsets.UTF_8);
        sut.writeInbound(in);
        assertThat(readAll()).containsExactly("{\"a\":1}");
    }

    @Test
    void objectLongerThanTheLimitFailsAndLaterBytesAreDiscarded() {
        String huge = "{\"message\":\"" + "x".repeat(2000) + "\"}";
        assertThatThrownBy(() -> write(huge)).isInstanceOf(FrameTooLongException.class);

        write("{\"a\":1}");
        assertThat(readAll()).as("after a framing violation the connection is closing; nothing more is parsed").isEmpty();
    }

    @Test
    void objectThatNeverEndsFailsOnceTheLimitIsPassedAcrossReads() {
        write("{\"message\":\"" + "y".repeat(600));
        assertThat(readAll()).isEmpty();
        assertThatThrownBy(() -> write("z".repeat(600))).isInstanceOf(FrameTooLongException.class);
    }

    @Test
    void objectExactlyAtTheLimitIsAccepted() {
        String prefix = "{\"m\":\"";
        String json = prefix + "q".repeat(1024 - prefix.length() - 2) + "\"}";
        assertThat(json).hasSize(1024);
        write(json);
        assertThat(readAll()).containsExactly(json);
    }

    /**
     * Random streams of objects (nested, with escapes and braces inside strings, some strings
     * longer than the decoder's copy window) split at random points: the frames must be exactly
     * those a byte-by-byte reference finds.
     */
    @Test
    void framesMatchAByteByByteReferenceWhateverTheContentAndSplits() {
        java.util.Random random = new java.util.Random(99);
        sut.finishAndReleaseAll();
        sut = new EmbeddedChannel(new JsonFrameDecoder(1 << 20));
        for (int round = 0; round < 300; round++) {
            StringBuilder stream = new StringBuilder();
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                stream.append(randomObject(random, 0)).append(random.nextBoolean() ? "\n" : "");
            }
            byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < bytes.length; ) {
                int piece = 1 + random.nextInt(random.nextBoolean() ? 16 : 9000);
                int length = Math.min(piece, bytes.length - at);
                sut.writeInbound(Unpooled.wrappedBuffer(bytes, at, length));
                at += length;
            }
            assertThat(readAll()).as("round %d", round).isEqualTo(referenceFrames(bytes));
        }
    }

    private static String randomObject(java.util.Random random, int depth) {
        StringBuilder json = new StringBuilder("{");
        for (int n = random.nextInt(4); n > 0; n--) {
            json.append('"').append(randomText(random, 8)).append("\":");
            int kind = depth > 3 ? 0 : random.nextInt(4);
            switch (kind) {
                case 0 -> json.append('"').append(randomText(random, random.nextInt(10) == 0 ? 9000 : 40)).append('"');
                case 1 -> json.append(randomObject(random, depth + 1));
                case 2 -> json.append('[').append(randomObject(random, depth + 1)).append(",1,\"]\"]");
                default -> json.append(random.nextInt(1000));
            }
            json.append(n > 1 ? "," : "");
        }
        return json.append('}').toString();
    }

    /** String body text: plain letters with quotes, braces and backslashes escaped or harmless. */
    private static String randomText(java.util.Random random, int maxLength) {
        String[] pieces = {"a", "b", "{", "}", "[", "]", "\\\"", "\\\\", "\\n", " ", "é", "👋", "y", "_"};
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    /** The objects in {@code bytes}, found one byte at a time (whitespace between them only). */
    private static List<String> referenceFrames(byte[] bytes) {
        List<String> frames = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int start = -1;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (start < 0) {
                if (b == '{') {
                    start = i;
                    depth = 1;
                }
                continue;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                frames.add(new String(bytes, start, i - start + 1, StandardCharsets.UTF_8));
                start = -1;
            }
        }
        return frames;
    }

    private void write(String s) {
        sut.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    private List<String> readAll() {
        List<String> out = new ArrayList<>();
        Object o;
        while ((o = sut.readInbound()) != null) {
            if (o instanceof ByteBuf buf) {
                out.add(buf.toString(StandardCharsets.UTF_8));
                buf.release();
            } else if (o instanceof RawText raw) {
                out.add("raw:" + raw.text());
            }
        }
        return out;
    }
}
