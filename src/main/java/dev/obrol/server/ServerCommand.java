package dev.obrol.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the server lands (work in progress, not a feature). */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the obrol server.")
public final class ServerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("obrol server: not built yet");
        return 1;
    }
}
