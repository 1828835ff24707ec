package dev.obrol.bench;

import java.net.InetSocketAddress;
import java.util.List;
import picocli.CommandLine;

/** The server a scenario runs against: a started embedded one (closed with this) or a given address. */
final class ScenarioTarget implements AutoCloseable {
    private final InetSocketAddress address;
    private final EmbeddedServer server;

    private ScenarioTarget(InetSocketAddress address, EmbeddedServer server) {
        this.address = address;
        this.server = server;
    }

    static ScenarioTarget open(CommandLine cl, TargetOptions options, EmbeddedServer.Factory servers) {
        if (options.startServer) {
            EmbeddedServer server = servers.start(options.serverThreads);
            return new ScenarioTarget(server.address(), server);
        }
        if (options.serverProcess) {
            List<String> javaOptions = options.serverJavaOptions.isBlank()
                    ? List.of() : List.of(options.serverJavaOptions.strip().split("\\s+"));
            EmbeddedServer server = ServerProcess.start(options.serverThreads, javaOptions);
            return new ScenarioTarget(server.address(), server);
        }
        return new ScenarioTarget(options.address(cl), null);
    }

    InetSocketAddress address() {
        return address;
    }

    /** The embedded server, or null when the target is another process. */
    EmbeddedServer server() {
        return server;
    }

    String describe() {
        String where = address.getAddress().getHostAddress() + ":" + address.getPort();
        if (server == null) {
            return where;
        }
        String log = server.trafficLog();
        String kind = server.pid() > 0 ? "server process " + server.pid() : "in-process server";
        return where + " (" + kind + (log == null ? "" : ", traffic log " + log) + ")";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
