package dev.obrol.client;

import dev.obrol.protocol.ClientMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Turns a local file into a whole-file offer (v1 shape: the Base64 of the whole file in one FILE
 * message), refusing locally what cannot or must not be sent: a missing or unreadable file, a
 * directory, a file over the server's limit. A streamed path for large files will be a second
 * method here; callers only see "prepare, then send".
 */
public final class FileSender {
    private final Path workingDirectory;

    public FileSender(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** Reads {@code pathText} (relative to the working directory, "~/" for home) into an offer to {@code to}. */
    public ClientMessage.FileSend prepare(String to, String pathText, ServerInfo server) throws UserError {
        Path path = readable(pathText);
        long max = server.limits().maxFileBytes();
        try {
            long size = Files.size(path);
            if (size > max) {
                throw new UserError("error.file.tooLarge", pathText, size, max);
            }
            byte[] data = Files.readAllBytes(path);
            if (data.length > max) { // it grew while we looked
                throw new UserError("error.file.tooLarge", pathText, (long) data.length, max);
            }
            return new ClientMessage.FileSend(to, path.getFileName().toString(), Base64.getEncoder().encodeToString(data));
        } catch (IOException e) {
            throw new UserError("error.file.unreadable", pathText);
        }
    }

    /** The file {@code pathText} names, checked to be a single readable file (for either way of sending). */
    public Path readable(String pathText) throws UserError {
        Path path = resolve(pathText);
        if (!Files.exists(path)) {
            throw new UserError("error.file.missing", pathText);
        }
        if (Files.isDirectory(path)) {
            throw new UserError("error.file.directory", pathText);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UserError("error.file.unreadable", pathText);
        }
        return path;
    }

    private Path resolve(String pathText) throws UserError {
        String text = pathText;
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        try {
            return workingDirectory.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw new UserError("error.file.missing", pathText);
        }
    }
}
