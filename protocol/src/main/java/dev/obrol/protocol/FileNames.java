package dev.obrol.protocol;

import java.util.Locale;
import java.util.Set;

/**
 * Turns a file name chosen by a remote (possibly hostile) sender into a bare name that is safe to
 * create on Linux, macOS and Windows: no directories, no '..', no drive letters, no control or
 * reserved characters, no Windows device names, bounded length.
 */
public final class FileNames {
    /** Longest name kept, in UTF-16 characters; file systems allow 255 bytes, UTF-8 may triple. */
    static final int MAX_NAME_CHARS = 80;

    private static final String RESERVED = "<>:\"/\\|?*";
    private static final Set<String> WINDOWS_DEVICES = Set.of(
            "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private FileNames() {}

    /** A safe bare file name derived from {@code offered}; never empty. */
    public static String sanitize(String offered) {
        String name = offered == null ? "" : offered;
        // Keep only the last path element, whichever separator the sender's system uses.
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(cut + 1);
        int drive = name.lastIndexOf(':');
        name = name.substring(drive + 1);

        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            boolean bad = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || RESERVED.indexOf(cp) >= 0
                    || (Character.isBmpCodePoint(cp) && Text.isUnsafe((char) cp));
            safe.appendCodePoint(bad ? '_' : cp);
        });
        // Windows drops trailing dots and spaces; leading dots would hide the file.
        String result = safe.toString().strip().replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (result.isEmpty()) {
            result = "file";
        }
        String stem = stem(result);
        if (WINDOWS_DEVICES.contains(stem.toUpperCase(Locale.ROOT))) {
            result = "_" + result;
        }
        return truncate(result);
    }

    /** The part before the last dot ("notes" for "notes.txt", the whole name when it has none). */
    public static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The last dot and what follows (".txt"), or "" when there is none. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    private static String truncate(String name) {
        if (name.length() <= MAX_NAME_CHARS) {
            return name;
        }
        String ext = extension(name);
        if (ext.length() > 16) {
            ext = "";
        }
        int keep = MAX_NAME_CHARS - ext.length();
        if (Character.isHighSurrogate(name.charAt(keep - 1))) {
            keep--;
        }
        return name.substring(0, keep) + ext;
    }
}
