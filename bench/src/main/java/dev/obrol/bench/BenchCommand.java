package dev.obrol.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code obrol bench <scenario>}: the load tool, as redis-benchmark is to Redis. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = dev.obrol.Version.class,
        description = {
            "Load an obrol server and measure it. Scenarios: messages, connections, broadcast, files; chart draws"
                    + " messages results.",
            "Exit status: 0 when the run had no errors and lost nothing, 1 otherwise, 2 for bad options."
        },
        subcommands = {MessagesCommand.class, ConnectionsCommand.class, BroadcastCommand.class, FilesCommand.class,
            ChartCommand.class})
public final class BenchCommand implements Callable<Integer> {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Spec
    CommandSpec spec;

    private final EmbeddedServer.Factory servers;

    public BenchCommand() {
        this(InProcessServer::start);
    }

    /** With another way to start {@code --start-server} servers (tests). */
    BenchCommand(EmbeddedServer.Factory servers) {
        this.servers = servers;
    }

    EmbeddedServer.Factory servers() {
        return servers;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing scenario: messages, connections, broadcast or files.");
    }

    /** Prints {@code result} as JSON or as {@code table}, and turns it into the exit status. */
    static int emit(CommandLine cl, boolean json, Object result, SummaryTable table, boolean clean) {
        PrintWriter out = cl.getOut();
        if (json) {
            try {
                out.println(JSON.writeValueAsString(result));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
        } else {
            table.print(out);
        }
        return clean ? 0 : 1;
    }
}
