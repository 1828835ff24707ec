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

/** {@code obrol bench broadcast}: time from the operator's broadcast to the first and last of N recipients. */
@Command(
        name = "broadcast",
        mixinStandardHelpOptions = true,
        description = {
            "Log in N recipients, then time --rounds operator broadcasts from the call to the first and the last arrival.",
            "Needs --server-process (the broadcast is typed on the server's console) or --start-server (called in this"
                    + " JVM): the operator's broadcast is not reachable over the network."
        })
final class BroadcastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    BenchCommand bench;

    @Mixin
    TargetOptions target;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1000", description = "Recipients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Broadcasts to time (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "2",
            description = "Broadcasts before the measured ones, shown but not counted: a fresh server's first broadcasts"
                    + " run code not yet compiled (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--pause", paramLabel = "TIME", defaultValue = "500ms", converter = DurationConverter.class,
            description = "Quiet time before each broadcast (default: ${DEFAULT-VALUE}).")
    Duration pause;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for every recipient before counting the rest as missed (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        target.validate(cl);
        if (!target.startsServer()) {
            throw new ParameterException(cl, "broadcast needs --server-process or --start-server: the operator's broadcast"
                    + " is a console command, not reachable over the network.");
        }
        if (clients < 1 || rounds < 1) {
            throw new ParameterException(cl, "--clients and --rounds must be at least 1.");
        }
        if (warmupRounds < 0) {
            throw new ParameterException(cl, "--warmup-rounds must be 0 or more, got " + warmupRounds + ".");
        }
        BroadcastScenario.Config config = new BroadcastScenario.Config(
                clients, rounds, pause, timeout, target.threads, target.obrolLogin, warmupRounds);
        try (ScenarioTarget t = ScenarioTarget.open(cl, target, bench.servers())) {
            BroadcastResult r = new BroadcastScenario(config, new Progress(cl.getErr())).run(t.server());
            SummaryTable table = new SummaryTable("obrol bench broadcast: " + t.describe())
                    .row("recipients", "%,d (%s login), %d rounds", clients, target.obrolLogin ? "obrol" : "v1", rounds)
                    .row("last recipient", "median %.3f ms, worst %.3f ms", r.lastMsMedian(), r.lastMsMax())
                    .latency("every arrival", r.arrivalMs())
                    .row("missed / errors", "%,d / %,d", r.missed(), r.errors());
            for (int i = 0; i < r.warmup().size(); i++) {
                BroadcastResult.Round round = r.warmup().get(i);
                table.row("warm-up " + (i + 1), "%,d received, first %.3f ms, last %.3f ms (not counted)",
                        round.received(), round.firstMs(), round.lastMs());
            }
            for (int i = 0; i < r.perRound().size(); i++) {
                BroadcastResult.Round round = r.perRound().get(i);
                table.row("round " + (i + 1), "%,d received, first %.3f ms, last %.3f ms", round.received(), round.firstMs(), round.lastMs());
            }
            return BenchCommand.emit(cl, target.json, r, table, r.missed() == 0 && r.errors() == 0);
        } catch (BenchException e) {
            cl.getErr().println("obrol bench broadcast: " + e.getMessage());
            return 1;
        }
    }
}
