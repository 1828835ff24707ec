package dev.obrol.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FlowWindowTest {
    @Test
    void sendsUpToTheWindowThenWaitsForAnAcknowledgement() throws Exception {
        FlowWindow sut = new FlowWindow(100, 0);
        assertThat(sut.awaitRoom(60)).isTrue();
        assertThat(sut.awaitRoom(40)).isTrue();
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> {
            try {
                return sut.awaitRoom(30);
            } catch (InterruptedException e) {
                return false;
            }
        });
        assertThat(third).as("a full window blocks the sender").isNotDone();
        sut.acknowledge(20);
        assertThat(third).as("20 acknowledged is not room for 30").isNotDone();
        sut.acknowledge(60);
        assertThat(third.get()).isTrue();
        assertThat(sut.inFlight()).isEqualTo(70);
    }

    @Test
    void acknowledgementsNeverGoBackNorPastWhatWasSent() throws Exception {
        FlowWindow sut = new FlowWindow(100, 1000);
        sut.awaitRoom(50);
        sut.acknowledge(1040);
        sut.acknowledge(1010);
        assertThat(sut.acknowledged()).isEqualTo(1040);
        sut.acknowledge(5000);
        assertThat(sut.acknowledged()).as("a resumed window counts from its offset").isEqualTo(1050);
    }

    @Test
    void closingWakesAWaitingSenderWithFalse() {
        FlowWindow sut = new FlowWindow(10, 0);
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return sut.awaitRoom(11);
            } catch (InterruptedException e) {
                return true;
            }
        });
        sut.close();
        await().until(blocked::isDone);
        assertThat(blocked.join()).isFalse();
    }
}
