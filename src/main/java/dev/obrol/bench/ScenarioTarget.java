package dev.obrol.bench;

import java.net.InetSocketAddress;
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
        return where + " (in-process server" + (log == null ? "" : ", traffic log " + log) + ")";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
