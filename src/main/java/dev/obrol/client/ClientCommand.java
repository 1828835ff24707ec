package dev.obrol.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the client lands (work in progress, not a feature). */
@Command(name = "client", mixinStandardHelpOptions = true, description = "Run the obrol client.")
public final class ClientCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("obrol client: not built yet");
        return 1;
    }
}
