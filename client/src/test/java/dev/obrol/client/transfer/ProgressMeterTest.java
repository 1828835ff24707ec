package dev.obrol.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressMeterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void speedAndTimeLeftCountOnlyThisRunsBytes() {
        ProgressMeter sut = new ProgressMeter(1000, 400, 0);
        assertThat(sut.percent()).isEqualTo(40);
        assertThat(sut.secondsLeft(SECOND)).as("nothing moved yet: unknown").isEqualTo(-1);
        sut.update(600);
        assertThat(sut.bytesPerSecond(2 * SECOND)).as("200 bytes in 2 s, the resumed 400 not counted").isEqualTo(100.0);
        assertThat(sut.secondsLeft(2 * SECOND)).isEqualTo(4);
        assertThat(sut.percent()).isEqualTo(60);
    }

    @Test
    void anEmptyFileIsDone() {
        assertThat(new ProgressMeter(0, 0, 0).percent()).isEqualTo(100);
    }

    @Test
    void clocksAndSpeedsReadTheSameInEveryLanguage() {
        assertThat(ProgressText.clock(5)).isEqualTo("0:05");
        assertThat(ProgressText.clock(3723)).isEqualTo("1:02:03");
        assertThat(ProgressText.speed(123_456_789)).isEqualTo("123.5");
        assertThat(ProgressText.duration(840_000_000L)).isEqualTo("0.84 s");
    }
}
