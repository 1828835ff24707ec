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

/** {@code obrol bench connections}: many idle logged-in clients; logins/s and server memory per connection. */
@Command(
        name = "connections",
        mixinStandardHelpOptions = true,
        description = {
            "Log in N idle clients at --rate logins/s and report logins/s and the server's resident memory and heap"
                    + " per connection, each measured after a full GC.",
            "Memory is read from --server-pid (jcmd and /proc) or, with --start-server, from this JVM, which then"
                    + " also holds the clients' side: an upper bound.",
            "Beyond " + SourceAddresses.PER_ADDRESS + " clients to a loopback server, clients connect from 127.0.0.1,"
                    + " 127.0.0.2, ...; to a remote server one source address limits N to the ephemeral port range."
        })
final class ConnectionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    BenchCommand bench;

    @Mixin
    TargetOptions target;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1000", description = "Idle clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rate", paramLabel = "LOGINS/S", defaultValue = "0",
            description = "Logins started per second; 0 = as fast as --concurrency allows (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "256",
            description = "Most logins under way at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--hold", paramLabel = "TIME", defaultValue = "0s", converter = DurationConverter.class,
            description = "Keep the clients connected this long after measuring (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--server-pid", paramLabel = "PID", description = "Process id of the server, to read its memory.")
    Long serverPid;

    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "1",
            description = "Times the same number of clients log in and out, unmeasured, before the measured round, so the"
                    + " compilers of both sides have settled (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    /** Where the server's memory is read: the given or started process, this JVM, or nowhere. */
    private ServerMemory memory(ScenarioTarget t) {
        if (serverPid != null) {
            return ServerMemory.ofPid(serverPid);
        }
        if (t.server() != null) {
            return t.server().pid() > 0 ? ServerMemory.ofPid(t.server().pid()) : ServerMemory.inProcess();
        }
        return ServerMemory.unknown();
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        target.validate(cl);
        if (clients < 1) {
            throw new ParameterException(cl, "--clients must be at least 1, got " + clients + ".");
        }
        if (rate < 0 || concurrency < 1) {
            throw new ParameterException(cl, "--rate must be 0 or more and --concurrency at least 1.");
        }
        if (warmupRounds < 0) {
            throw new ParameterException(cl, "--warmup-rounds must be 0 or more, got " + warmupRounds + ".");
        }
        if (serverPid != null && target.startsServer()) {
            throw new ParameterException(cl, "--server-pid is for a server you started, not with --start-server or --server-process.");
        }
        String warning = target.startsServer() ? null : SourceAddresses.limitWarning(clients, target.address(cl));
        if (warning != null) {
            cl.getErr().println(warning);
        }
        ConnectionsScenario.Config config = new ConnectionsScenario.Config(
                clients, rate, concurrency, hold, target.threads, target.obrolLogin, warmupRounds);
        try (ScenarioTarget t = ScenarioTarget.open(cl, target, bench.servers())) {
            ConnectionsResult r = new ConnectionsScenario(config, new Progress(cl.getErr())).run(t.address(), memory(t));
            SummaryTable table = new SummaryTable("obrol bench connections: " + t.describe())
                    .row("clients", "%,d idle (%s login), from %d source address(es)",
                            clients, target.obrolLogin ? "obrol" : "v1", r.sourceAddresses())
                    .row("logins", "%,.0f/s (offered: %s)", r.loginsPerSecond(), rate == 0 ? "max" : rate + "/s")
                    .latency("login latency", r.loginLatencyMs())
                    .row("memory source", "%s", r.memorySource())
                    .row("RSS", "%s -> %s: %s per connection", SummaryTable.bytes(r.rssBeforeBytes()),
                            SummaryTable.bytes(r.rssAfterBytes()), SummaryTable.bytes(r.rssPerConnectionBytes()))
                    .row("heap (after GC)", "%s -> %s: %s per connection", SummaryTable.bytes(r.heapBeforeBytes()),
                            SummaryTable.bytes(r.heapAfterBytes()), SummaryTable.bytes(r.heapPerConnectionBytes()))
                    .row("errors", "%,d", r.errors());
            return BenchCommand.emit(cl, target.json, r, table, r.errors() == 0);
        } catch (BenchException e) {
            cl.getErr().println("obrol bench connections: " + e.getMessage());
            return 1;
        }
    }
}
