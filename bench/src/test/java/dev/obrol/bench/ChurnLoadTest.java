package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.bench.ChurnLoad.ClosePacing;
import org.junit.jupiter.api.Test;

/** How a round of churning clients leaves ({@code --churn-close-rate}). */
class ChurnLoadTest {

    @Test
    void withoutARateAllLeaveAtOnce() {
        assertThat(ClosePacing.of(0, 2000)).isEqualTo(new ClosePacing(2000, 0));
    }

    @Test
    void tenThousandASecondIsTwentyEveryTwoMilliseconds() {
        assertThat(ClosePacing.of(10_000, 2000)).isEqualTo(new ClosePacing(20, 2_000_000));
    }

    @Test
    void underOneCloseInTwoMillisecondsTheyLeaveOneAtATimeFurtherApart() {
        assertThat(ClosePacing.of(500, 20)).isEqualTo(new ClosePacing(1, 2_000_000));
        assertThat(ClosePacing.of(100, 20)).isEqualTo(new ClosePacing(1, 10_000_000));
    }

    @Test
    void theRateHoldsWhereTheGroupIsRounded() {
        ClosePacing pacing = ClosePacing.of(1_750, 2000); // 3.5 a group: 3 every 1.714 ms
        assertThat(pacing.perGroup() * 1_000_000_000L / pacing.gapNanos()).isEqualTo(1_750);
    }
}
