package dev.obrol.client.transfer;

import dev.obrol.client.ReceivedFileStore;
import dev.obrol.protocol.Usernames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hidden partial files of streamed transfers in the download directory, and what makes them
 * resumable. A partial is named after (sender, file name, size), so the same offer made again
 * finds it: {@code .obrol-partial-<key>.part}, with a small sidecar {@code .obrol-partial-<key>.meta}
 * recording sender, name and size (checked on resume, and telling a person what the file is).
 * Partial files are never named {@code received_*}: nothing incomplete ever looks complete.
 *
 * <p>A partial is claimed by one transfer at a time in this process; a second identical offer
 * arriving meanwhile gets a fresh, non-resumable partial. Thread-safe.
 */
public final class PartialFiles {
    static final String PREFIX = ".obrol-partial-";
    static final String SUFFIX = ".part";
    static final String META_SUFFIX = ".meta";

    private final Path directory;
    private final Set<Path> claimed = ConcurrentHashMap.newKeySet();

    public PartialFiles(Path directory) {
        this.directory = directory;
    }

    /** What a transfer of this file would resume from, without claiming anything (0 if nothing usable). */
    public long resumableBytes(String sender, String safeName, long size) {
        Path part = partialPath(sender, safeName, size);
        try {
            return matches(metaPath(part), sender, safeName, size) ? Math.min(Files.size(part), size) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Claims the partial for this file, creating it (and its sidecar) unless a matching one exists. */
    public Partial claim(String sender, String safeName, long size) throws IOException {
        Path part = partialPath(sender, safeName, size);
        if (!claimed.add(part)) {
            Path fresh = ReceivedFileStore.createHiddenFile(directory, PREFIX, SUFFIX);
            return new Partial(fresh, null, 0);
        }
        try {
            Path meta = metaPath(part);
            long offset = 0;
            if (Files.exists(part) && matches(meta, sender, safeName, size)) {
                offset = Math.min(Files.size(part), size);
            } else {
                writeMeta(meta, sender, safeName, size);
                Files.write(part, new byte[0]); // a stale or foreign partial starts again from nothing
            }
            return new Partial(part, meta, offset);
        } catch (IOException | RuntimeException e) {
            claimed.remove(part);
            throw e;
        }
    }

    Path partialPath(String sender, String safeName, long size) {
        return directory.resolve(PREFIX + key(sender, safeName, size) + SUFFIX);
    }

    static Path metaPath(Path part) {
        String name = part.getFileName().toString();
        return part.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + META_SUFFIX);
    }

    /** Stable for the same sender (ignoring case), name and size; 16 hex digits. */
    static String key(String sender, String safeName, long size) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((Usernames.key(sender) + "\n" + safeName + "\n" + size).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static boolean matches(Path meta, String sender, String safeName, long size) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return false;
        }
        return Usernames.key(sender).equals(Usernames.key(p.getProperty("sender", "")))
                && safeName.equals(p.getProperty("name"))
                && String.valueOf(size).equals(p.getProperty("size"));
    }

    private static void writeMeta(Path meta, String sender, String safeName, long size) throws IOException {
        Properties p = new Properties();
        p.setProperty("sender", sender);
        p.setProperty("name", safeName);
        p.setProperty("size", String.valueOf(size));
        try (OutputStream out = Files.newOutputStream(meta)) {
            p.store(out, "obrol: an incomplete file transfer; offering the same file again resumes it. Delete with its .part file.");
        }
    }

    /** One claimed partial file. Exactly one of {@link #release}, {@link #discard} or {@link #completed} ends the claim. */
    public final class Partial {
        private final Path path;
        private final Path meta;
        private final long offset;

        private Partial(Path path, Path meta, long offset) {
            this.path = path;
            this.meta = meta;
            this.offset = offset;
        }

        public Path path() {
            return path;
        }

        /** Bytes already here from an earlier attempt: where the transfer resumes. */
        public long offset() {
            return offset;
        }

        /** Keeps the partial for a later resume (after a failure that was not the file's fault). */
        public void release() {
            if (meta == null) {
                discard(); // a fresh extra copy cannot be found again: do not leave it behind
                return;
            }
            claimed.remove(path);
        }

        /** Deletes the partial and its sidecar (cancelled, or the data was wrong). */
        public void discard() {
            try {
                Files.deleteIfExists(path);
                if (meta != null) {
                    Files.deleteIfExists(meta);
                }
            } catch (IOException e) {
                // Best effort: a leftover hidden partial is never mistaken for a received file.
            } finally {
                claimed.remove(path);
            }
        }

        /** The partial has been moved to its final name: drops the sidecar and the claim. */
        public void completed() {
            try {
                if (meta != null) {
                    Files.deleteIfExists(meta);
                }
            } catch (IOException e) {
                // A stray sidecar without its .part is ignored on the next claim.
            } finally {
                claimed.remove(path);
            }
        }
    }
}
