package dev.obrol.client;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Completes a partly typed file path, relative to the working directory or absolute, with
 * {@code ~/} for the home folder. Folders end in "/" and stay open, so the next Tab goes inside.
 * Hidden files are offered only once a "." is typed, as shells do.
 */
final class PathCompletion {
    /** A folder with thousands of files must not freeze the prompt. */
    private static final int MAX_SUGGESTIONS = 500;

    private final Path workingDir;
    private final Path home;

    PathCompletion(Path workingDir, Path home) {
        this.workingDir = workingDir;
        this.home = home;
    }

    List<Suggestion> complete(String typed) {
        int slash = typed.lastIndexOf('/');
        String folderPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        String namePrefix = typed.substring(slash + 1);
        Path folder;
        try {
            folder = resolve(folderPart);
        } catch (InvalidPathException e) {
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Suggestion> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(namePrefix) || name.startsWith(".") && !namePrefix.startsWith(".")) {
                    continue;
                }
                boolean dir = Files.isDirectory(entry);
                String shown = dir ? name + "/" : name;
                out.add(new Suggestion(folderPart + shown, shown, !dir));
                if (out.size() >= MAX_SUGGESTIONS) {
                    break;
                }
            }
        } catch (IOException | SecurityException e) {
            return List.of(); // an unreadable folder simply has nothing to offer
        }
        out.sort(Comparator.comparing(Suggestion::value));
        return out;
    }

    private Path resolve(String folderPart) {
        if (folderPart.isEmpty()) {
            return workingDir;
        }
        if (folderPart.startsWith("~/")) {
            return home.resolve(folderPart.substring(2));
        }
        return workingDir.resolve(folderPart);
    }
}
