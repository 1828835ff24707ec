package dev.obrol.client;

/** Byte counts for people: "512 bytes", "4.2 KiB", "10.0 MiB", "1.5 GiB", worded by {@link Texts}. */
public final class Sizes {
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    private Sizes() {}

    public static String human(long bytes, Texts texts) {
        if (bytes < KIB) {
            return texts.get("size.bytes", bytes);
        }
        if (bytes < MIB) {
            return texts.get("size.kib", bytes / (double) KIB);
        }
        if (bytes < GIB) {
            return texts.get("size.mib", bytes / (double) MIB);
        }
        return texts.get("size.gib", bytes / (double) GIB);
    }
}
