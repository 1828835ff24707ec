package dev.obrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.testing.JarProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/obrol}, the launcher people run: the JVM options it adds by itself, and that options in
 * {@code JAVA_OPTS} win. Each case starts the real script with {@code -XX:+PrintFlagsFinal}, which
 * makes the JVM print the value and origin of every option before obrol prints its help.
 */
class LauncherProcessIT {
    private static final List<String> INLINING_OPTIONS = List.of("MaxInlineLevel", "FreqInlineSize", "InlineSmallCode");
    private static final List<String> LESS_INLINING = List.of("5 {command line}", "100 {command line}", "500 {command line}");
    private static final Path LAUNCHER = Path.of(JarProcess.jar()).toAbsolutePath().getParent().getParent().getParent()
            .resolve("bin").resolve("obrol");

    @Test
    void theClientInlinesLessThanTheJvmWould() throws Exception {
        assertThat(inlining(launch("", "client"))).isEqualTo(LESS_INLINING);
    }

    @Test
    void aSmallServerInlinesLessToo() throws Exception {
        assertThat(inlining(launch("-Xmx64m", "server"))).isEqualTo(LESS_INLINING);
    }

    @Test
    void aServerWithABiggerHeapKeepsTheJvmsInlining() throws Exception {
        for (String javaOpts : new String[] {"", "-Xmx257m"}) {
            assertThat(inlining(launch(javaOpts, "server"))).as(javaOpts).allMatch(value -> value.endsWith("{default}"));
        }
    }

    @Test
    void theLoadToolKeepsTheJvmsInliningWhateverItsHeap() throws Exception {
        assertThat(inlining(launch("-Xmx64m", "bench"))).allMatch(value -> value.endsWith("{default}"));
    }

    @Test
    void anInliningOptionInJavaOptsReplacesAllThreeOfTheClients() throws Exception {
        assertThat(inlining(launch("-XX:MaxInlineLevel=9", "client")))
                .satisfiesExactly(
                        level -> assertThat(level).isEqualTo("9 {command line}"),
                        size -> assertThat(size).endsWith("{default}"),
                        smallCode -> assertThat(smallCode).endsWith("{default}"));
    }

    @Test
    void aSmallHeapGetsTheSerialCollectorAndStartsSmall() throws Exception {
        String flags = launch("-Xmx64m", "server");

        assertThat(flag(flags, "UseSerialGC")).isEqualTo("true {command line}");
        assertThat(flag(flags, "InitialHeapSize")).isEqualTo("8388608 {command line}");
    }

    @Test
    void aCollectorInJavaOptsWinsOverTheSmallHeapsDefault() throws Exception {
        String flags = launch("-Xmx64m -XX:+UseParallelGC", "server");

        assertThat(flag(flags, "UseParallelGC")).isEqualTo("true {command line}");
        assertThat(flag(flags, "UseSerialGC")).isEqualTo("false {default}");
    }

    /** Runs {@code bin/obrol COMMAND --help} with {@code JAVA_OPTS} and returns what it printed. */
    private static String launch(String javaOpts, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), command, "--help").redirectErrorStream(true);
        builder.environment().put("JAVA_OPTS", (javaOpts + " -XX:+PrintFlagsFinal").trim());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("obrol itself ran after the JVM's flags").contains("Usage:");
        return output;
    }

    /** "VALUE {ORIGIN}" of each of the three inlining options bin/obrol may set. */
    private static List<String> inlining(String flags) {
        return INLINING_OPTIONS.stream().map(name -> flag(flags, name)).toList();
    }

    /** "VALUE {ORIGIN}" of one option in the JVM's -XX:+PrintFlagsFinal table. */
    private static String flag(String flags, String name) {
        Matcher line = Pattern.compile("^\\s*\\S+\\s+" + name + "\\s+= (\\S+)\\s+\\{[^}]*\\} (\\{[^}]*\\})", Pattern.MULTILINE)
                .matcher(flags);
        assertThat(line.find()).as(name + " in the JVM's flags").isTrue();
        return line.group(1) + " " + line.group(2);
    }
}
