package dev.obrol.bench;

/**
 * The outcome of a {@code connections} run. Memory figures are bytes, -1 when unknown; "per
 * connection" is (after - before) / clients, both measured after a full GC.
 */
public record ConnectionsResult(
        String scenario,
        int clients,
        int offeredRate,
        int loginProtocol,
        int sourceAddresses,
        double loginsPerSecond,
        Latency loginLatencyMs,
        String memorySource,
        long rssBeforeBytes,
        long rssAfterBytes,
        long rssPerConnectionBytes,
        long heapBeforeBytes,
        long heapAfterBytes,
        long heapPerConnectionBytes,
        long errors) {}
