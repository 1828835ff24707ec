package dev.obrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The heap of another process read from {@code jcmd PID GC.heap_info}, as each collector prints it (JDK 17). */
class ServerMemoryTest {

    @Test
    void g1PrintsTheWholeHeapOnOneLine() {
        String info = """
                12345:
                 garbage-first heap   total 65536K, used 7712K [0x00000000fc000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 1 survivors (1024K)
                 Metaspace       used 16919K, committed 17152K, reserved 1114112K
                  class space    used 2033K, committed 2176K, reserved 1048576K
                """;
        assertThat(ServerMemory.parseHeapUsed(info)).isEqualTo(7712L * 1024);
    }

    @Test
    void serialHeapIsBothGenerations() {
        String info = """
                2235:
                 def new generation   total 19648K, used 17901K [0x00000000fc000000, 0x00000000fd550000, 0x00000000fd550000)
                  eden space 17472K,  90% used [0x00000000fc000000, 0x00000000fcf7e1d0, 0x00000000fd110000)
                  from space 2176K,  93% used [0x00000000fd110000, 0x00000000fd30d468, 0x00000000fd330000)
                  to   space 2176K,   0% used [0x00000000fd330000, 0x00000000fd330000, 0x00000000fd550000)
                 tenured generation   total 43712K, used 3578K [0x00000000fd550000, 0x0000000100000000, 0x0000000100000000)
                   the space 43712K,   8% used [0x00000000fd550000, 0x00000000fd8ce9b8, 0x00000000fd8cea00, 0x0000000100000000)
                 Metaspace       used 16919K, committed 17152K, reserved 1114112K
                  class space    used 2033K, committed 2176K, reserved 1048576K
                """;
        assertThat(ServerMemory.parseHeapUsed(info)).isEqualTo((17901L + 3578L) * 1024);
    }

    @Test
    void parallelHeapIsBothGenerations() {
        String info = """
                777:
                 PSYoungGen      total 18944K, used 2621K [0x00000000feb00000, 0x0000000100000000, 0x0000000100000000)
                  eden space 16384K, 16% used [0x00000000feb00000,0x00000000fed8f470,0x00000000ffb00000)
                 ParOldGen       total 44032K, used 5120K [0x00000000fc000000, 0x00000000feb00000, 0x00000000feb00000)
                  object space 44032K, 11% used [0x00000000fc000000,0x00000000fc500000,0x00000000feb00000)
                 Metaspace       used 16919K, committed 17152K, reserved 1114112K
                """;
        assertThat(ServerMemory.parseHeapUsed(info)).isEqualTo((2621L + 5120L) * 1024);
    }

    @Test
    void zgcCountsInMegabytesAndIsUnknownRatherThanWrong() {
        String info = """
                777:
                 ZHeap           used 8M, capacity 64M, max capacity 64M
                 Metaspace       used 16919K, committed 17152K, reserved 1114112K
                """;
        assertThat(ServerMemory.parseHeapUsed(info)).as("not Metaspace's figure").isEqualTo(-1);
    }

    @Test
    void nothingToReadIsUnknown() {
        assertThat(ServerMemory.parseHeapUsed("777:\nCould not attach\n")).isEqualTo(-1);
    }
}
