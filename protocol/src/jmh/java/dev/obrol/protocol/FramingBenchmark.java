package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link JsonFrameDecoder} cutting a read of {@value #FRAMES} back-to-back MSG objects (as a busy
 * client's socket read delivers them), alone and followed by {@link MessageDecoder} as in the
 * server's pipeline. Scores are frames per second; {@code -prof gc} gives bytes per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FramingBenchmark {
    static final int FRAMES = 64;

    @Param({"100", "1000"})
    int size;

    private ByteBuf read;
    private EmbeddedChannel framing;
    private EmbeddedChannel framingAndParsing;

    @Setup(Level.Trial)
    public void setUp() {
        String frame = "{\"type\":\"MSG\",\"to_username\":\"bob-0042\",\"message\":\"" + "x".repeat(size) + "\"}\n";
        byte[] bytes = frame.repeat(FRAMES).getBytes(StandardCharsets.UTF_8);
        read = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        framing = new EmbeddedChannel(new JsonFrameDecoder(Limits.DEFAULT_MAX_FRAME_BYTES));
        framingAndParsing = new EmbeddedChannel(
                new JsonFrameDecoder(Limits.DEFAULT_MAX_FRAME_BYTES), new MessageDecoder(new MessageCodec()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        read.release();
        framing.finishAndReleaseAll();
        framingAndParsing.finishAndReleaseAll();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int frame() {
        return drain(framing);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int frameAndParse() {
        return drain(framingAndParsing);
    }

    private int drain(EmbeddedChannel channel) {
        channel.writeInbound(read.retainedDuplicate());
        int n = 0;
        Object m;
        while ((m = channel.readInbound()) != null) {
            ReferenceCountUtil.release(m);
            n++;
        }
        if (n != FRAMES) {
            throw new IllegalStateException("expected " + FRAMES + " frames, got " + n);
        }
        return n;
    }
}
