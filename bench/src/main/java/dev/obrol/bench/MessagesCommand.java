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

/** {@code obrol bench messages}: pairs exchanging direct messages; throughput, latency, loss. */
@Command(
        name = "messages",
        mixinStandardHelpOptions = true,
        description = {
            "N pairs of clients exchanging direct messages (each client sends to its partner), open loop at a"
                    + " total offered --rate, or as fast as the --inflight windows allow with --rate 0.",
            "Latency is measured from each message's intended send time (no coordinated omission).",
            "With --irc the same scenario loads an IRC server at HOST PORT (default port " + IrcWire.DEFAULT_PORT + ")."
        })
final class MessagesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    BenchCommand bench;

    @Mixin
    TargetOptions target;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "100", description = "Client pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "100",
            description = "Length of each message's text (default: ${DEFAULT-VALUE}; at least " + Payload.MIN_SIZE + ").")
    int size;

    @Option(names = "--rate", paramLabel = "MSGS/S", defaultValue = "10000",
            description = "Total offered messages per second over all senders; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--inflight", paramLabel = "N", defaultValue = "64",
            description = "Most messages one client may have sent and not yet seen delivered (default: ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "Measured time (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "3s", converter = DurationConverter.class,
            description = "Load before measuring, to let the JIT settle (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--drain", paramLabel = "TIME", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long to wait for messages still in flight at the end before counting them lost (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--churn", paramLabel = "N", defaultValue = "0",
            description = "Beside the pairs, N more clients log in and out in a loop for the whole run (a presence storm;"
                    + " they log in as the pairs do). 0: none (default).")
    int churn;

    @Option(names = "--churn-close-rate", paramLabel = "N", defaultValue = "0",
            description = "How fast each round of --churn clients leaves: N a second, in groups 2 ms apart. 0: all at once,"
                    + " a burst of resets (default).")
    int churnCloseRate;

    @Option(names = "--irc",
            description = "Load an IRC server instead (e.g. InspIRCd, to compare): NICK/USER to log in, PRIVMSG for the"
                    + " messages, PONG to the server's PINGs; --size at most " + IrcWire.MAX_TEXT + ".")
    boolean irc;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        target.validate(cl);
        validate(cl);
        if (irc && target.port == null) {
            target.port = IrcWire.DEFAULT_PORT;
        }
        ChatWire wire = irc ? new IrcWire() : ObrolWire.login(target.obrolLogin);
        MessagesScenario.Config config = new MessagesScenario.Config(
                pairs, size, rate, inflight, duration, warmup, drain, target.threads, wire);
        Progress progress = new Progress(cl.getErr());
        try (ScenarioTarget t = ScenarioTarget.open(cl, target, bench.servers());
                ChurnLoad storm = churn > 0 ? new ChurnLoad(t.address(), churn, churnCloseRate, wire) : null) {
            if (storm != null) {
                progress.print(String.format("%,d more clients log in and out in a loop from now on", churn));
                storm.start();
            }
            MessagesResult r = new MessagesScenario(config, progress).run(t.address());
            if (storm != null) {
                storm.close(); // before the summary: its rate covers the run
                r = r.withChurn(churn, storm.loginsPerSecond(), storm.errors());
            }
            SummaryTable table = new SummaryTable("obrol bench messages: " + t.describe() + (irc ? " (IRC)" : ""))
                    .row("pairs / size / inflight", "%,d pairs, %d-byte messages, %d in flight per client", pairs, size, inflight)
                    .row("offered", rate == 0 ? "as fast as possible (closed loop)" : String.format("%,d msgs/s", rate))
                    .row("delivered", "%,.0f msgs/s over %.1f s (after %.1f s warm-up)",
                            r.deliveredPerSecond(), r.durationSeconds(), r.warmupSeconds())
                    .latency("latency", r.latencyMs())
                    .row("sent / delivered", "%,d / %,d", r.sent(), r.delivered())
                    .row(r.drained() ? "lost / reordered" : "undelivered / reordered", "%,d / %,d%s", r.lost(), r.reordered(),
                            r.drained() ? "" : " (drain timed out: still in flight or lost)")
                    .row("unsent at end", "%,d (fell due while the window was full)", r.unsent())
                    .row("errors", "%,d %s", r.errors(), r.errorSamples().isEmpty() ? "" : r.errorSamples())
                    .row("logins", "%,.0f/s (%s login)", r.loginsPerSecond(), r.login());
            if (churn > 0) {
                table.row("churn", "%,d clients logging in and out: %,.0f logins/s, %,d errors", churn, r.churnLoginsPerSecond(),
                        r.churnErrors());
            }
            return BenchCommand.emit(cl, target.json, r, table, r.lost() == 0 && r.errors() == 0);
        } catch (BenchException e) {
            cl.getErr().println("obrol bench messages: " + e.getMessage());
            return 1;
        }
    }

    private void validate(CommandLine cl) {
        if (pairs < 1) {
            throw new ParameterException(cl, "--pairs must be at least 1, got " + pairs + ".");
        }
        if (size < Payload.MIN_SIZE || size > 60_000) {
            throw new ParameterException(cl, "--size must be between " + Payload.MIN_SIZE + " and 60000 bytes, got " + size + ".");
        }
        if (rate < 0) {
            throw new ParameterException(cl, "--rate must be 0 (as fast as possible) or more, got " + rate + ".");
        }
        if (inflight < 1) {
            throw new ParameterException(cl, "--inflight must be at least 1, got " + inflight + ".");
        }
        if (duration.isZero() || warmup.isNegative() || drain.isNegative()) {
            throw new ParameterException(cl, "--duration must be positive.");
        }
        if (churn < 0) {
            throw new ParameterException(cl, "--churn must be 0 or more, got " + churn + ".");
        }
        if (churnCloseRate < 0) {
            throw new ParameterException(cl, "--churn-close-rate must be 0 (all at once) or more, got " + churnCloseRate + ".");
        }
        if (irc && target.startsServer()) {
            throw new ParameterException(cl, "--irc loads an IRC server at HOST PORT; it cannot start one.");
        }
        if (irc && target.obrolLogin) {
            throw new ParameterException(cl, "--obrol-login is for obrol servers, not for --irc.");
        }
        if (irc && size > IrcWire.MAX_TEXT) {
            throw new ParameterException(cl, "--size must be at most " + IrcWire.MAX_TEXT
                    + " with --irc (an IRC line is at most 512 bytes), got " + size + ".");
        }
    }
}
