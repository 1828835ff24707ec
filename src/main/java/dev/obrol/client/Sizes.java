package dev.obrol.client;

/** Byte counts for people: "512 bytes", "4.2 KiB", "10.0 MiB", worded by {@link Texts}. */
final class Sizes {
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;

    private Sizes() {}

    static String human(long bytes, Texts texts) {
        if (bytes < KIB) {
            return texts.get("size.bytes", bytes);
        }
        if (bytes < MIB) {
            return texts.get("size.kib", bytes / (double) KIB);
        }
        return texts.get("size.mib", bytes / (double) MIB);
    }
}
