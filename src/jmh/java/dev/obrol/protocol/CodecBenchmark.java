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
 * {@link MessageCodec} on the relay's hot path: decoding a client's MSG and encoding the PEER_MSG
 * the server sends on, with a message text of {@code size} bytes. Run with {@code -prof gc} for
 * bytes allocated per operation.
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
    private byte[] msgJson;
    private ServerMessage.PeerMsg peerMsg;

    @Setup
    public void setUp() {
        String text = "x".repeat(size);
        msgJson = ("{\"type\":\"MSG\",\"to_username\":\"bob-0042\",\"message\":\"" + text + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        peerMsg = new ServerMessage.PeerMsg("alice-0042", text);
    }

    @Benchmark
    public Message decodeMsg() throws ProtocolException {
        return codec.decode(msgJson);
    }

    @Benchmark
    public byte[] encodePeerMsgToBytes() {
        return codec.encode(peerMsg);
    }

    /** As MessageEncoder does it: through a ByteBufOutputStream into a pooled buffer, plus the newline. */
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
