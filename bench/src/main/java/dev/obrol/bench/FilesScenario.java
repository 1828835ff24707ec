package dev.obrol.bench;

import dev.obrol.protocol.StreamLimits;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code files} scenario: {@code transfers} streamed-file transfers at once, each from its own
 * sender to its own receiver through the server, every one {@code size} bytes. Both ends of a
 * transfer share an event loop. Ends when every transfer has all its bytes, on an error, or at
 * {@code timeout}.
 */
final class FilesScenario {

    /** {@code binary}: both ends negotiate binary chunk frames (what obrol clients do), else Base64 JSON chunks. */
    record Config(int transfers, long size, int threads, Duration timeout, boolean binary) {}

    private final Config config;
    private final Progress progress;

    FilesScenario(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    FilesResult run(InetSocketAddress target) {
        int clients = 2 * config.transfers();
        try (LoadGenerator generator = new LoadGenerator(config.threads(), target,
                SourceAddresses.forClients(clients, target), ObrolWire.obrolLogin(features()))) {
            FileStats stats = new FileStats();
            FilePayload payload = new FilePayload(config.size(), 42, config.binary());
            List<EventLoop> loops = generator.loops();
            String run = RunIds.next();
            List<StreamSender> senders = new ArrayList<>();
            List<StreamReceiver> receivers = new ArrayList<>();
            List<Logins.Request> requests = new ArrayList<>();
            for (int i = 0; i < config.transfers(); i++) {
                EventLoop loop = loops.get(i % loops.size());
                String from = run + "-" + i + "s";
                String to = run + "-" + i + "r";
                String id = run + "_" + i;
                StreamSender sender = new StreamSender(from, to, id, payload, stats);
                StreamReceiver receiver = new StreamReceiver(to, id, payload, stats, sender);
                senders.add(sender);
                receivers.add(receiver);
                requests.add(new Logins.Request(loop, from, sender));
                requests.add(new Logins.Request(loop, to, receiver));
            }
            progress.print(String.format("logging in %,d clients (%d transfers of %,d bytes) to %s",
                    clients, config.transfers(), config.size(), target));
            Logins.Outcome logins = Logins.run(generator, requests, 256, 0, progress);
            for (int i = 0; i < config.transfers(); i++) {
                senders.get(i).attach(logins.connections().get(2 * i).channel());
                receivers.get(i).attach(logins.connections().get(2 * i + 1).channel());
            }
            senders.forEach(s -> s.channelLoop().execute(s::offer));
            await(stats);
            stats.closing();
            logins.connections().forEach(c -> c.channel().close());
            return result(stats);
        }
    }

    private List<String> features() {
        return config.binary() ? List.of(StreamLimits.FEATURE, StreamLimits.BINARY_FEATURE) : List.of(StreamLimits.FEATURE);
    }

    /** Progress every second until every transfer is in, an error, or the timeout. */
    private void await(FileStats stats) {
        long start = System.nanoTime();
        long deadline = start + config.timeout().toNanos();
        long lastBytes = 0;
        long lastTime = start;
        while (stats.finished.size() < config.transfers() && stats.errors.sum() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000);
            long now = System.nanoTime();
            if (now - lastTime >= 1_000_000_000L) {
                long bytes = stats.bytesReceived.sum();
                progress.print(String.format("received %,.0f MB of %,.0f, %,.1f MB/s, %d of %d transfers done",
                        bytes / 1e6, config.size() * (double) config.transfers() / 1e6,
                        (bytes - lastBytes) / 1e6 / ((now - lastTime) / 1e9), stats.finished.size(), config.transfers()));
                lastBytes = bytes;
                lastTime = now;
            }
        }
        if (stats.finished.size() < config.transfers() && stats.errors.sum() == 0) {
            stats.error("timed out after " + config.timeout().toSeconds() + " s with " + stats.finished.size()
                    + " of " + config.transfers() + " transfers complete");
        }
    }

    private FilesResult result(FileStats stats) {
        List<FileStats.Finished> done = new ArrayList<>(stats.finished);
        done.sort(Comparator.comparing(FileStats.Finished::id));
        long first = done.stream().mapToLong(FileStats.Finished::startNanos).min().orElse(0);
        long last = done.stream().mapToLong(FileStats.Finished::endNanos).max().orElse(0);
        double seconds = (last - first) / 1e9;
        long bytes = done.stream().mapToLong(FileStats.Finished::bytes).sum();
        List<FilesResult.Transfer> perTransfer = done.stream()
                .map(f -> new FilesResult.Transfer(f.id(), f.bytes(), f.seconds(), f.bytes() / 1e6 / f.seconds()))
                .toList();
        return new FilesResult(
                "files",
                config.transfers(),
                config.size(),
                config.threads(),
                stats.bytesReceived.sum(),
                seconds,
                seconds > 0 ? bytes / 1e6 / seconds : 0,
                perTransfer,
                done.size(),
                stats.badChunks.sum(),
                stats.errors.sum(),
                stats.errorSamples());
    }
}
