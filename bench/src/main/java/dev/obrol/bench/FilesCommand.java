package dev.obrol.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code obrol bench files}: MB/s of one or several streamed-file transfers at once through the server. */
@Command(
        name = "files",
        mixinStandardHelpOptions = true,
        description = {
            "Stream --transfers files of --size at once, each from its own sender to its own receiver through the"
                    + " server, with the obrol client's window and acknowledgements, and report MB/s.",
            "The files are random bytes held in memory: no disk, no hashing (every chunk's bytes are checked on"
                    + " arrival instead), so this measures what the server relays. bench/files.sh times real"
                    + " obrol clients with files on disk."
        })
final class FilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    BenchCommand bench;

    @Mixin
    TargetOptions target;

    @Option(names = "--transfers", paramLabel = "N", defaultValue = "1",
            description = "Transfers at once, each between two clients of its own (default: ${DEFAULT-VALUE}).")
    int transfers;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "256MiB", converter = ByteSizeConverter.class,
            description = "Bytes of each file: 1GiB, 256MiB, 100MB, ... (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "10m", converter = DurationConverter.class,
            description = "Give up on transfers not complete by then (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--chunks", paramLabel = "KIND", defaultValue = "binary",
            description = "How chunks travel: binary (binary frames, as obrol clients send them) or base64 "
                    + "(FILE_CHUNK JSON, as older clients do) (default: ${DEFAULT-VALUE}).")
    ChunkKind chunks;

    /** The two shapes a file chunk can take on the wire. */
    enum ChunkKind { binary, base64 }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        target.validate(cl);
        if (transfers < 1 || transfers > 1000) {
            throw new ParameterException(cl, "--transfers must be between 1 and 1000, got " + transfers + ".");
        }
        if (size < 1) {
            throw new ParameterException(cl, "--size must be at least 1 byte.");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(cl, "--timeout must be positive.");
        }
        FilesScenario.Config config = new FilesScenario.Config(transfers, size, target.threads, timeout, chunks == ChunkKind.binary);
        try (ScenarioTarget t = ScenarioTarget.open(cl, target, bench.servers())) {
            FilesResult r = new FilesScenario(config, new Progress(cl.getErr())).run(t.address());
            SummaryTable table = new SummaryTable("obrol bench files: " + t.describe())
                    .row("transfers", "%d at once, %s each, %s chunks", transfers, SummaryTable.bytes(size), chunks)
                    .row("throughput", "%,.1f MB/s over %.2f s (all transfers, file bytes)", r.aggregateMBps(), r.seconds())
                    .row("completed", "%d of %d, %s received", r.completed(), transfers, SummaryTable.bytes(r.bytesReceived()))
                    .row("bad chunks / errors", "%,d / %,d %s", r.badChunks(), r.errors(),
                            r.errorSamples().isEmpty() ? "" : r.errorSamples());
            for (FilesResult.Transfer transfer : r.perTransfer()) {
                table.row("transfer " + transfer.id(), "%,.1f MB/s (%.2f s)", transfer.mbPerSecond(), transfer.seconds());
            }
            boolean clean = r.completed() == transfers && r.badChunks() == 0 && r.errors() == 0;
            return BenchCommand.emit(cl, target.json, r, table, clean);
        } catch (BenchException e) {
            cl.getErr().println("obrol bench files: " + e.getMessage());
            return 1;
        }
    }
}
