package dev.obrol.protocol;

/** Checks Base64 text (standard alphabet, padded or not) and computes its decoded size cheaply. */
public final class Base64Data {
    private Base64Data() {}

    /** The number of bytes {@code text} decodes to, or -1 if it is not valid Base64. */
    public static long decodedSize(String text) {
        int length = text.length();
        int padding = 0;
        while (padding < 2 && length - padding > 0 && text.charAt(length - padding - 1) == '=') {
            padding++;
        }
        int data = length - padding;
        for (int i = 0; i < data; i++) {
            char c = text.charAt(i);
            boolean valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!valid) {
                return -1;
            }
        }
        if (padding > 0 && length % 4 != 0) {
            return -1;
        }
        int remainder = data % 4;
        if (remainder == 1) {
            return -1;
        }
        return (long) (data / 4) * 3 + (remainder == 0 ? 0 : remainder - 1);
    }
}
