package dev.obrol.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Defaults for {@code obrol client} from {@code client.properties} in the config folder, so a
 * regular can type just {@code obrol client}. Command-line options win: picocli asks this
 * provider only for options that were not given. Keys: {@code server}, {@code port}, {@code
 * username}, {@code download-dir} ("~/" allowed), {@code color} (auto, always, never), {@code
 * lang} (en, id), {@code bell} (true, false). A missing file means no defaults. Immutable.
 */
public final class ClientDefaults implements IDefaultValueProvider {
    /** The file's name inside the config folder. */
    public static final String FILE_NAME = "client.properties";

    static final Set<String> KEYS = Set.of("server", "port", "username", "download-dir", "color", "lang", "bell");

    /** Option or parameter label, as picocli names it, to the key in the file. */
    private static final Map<String, String> KEY_OF = Map.of(
            "HOST", "server",
            "PORT", "port",
            "--username", "username",
            "--download-dir", "download-dir",
            "--color", "color",
            "--lang", "lang");

    private final Path file;
    private final Properties values;

    private ClientDefaults(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    /** The defaults in {@code configDir}; none if the file does not exist. */
    public static ClientDefaults load(Path configDir) throws IOException {
        Path file = configDir.resolve(FILE_NAME);
        Properties values = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(in);
            }
        }
        return new ClientDefaults(file, values);
    }

    /** No defaults at all (tests, generated docs). */
    public static ClientDefaults none() {
        return new ClientDefaults(null, new Properties());
    }

    public Path file() {
        return file;
    }

    /** Keys in the file that mean nothing (typos), sorted, so the client can say so. */
    public List<String> unknownKeys() {
        Set<String> unknown = new TreeSet<>(values.stringPropertyNames());
        unknown.removeAll(KEYS);
        return List.copyOf(unknown);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        String name = arg instanceof OptionSpec option ? option.longestName()
                : arg instanceof PositionalParamSpec positional ? positional.paramLabel() : null;
        if ("--no-bell".equals(name)) {
            String bell = value("bell");
            return bell == null ? null : String.valueOf(!Boolean.parseBoolean(bell));
        }
        String key = name == null ? null : KEY_OF.get(name);
        if (key == null) {
            return null;
        }
        String value = value(key);
        if (value != null && key.equals("download-dir") && (value.equals("~") || value.startsWith("~/"))) {
            value = System.getProperty("user.home") + value.substring(1);
        }
        return value;
    }

    private String value(String key) {
        String value = values.getProperty(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
