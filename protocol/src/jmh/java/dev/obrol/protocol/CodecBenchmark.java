package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay's hot path: decoding a client's MSG and encoding the PEER_MSG the server sends on,
 * with a message text of {@code size} bytes, each through the general Jackson path and the path
 * the server takes for the usual shape ({@link CanonicalMsg}, {@link PeerMsgWriter} through
 * {@link MessageEncoder#encodeLine}). Run with {@code -prof gc} for bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    @Param({"100", "1000"})
    int size;

    private final MessageCodec codec = new MessageCodec();
    private final MessageEncoder encoder = new MessageEncoder(codec);
    private byte[] msgJson;
    private ServerMessage.PeerMsg peerMsg;

    @Setup
    public void setUp() {
        String text = "x".repeat(size);
        msgJson = ("{\"type\":\"MSG\",\"to_username\":\"bob-0042\",\"message\":\"" + text + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        peerMsg = new ServerMessage.PeerMsg("alice-0042", text);
    }

    /** The general path: Jackson databind, what any other shape of MSG takes. */
    @Benchmark
    public Message decodeMsg() throws ProtocolException {
        return codec.decode(msgJson);
    }

    /** The path the server's MessageDecoder takes for the shape every client sends. */
    @Benchmark
    public Message decodeMsgCanonical() {
        return CanonicalMsg.parse(msgJson, 0, msgJson.length);
    }

    /** What the server's outbox does per message: PEER_MSG and newline appended to a batch buffer. */
    @Benchmark
    public int encodePeerMsgLine() throws IOException {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            encoder.encodeLine(peerMsg, out);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }

    @Benchmark
    public byte[] encodePeerMsgToBytes() {
        return codec.encode(peerMsg);
    }

    /** The general path for other messages: Jackson through a ByteBufOutputStream into a pooled buffer, plus the newline. */
    @Benchmark
    public int encodePeerMsgToByteBuf() throws IOException {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
                codec.encode(peerMsg, stream);
            }
            out.writeByte('\n');
            return out.readableBytes();
        } finally {
            out.release();
        }
    }
}
