package dev.obrol.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code PEER_MSG}, the message a server sends most, without setting up a Jackson
 * generator per message (that setup was a third of the server's time under load). The strings are
 * escaped by Jackson's own {@link JsonStringEncoder}, so the bytes are exactly what the generic
 * encoder writes; a test compares the two.
 */
final class PeerMsgWriter {
    private static final byte[] START = "{\"type\":\"PEER_MSG\",\"from_username\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = "\",\"message\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);

    private PeerMsgWriter() {}

    /** Appends {@code message} as one JSON object (no newline) to {@code out}. */
    static void write(ServerMessage.PeerMsg message, ByteBuf out) {
        JsonStringEncoder escaper = JsonStringEncoder.getInstance();
        byte[] from = escaper.quoteAsUTF8(message.fromUsername());
        byte[] text = escaper.quoteAsUTF8(message.message());
        out.ensureWritable(START.length + from.length + MIDDLE.length + text.length + END.length + 1);
        out.writeBytes(START).writeBytes(from).writeBytes(MIDDLE).writeBytes(text).writeBytes(END);
    }
}
