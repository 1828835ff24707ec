package dev.obrol.server.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionCapTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aSmallServerWasCappedAtAThousandConnections() {
        // 2 GiB of memory: the JVM's default heap is a quarter, and 1,048,576 descriptors is a common limit.
        ConnectionCap sut = ConnectionCap.forMachine(512 * MIB, 1_048_576);

        assertThat(sut.connections()).as("about 9 KiB per connection: a small server holds many thousands")
                .isEqualTo(16_384);
    }

    @ParameterizedTest(name = "{0} MiB heap, {1} descriptors -> {2}")
    @CsvSource({
        // heap MiB, descriptors, cap
        "128, 1048576, 4096", // 32 per MiB of heap
        "4096, 1024, 768", // the descriptor limit, less 256 for the JVM, the log and the event loops
        "4096, 20000, 19744",
        "128, -1, 4096", // no descriptor limit known (not Unix): the heap alone
        "1, 1048576, 100", // the floor
        "64, 300, 100", // the floor, below the descriptors too
        "65536, 1048576, 100000", // the ceiling
    })
    void theDefaultFollowsTheFormula(long heapMib, long descriptors, int expected) {
        ConnectionCap sut = ConnectionCap.forMachine(heapMib * MIB, descriptors);

        assertThat(sut.connections()).isEqualTo(expected);
        assertThat(sut.heapMib()).as("the inputs are kept, to be reported").isEqualTo(heapMib);
        assertThat(sut.fileDescriptors()).isEqualTo(descriptors);
    }

    @Test
    void aHeapWithoutLimitTakesTheOtherBounds() {
        // Runtime.maxMemory() is Long.MAX_VALUE when the heap has no limit.
        assertThat(ConnectionCap.forMachine(Long.MAX_VALUE, 20_000).connections()).isEqualTo(19_744);
        assertThat(ConnectionCap.forMachine(Long.MAX_VALUE, -1).connections()).isEqualTo(ConnectionCap.CEILING);
    }
}
