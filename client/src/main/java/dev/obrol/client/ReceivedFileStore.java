package dev.obrol.client;

import dev.obrol.protocol.FileNames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes accepted files into the download directory as {@code received_<name>}, where the name
 * is sanitized (a hostile sender cannot leave the directory), an existing file is never replaced
 * ({@code received_<stem>_1<ext>}, {@code _2}, ...), and a file is never visible under its final
 * name before it is complete: bytes go to a hidden temporary file in the same directory, which is
 * then linked or moved into place with an operation that fails when the name is taken, so two
 * receivers racing for one name both keep their file. Thread-safe (the file system arbitrates).
 */
public final class ReceivedFileStore {
    static final String PREFIX = "received_";
    /** Temporary files start with a dot (hidden) and never with the final prefix. */
    static final String TEMP_PREFIX = ".obrol-incoming-";
    static final String TEMP_SUFFIX = ".part";
    /** Gives up after this many taken names rather than loop forever on a full directory. */
    private static final int MAX_ATTEMPTS = 10_000;

    private final Path directory;

    public ReceivedFileStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** A sink for one incoming file: write the bytes, then {@link Incoming#complete} or close to discard. */
    public Incoming begin(String offeredName) throws IOException {
        Path temp = createHiddenFile(directory, TEMP_PREFIX, TEMP_SUFFIX);
        return new Incoming(FileNames.sanitize(offeredName), temp);
    }

    /**
     * Creates a new, empty file {@code prefix<random>suffix} in {@code directory} with the
     * permissions any new file gets there (the user's umask), never replacing or following
     * anything that exists. The received file keeps that mode when it gets its final name, so
     * it is saved like any other download; {@link Files#createTempFile} would make it owner-only.
     */
    public static Path createHiddenFile(Path directory, String prefix, String suffix) throws IOException {
        while (true) {
            Path candidate = directory.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                // Another file has this name already: draw another.
            }
        }
    }

    /**
     * A sink for a file already written elsewhere in this directory (a streamed transfer's hidden
     * partial file): {@link Incoming#complete} gives it its {@code received_} name. Closing without
     * completing deletes it.
     */
    public Incoming adopt(String offeredName, Path written) {
        return new Incoming(FileNames.sanitize(offeredName), written);
    }

    /** Stores a whole file in one call; returns where it was written. */
    public Path save(String offeredName, byte[] data) throws IOException {
        try (Incoming incoming = begin(offeredName)) {
            try (OutputStream out = incoming.output()) {
                out.write(data);
            }
            return incoming.complete();
        }
    }

    /** The name tried on the {@code attempt}-th try: received_notes.txt, received_notes_1.txt, ... */
    static String candidate(String safeName, int attempt) {
        if (attempt == 0) {
            return PREFIX + safeName;
        }
        return PREFIX + FileNames.stem(safeName) + "_" + attempt + FileNames.extension(safeName);
    }

    /**
     * One file being received. Shaped for the streamed transfers to come: the bytes can arrive in
     * many writes to {@link #output()}. Closing without {@link #complete()} deletes the temporary file.
     */
    public final class Incoming implements AutoCloseable {
        private final String safeName;
        private final Path temp;
        private boolean completed;

        private Incoming(String safeName, Path temp) {
            this.safeName = safeName;
            this.temp = temp;
        }

        /** The sanitized name the file will be stored under (before prefix and numbering). */
        public String safeName() {
            return safeName;
        }

        public OutputStream output() throws IOException {
            return Files.newOutputStream(temp);
        }

        /** Moves the finished file to its first free {@code received_} name and returns it. */
        public Path complete() throws IOException {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Path target = directory.resolve(candidate(safeName, attempt));
                if (claim(target)) {
                    completed = true;
                    return target;
                }
            }
            throw new FileAlreadyExistsException(directory.resolve(candidate(safeName, 0)).toString());
        }

        /** Puts the temp file at {@code target} unless something is there; false if the name is taken. */
        private boolean claim(Path target) throws IOException {
            try {
                // A hard link fails atomically when the name exists, so a file that appeared a
                // moment ago is never replaced (a rename would silently replace it on POSIX).
                Files.createLink(target, temp);
                Files.deleteIfExists(temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException linkUnsupported) {
                if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                // File systems without hard links (FAT, some network shares): a move without
                // REPLACE_EXISTING still refuses an existing target, with a small race window.
                try {
                    Files.move(temp, target);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (!completed) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
