package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The per-session outbox on an embedded channel: what is written, in which order. */
class OutboxTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Outbox sut = new Outbox(channel);

    @Test
    void theLoginAnswerGoesBeforeAPresenceQueuedWhileTheNameWasBeingRegistered() {
        sut.post("presence: Bob offline"); // another event loop, the instant the session became visible
        sut.postFirst("login answer");
        channel.runPendingTasks();

        assertThat((Object) channel.readOutbound()).as("a client reads its login answer first").isEqualTo("login answer");
        assertThat((Object) channel.readOutbound()).isEqualTo("presence: Bob offline");
        assertThat((Object) channel.readOutbound()).isNull();
    }
}
