package dev.obrol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code obrol bench chart}: draws throughput and p99 against offered rate from {@code messages --json} files. */
@Command(
        name = "chart",
        mixinStandardHelpOptions = true,
        description = "Draw delivered msgs/s and p99 latency against offered rate, as SVG, from `messages --json` result files.")
final class ChartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT.json", description = "Files written by `obrol bench messages --json`.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.svg", required = true, description = "Where to write the SVG.")
    Path output;

    @Option(names = "--title", defaultValue = "obrol bench messages", description = "Chart title (default: ${DEFAULT-VALUE}).")
    String title;

    @Override
    public Integer call() throws IOException {
        List<SvgChart.Point> points = new ArrayList<>();
        for (Path input : inputs) {
            JsonNode node;
            try {
                node = BenchCommand.JSON.readTree(input.toFile());
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "Cannot read " + input + ": " + e.getMessage());
            }
            if (!"messages".equals(node.path("scenario").asText())) {
                throw new ParameterException(spec.commandLine(), input + " is not a `messages --json` result.");
            }
            points.add(new SvgChart.Point(
                    node.path("offeredRate").asDouble(),
                    node.path("deliveredPerSecond").asDouble(),
                    node.path("latencyMs").path("p99").asDouble(),
                    node.path("lost").asLong() + node.path("errors").asLong()));
        }
        points.sort(Comparator.comparingDouble(SvgChart.Point::offered));
        Files.writeString(output, new SvgChart(title, points).render(), StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("wrote " + output + " (" + points.size() + " runs)");
        return 0;
    }
}
