package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.FileChunkEncoder;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.JsonLines;
import dev.obrol.protocol.MessageEncoder;
import dev.obrol.protocol.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-session outbox on an embedded channel: what is written, in which order, in how many writes. */
class OutboxTest {
    private final MessageCodec codec = new MessageCodec();
    private final MessageEncoder encoder = new MessageEncoder(codec);
    // The encoders the server's pipeline has, so what the outbox leaves to the pipeline is encoded too.
    private final EmbeddedChannel channel = new EmbeddedChannel(new FileChunkEncoder(), encoder);
    private final Outbox sut = new Outbox(channel, new JsonLines(codec));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void theLoginAnswerGoesBeforeAPresenceQueuedWhileTheNameWasBeingRegistered() {
        sut.post(new ServerMessage.Presence("Bob", "offline")); // another event loop, the instant the session became visible
        sut.postFirst(new ServerMessage.Info("login answer"));
        channel.runPendingTasks();

        assertThat(writes()).as("a client reads its login answer first").containsExactly(
                line(new ServerMessage.Info("login answer")),
                line(new ServerMessage.Presence("Bob", "offline")));
    }

    @Test
    void anObrolClientsLoginAnswerIsFlushedOnceWithWhatTheLoginQueuedAfterIt() {
        AtomicInteger flushes = countFlushes();
        sut.batchWrites();
        sut.postFirst(new ServerMessage.Info("login answer"));
        sut.post(new ServerMessage.Info("message of the day"));
        assertThat(flushes).as("the answer waits for the drain").hasValue(0);
        channel.runPendingTasks();

        assertThat(writes()).as("the answer first, then what the login queued").containsExactly(
                line(new ServerMessage.Info("login answer")), line(new ServerMessage.Info("message of the day")));
        assertThat(flushes).as("one system call for the whole login, not one for the answer and one for the rest").hasValue(1);
    }

    @Test
    void anObrolClientsLoginAnswerIsFlushedEvenWhenNothingFollowsIt() {
        sut.batchWrites();
        sut.postFirst(new ServerMessage.Info("login answer"));
        channel.runPendingTasks();

        assertThat(writes()).containsExactly(line(new ServerMessage.Info("login answer")));
    }

    @Test
    void aV1ClientsLoginAnswerIsFlushedAtOnceOnItsOwn() {
        AtomicInteger flushes = countFlushes();
        sut.postFirst(new ServerMessage.Info("login answer"));

        assertThat(flushes).as("a v1 client must read its answer in a read of its own").hasValue(1);
        assertThat(writes()).containsExactly(line(new ServerMessage.Info("login answer")));
    }

    @Test
    void aV1ClientGetsEveryMessageInAWriteOfItsOwn() {
        sut.post(new ServerMessage.PeerMsg("alice", "one"));
        sut.post(new ServerMessage.PeerMsg("alice", "two"));
        channel.runPendingTasks();

        assertThat(writes()).containsExactly(
                line(new ServerMessage.PeerMsg("alice", "one")), line(new ServerMessage.PeerMsg("alice", "two")));
    }

    @Test
    void anObrolClientGetsWhatQueuedUpInOneWriteInOrder() {
        sut.batchWrites();
        ByteBuf broadcast = Unpooled.copiedBuffer("{\"type\":\"BROADCAST\",\"message\":\"all\"}\n", StandardCharsets.UTF_8);
        sut.post(new ServerMessage.PeerMsg("alice", "one"));
        sut.post(broadcast);
        sut.post(new ServerMessage.Presence("carol", "online"));
        sut.post(new ServerMessage.PeerMsg("alice", "Halo 👋 \"quoted\""));
        channel.runPendingTasks();

        assertThat(writes()).as("one buffer, messages in the order queued").containsExactly(
                line(new ServerMessage.PeerMsg("alice", "one"))
                        + "{\"type\":\"BROADCAST\",\"message\":\"all\"}\n"
                        + line(new ServerMessage.Presence("carol", "online"))
                        + line(new ServerMessage.PeerMsg("alice", "Halo 👋 \"quoted\"")));
        assertThat(broadcast.refCnt()).as("the broadcast's share was released once copied").isZero();
    }

    @Test
    void aFileChunkKeepsItsPlaceBetweenBatchedMessages() {
        sut.batchWrites();
        sut.post(new ServerMessage.PeerMsg("alice", "before"));
        sut.post(new FileChunk("t1", 0, Unpooled.copiedBuffer("QUJD", StandardCharsets.US_ASCII)));
        sut.post(new ServerMessage.PeerMsg("alice", "after"));
        channel.runPendingTasks();

        String all = String.join("", writes());
        assertThat(all.indexOf("before")).isLessThan(all.indexOf("FILE_CHUNK"));
        assertThat(all.indexOf("FILE_CHUNK")).isLessThan(all.indexOf("after"));
        assertThat(all).contains("\"data\":\"QUJD\"");
    }

    @Test
    void aLongBacklogIsCutIntoBoundedWrites() {
        sut.batchWrites();
        String text = "x".repeat(1000);
        int count = 3 * Outbox.BATCH_MAX_BYTES / 1000;
        for (int i = 0; i < count; i++) {
            sut.post(new ServerMessage.PeerMsg("alice", text));
        }
        channel.runPendingTasks();

        List<String> writes = writes();
        assertThat(writes).hasSizeGreaterThan(1);
        assertThat(writes).allSatisfy(w -> assertThat(w.length()).isLessThan(Outbox.BATCH_MAX_BYTES + 2000));
        assertThat(String.join("", writes).split("\n")).hasSize(count);
    }

    @Test
    void aCloseIsWrittenAfterWhatWasQueuedBeforeIt() {
        sut.batchWrites();
        sut.post(new ServerMessage.Error("bye", "NOT_LOGGED_IN"));
        sut.postClose();
        channel.runPendingTasks();

        assertThat(String.join("", writes())).isEqualTo(line(new ServerMessage.Error("bye", "NOT_LOGGED_IN")));
        assertThat(channel.isOpen()).isFalse();
    }

    private AtomicInteger countFlushes() {
        AtomicInteger flushes = new AtomicInteger();
        channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        });
        return flushes;
    }

    private String line(ServerMessage message) {
        return new String(codec.encode(message), StandardCharsets.UTF_8) + "\n";
    }

    /** Each outbound write as text; adjacent buffers of one encoded chunk count as separate writes. */
    private List<String> writes() {
        List<String> out = new ArrayList<>();
        Object written;
        while ((written = channel.readOutbound()) != null) {
            ByteBuf bytes = (ByteBuf) written;
            out.add(bytes.toString(StandardCharsets.UTF_8));
            bytes.release();
        }
        return out;
    }
}
