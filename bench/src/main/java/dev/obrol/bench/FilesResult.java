package dev.obrol.bench;

import java.util.List;

/**
 * The outcome of a {@code files} run. Megabytes are 10^6 bytes of file (not of the Base64 on the
 * wire, which is 4/3 of it). {@code aggregateMBps} counts every transfer's bytes over the time
 * from the first accept to the last byte in; each transfer's own rate is in {@code perTransfer}.
 */
public record FilesResult(
        String scenario,
        int transfers,
        long sizeBytes,
        int threads,
        long bytesReceived,
        double seconds,
        double aggregateMBps,
        List<Transfer> perTransfer,
        long completed,
        long badChunks,
        long errors,
        List<String> errorSamples) {

    /** One transfer's bytes, seconds and rate. */
    public record Transfer(String id, long bytes, double seconds, double mbPerSecond) {}
}
