package dev.obrol.server.guard;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The default cap on connections open at once ({@code --max-connections}), fitted to the machine
 * instead of one number for every machine:
 *
 * <pre>
 * min(32 × max heap in MiB, file descriptors − 256), at least 100 and at most 100,000
 * </pre>
 *
 * <p>32 per MiB is 32 KiB of heap per connection: an idle connection holds about 3.4 KB of heap
 * (9.4 KiB of RSS in all, docs/BENCHMARKS.md), so the rest is room for messages in flight, queued
 * replies and offers. Each connection is one file descriptor; 256 are left for the JVM's own files,
 * the traffic log and the event loops. The floor keeps a class's worth of connections on a tiny
 * heap; the ceiling keeps an unlimited descriptor limit on a big heap from meaning "no cap". The
 * caps per address and the rates are not derived: they bound one address, not the machine.
 *
 * @param connections the cap
 * @param heapMib the maximum heap it was fitted to, in whole MiB
 * @param fileDescriptors the process's file-descriptor limit, or -1 where the platform does not say
 */
public record ConnectionCap(int connections, long heapMib, long fileDescriptors) {
    public static final int PER_HEAP_MIB = 32;
    public static final int RESERVED_DESCRIPTORS = 256;
    public static final int FLOOR = 100;
    public static final int CEILING = 100_000;

    private static final long MIB = 1024 * 1024;

    /** The cap for a maximum heap of {@code maxHeapBytes} and {@code fileDescriptors} descriptors (-1: unknown). */
    public static ConnectionCap forMachine(long maxHeapBytes, long fileDescriptors) {
        long heapMib = maxHeapBytes / MIB;
        long byHeap = heapMib >= CEILING ? CEILING : heapMib * PER_HEAP_MIB;
        long byDescriptors = fileDescriptors < 0 ? CEILING : fileDescriptors - RESERVED_DESCRIPTORS;
        long fitted = Math.max(FLOOR, Math.min(CEILING, Math.min(byHeap, byDescriptors)));
        return new ConnectionCap((int) fitted, heapMib, fileDescriptors);
    }

    /** The cap for this JVM: its maximum heap ({@code -Xmx}) and its file-descriptor limit. */
    public static ConnectionCap ofThisProcess() {
        return forMachine(Runtime.getRuntime().maxMemory(), fileDescriptorLimit());
    }

    /** The limit the JVM runs with (on Linux the JVM raises the soft limit to the hard one at start); -1 if unknown. */
    private static long fileDescriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
