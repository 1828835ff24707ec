package dev.obrol.client;

import dev.obrol.protocol.Usernames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The people the user watches ({@code /watch}): the client's own list, sent to each server that
 * supports it after every login. Kept in {@code watchlist} in the config folder, one name per line
 * in the order they were added, written atomically (temporary file, then rename): a crash never
 * leaves half a list. Names are matched ignoring case, width and composition ({@link
 * Usernames#key}), and kept as typed. Every change writes the file first and changes the list only
 * once the file is written, so the list in memory is always what the file holds. Thread-safe.
 */
public final class WatchList {
    /** Names a list may hold: as many as a server keeps for one connection (docs/PROTOCOL.md, "Presence"). */
    public static final int MAX_NAMES = 1000;

    private static final String FILE_NAME = "watchlist";
    private static final String HEADER = "# obrol: people you /watch, one name per line\n";

    /** Where the list is kept; null for a list kept in memory only. */
    private final Path file;
    /** Key to the name as typed, in the order added. */
    private final Map<String, String> byKey = new LinkedHashMap<>();

    private WatchList(Path file) {
        this.file = file;
    }

    /** The file the list is kept in, in the config folder {@code configDir}. */
    public static Path fileIn(Path configDir) {
        return configDir.resolve(FILE_NAME);
    }

    /** The list in {@code configDir}, read now; empty when there is no file yet. */
    public static WatchList load(Path configDir) throws IOException {
        WatchList list = new WatchList(fileIn(configDir));
        if (Files.exists(list.file)) {
            for (String line : Files.readAllLines(list.file, StandardCharsets.UTF_8)) {
                String name = Usernames.display(line.strip());
                // Blank lines, comments and names no server could know (a hand-edited file) are left out.
                if (!name.isEmpty() && !name.startsWith("#") && Usernames.check(name).isEmpty() && list.byKey.size() < MAX_NAMES) {
                    list.byKey.putIfAbsent(Usernames.key(name), name);
                }
            }
        }
        return list;
    }

    /** A list that is not saved anywhere: for tests, and when the file cannot be read. */
    public static WatchList inMemory() {
        return new WatchList(null);
    }

    /** The file the list is kept in, or null when it is kept in memory only. */
    public Path file() {
        return file;
    }

    /** The names watched, in the order they were added. */
    public synchronized List<String> names() {
        return new ArrayList<>(byKey.values());
    }

    public synchronized boolean contains(String name) {
        return byKey.containsKey(Usernames.key(name));
    }

    /**
     * Adds the names not watched yet (checked names, in {@link Usernames#display} form) and returns
     * them; names already watched are skipped. Nothing changes when the file cannot be written, or
     * when the list would hold more than {@link #MAX_NAMES}.
     */
    public synchronized List<String> add(Collection<String> names) throws IOException, Full {
        Map<String, String> next = new LinkedHashMap<>(byKey);
        List<String> added = new ArrayList<>();
        for (String name : names) {
            if (next.putIfAbsent(Usernames.key(name), name) == null) {
                added.add(name);
            }
        }
        if (next.size() > MAX_NAMES) {
            throw new Full();
        }
        commit(next, !added.isEmpty());
        return added;
    }

    /** Removes the names watched (matched ignoring case) and returns them as they were kept. */
    public synchronized List<String> remove(Collection<String> names) throws IOException {
        Map<String, String> next = new LinkedHashMap<>(byKey);
        List<String> removed = new ArrayList<>();
        for (String name : names) {
            String kept = next.remove(Usernames.key(name));
            if (kept != null) {
                removed.add(kept);
            }
        }
        commit(next, !removed.isEmpty());
        return removed;
    }

    private void commit(Map<String, String> next, boolean changed) throws IOException {
        if (!changed) {
            return;
        }
        if (file != null) {
            write(next.values());
        }
        byKey.clear();
        byKey.putAll(next);
    }

    private void write(Collection<String> names) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        names.forEach(name -> text.append(name).append('\n'));
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, FILE_NAME, ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp); // only still there when the write or the rename failed
        }
    }

    /** The list would hold more than {@link #MAX_NAMES} names. */
    public static final class Full extends Exception {
        Full() {
            super("watch list full", null, false, false);
        }
    }
}
