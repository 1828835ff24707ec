package dev.obrol.server.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The accept budget: halved after a late tick, grown after an on-time one, never below one; reading
 * stops past it. And when the pacer rests and wakes. The ticks are called by hand: the channel's
 * clock is frozen, so the pacer's own ticks never fall due.
 */
class AcceptPacerTest {
    private static final long LATE = TimeUnit.MILLISECONDS.toNanos(3);
    private static final long ON_TIME = TimeUnit.MICROSECONDS.toNanos(100);
    private static final int TICKS_TO_REST = (int) (AcceptPacer.REST_AFTER.toNanos() / AcceptPacer.TICK.toNanos());

    private final EventLoopGroup workers = new DefaultEventLoopGroup(1);
    private final AcceptPacer sut = new AcceptPacer(Duration.ofMillis(2), workers);
    private final EmbeddedChannel server = new EmbeddedChannel();

    AcceptPacerTest() {
        server.freezeTime();
        server.pipeline().addLast(sut);
    }

    @AfterEach
    void stop() {
        server.finishAndReleaseAll();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void theConnectionThatWakesThePacerIsAcceptedAloneUntilTheFirstTick() {
        assertThat(sut.isAwake()).isFalse();
        accept(1);
        assertThat(sut.isAwake()).isTrue();
        assertThat(server.config().isAutoRead()).as("the others wait until a tick knows how late the loops run").isFalse();
        sut.tick(server, ON_TIME);
        assertThat(server.config().isAutoRead()).isTrue();
        assertThat(sut.perTick()).as("on time: the full budget").isEqualTo(AcceptPacer.MAX_PER_TICK);
    }

    @Test
    void itRestsAfterASecondOfTicksThatAcceptedNothingWhateverTheLoopsDid() {
        accept(1);
        sut.tick(server, ON_TIME); // the tick that accepted
        for (int tick = 1; tick < TICKS_TO_REST; tick++) {
            sut.tick(server, tick % 2 == 0 ? LATE : ON_TIME);
        }
        assertThat(sut.isAwake()).as("one tick short of a second of ticks that accepted nothing").isTrue();
        sut.tick(server, LATE);
        assertThat(sut.isAwake()).isFalse();
        await("its probes stop").atMost(Duration.ofSeconds(10)).until(() -> sut.probeChains() == 0);
    }

    @Test
    void aConnectionStartsTheSecondAgain() {
        accept(1);
        ticks(TICKS_TO_REST, ON_TIME); // the tick that accepted, then one short of a second
        accept(1);
        ticks(TICKS_TO_REST, ON_TIME);
        assertThat(sut.isAwake()).as("a second counted from the tick that accepted").isTrue();
        sut.tick(server, ON_TIME);
        assertThat(sut.isAwake()).isFalse();
    }

    @Test
    void aBudgetCutBeforeRestingIsWhereTheNextWakeStarts() {
        accept(40);
        ticks(1 + TICKS_TO_REST, LATE);
        assertThat(sut.isAwake()).isFalse();
        accept(1);
        sut.tick(server, ON_TIME);
        assertThat(sut.perTick()).as("grown by a quarter plus one from the floor, not reset to the full budget").isEqualTo(2);
    }

    @Test
    void aLateTickHalvesWhatItAcceptedAndStopsAcceptingPastThatBudget() {
        accept(40);
        sut.tick(server, LATE);
        assertThat(sut.perTick()).as("half of the 40 accepted in the late tick").isEqualTo(20);
        assertThat(server.config().isAutoRead()).isTrue();

        accept(19);
        assertThat(server.config().isAutoRead()).as("one left in this tick's budget").isTrue();
        accept(1);
        assertThat(server.config().isAutoRead()).as("the budget is spent: the rest wait in the kernel's queue").isFalse();
        assertThat(drained()).as("every accepted channel is handed on").isEqualTo(60);

        sut.tick(server, ON_TIME);
        assertThat(server.config().isAutoRead()).as("a new tick accepts again").isTrue();
        assertThat(sut.perTick()).as("an on-time tick grows the budget by a quarter, plus one").isEqualTo(26);
    }

    @Test
    void lateTicksWithNothingAcceptedStillLetOneConnectionInPerTick() {
        for (int i = 0; i < 5; i++) {
            sut.tick(server, LATE);
        }
        assertThat(sut.perTick()).as("logins go on while chat alone keeps the loops late").isEqualTo(AcceptPacer.MIN_PER_TICK);
        accept(1);
        assertThat(server.config().isAutoRead()).isFalse();
        sut.tick(server, LATE);
        assertThat(server.config().isAutoRead()).isTrue();
    }

    @Test
    void theBudgetRecoversQuicklyOnceTheLoopsAreOnTimeAgain() {
        for (int i = 0; i < 5; i++) {
            sut.tick(server, LATE);
        }
        int ticks = 0;
        while (sut.perTick() < 1000) {
            sut.tick(server, ON_TIME);
            ticks++;
        }
        assertThat(ticks).as("from one to 1000 a tick (200,000 a second) in well under a second of 5 ms ticks").isLessThan(40);
    }

    @Test
    void withPacingOffItNeverStopsAccepting() {
        AcceptPacer off = new AcceptPacer(Duration.ZERO, workers);
        EmbeddedChannel channel = new EmbeddedChannel(off);
        off.tick(channel, LATE);
        for (int i = 0; i < 10; i++) {
            channel.writeInbound(new Object());
        }
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(off.isAwake()).isFalse();
        channel.finishAndReleaseAll();
    }

    /** {@code times} ticks in which the worst loop ran {@code latenessNanos} late. */
    private void ticks(int times, long latenessNanos) {
        for (int i = 0; i < times; i++) {
            sut.tick(server, latenessNanos);
        }
    }

    private void accept(int connections) {
        for (int i = 0; i < connections; i++) {
            server.writeInbound(new Object());
        }
    }

    private int drained() {
        int n = 0;
        while (server.readInbound() != null) {
            n++;
        }
        return n;
    }
}
