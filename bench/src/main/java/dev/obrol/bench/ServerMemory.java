package dev.obrol.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server process's resident memory (VmRSS in /proc/PID/status) and Java heap in use,
 * each after a full GC so that garbage does not count as per-connection cost. In-process through
 * the MemoryMXBean; for another process through {@code jcmd PID GC.run} and {@code GC.heap_info}.
 */
abstract class ServerMemory {
    /** Bytes; -1 when unknown. */
    record Snapshot(long rssBytes, long heapBytes) {}

    /** Where the figures come from, for the report. */
    abstract String source();

    abstract Snapshot measure();

    /** The bench's own JVM: includes the load generator's memory, so an upper bound for the server's. */
    static ServerMemory inProcess() {
        return new ServerMemory() {
            @Override
            String source() {
                return "in-process (pid " + ProcessHandle.current().pid() + "; includes the load generator)";
            }

            @Override
            Snapshot measure() {
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                memory.gc();
                memory.gc(); // a second cycle picks up what the first one's finalization released
                return new Snapshot(rss(ProcessHandle.current().pid()), memory.getHeapMemoryUsage().getUsed());
            }
        };
    }

    static ServerMemory ofPid(long pid) {
        return new ServerMemory() {
            @Override
            String source() {
                return "pid " + pid + " (jcmd GC.run, /proc)";
            }

            @Override
            Snapshot measure() {
                jcmd(pid, "GC.run");
                long heap = parseHeapUsed(jcmd(pid, "GC.heap_info"));
                return new Snapshot(rss(pid), heap);
            }
        };
    }

    static ServerMemory unknown() {
        return new ServerMemory() {
            @Override
            String source() {
                return "unknown (give --server-pid or use --start-server)";
            }

            @Override
            Snapshot measure() {
                return new Snapshot(-1, -1);
            }
        };
    }

    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or the process is gone: report unknown rather than fail the run.
        }
        return -1;
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /**
     * The heap's used bytes from GC.heap_info: the sum of "used NNNK" over its top-level lines (one
     * leading space), which are the whole heap for G1 ("garbage-first heap") and each generation
     * for Serial ("def new generation", "tenured generation") and Parallel ("PSYoungGen",
     * "ParOldGen"); Metaspace is not heap. -1 when no line says so in KiB (ZGC and Shenandoah write
     * their heap otherwise): unknown rather than wrong.
     */
    static long parseHeapUsed(String heapInfo) {
        long usedKiB = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            if (!line.startsWith(" ") || line.startsWith("  ") || line.startsWith(" Metaspace")) {
                continue;
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                usedKiB += Long.parseLong(m.group(1));
                found = true;
            }
        }
        return found ? usedKiB * 1024 : -1;
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new BenchException("jcmd " + pid + " " + command + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new BenchException("cannot run " + jcmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while running jcmd");
        }
    }
}
