package dev.obrol.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The client's trust-on-first-use memory of server certificates, like SSH's known_hosts: one line
 * per server, {@code host:port SHA256:...}, in {@code known_servers} in the config folder. Written
 * atomically (temporary file, then rename). Thread-safe.
 */
public final class KnownServers {
    private final Path file;

    public KnownServers(Path file) {
        this.file = file;
    }

    /** The file in the user's config folder. */
    public static KnownServers inConfigDir() {
        return new KnownServers(ConfigDir.get().resolve("known_servers"));
    }

    public Path file() {
        return file;
    }

    /** The fingerprint remembered for {@code server} ("host:port"), if any. */
    public synchronized Optional<String> lookup(String server) {
        return Optional.ofNullable(read().get(key(server)));
    }

    /** Remembers (or replaces) the fingerprint for {@code server}. */
    public synchronized void remember(String server, String fingerprint) {
        Map<String, String> all = read();
        all.put(key(server), Fingerprints.normalize(fingerprint));
        StringBuilder text = new StringBuilder("# obrol: servers whose TLS certificate you accepted (host:port fingerprint)\n");
        all.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "known_servers", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Map<String, String> read() {
        Map<String, String> all = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return all;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && !parts[0].startsWith("#")) {
                    all.put(parts[0], parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return all;
    }

    private static String key(String server) {
        return server.toLowerCase(Locale.ROOT);
    }
}
