package dev.obrol.protocol;

/** Small helpers for showing untrusted text safely in logs and terminals. */
public final class Text {
    private Text() {}

    /**
     * Replaces control characters (C0, C1, DEL) and bidirectional overrides with visible escapes,
     * so untrusted text can neither forge log lines nor drive a terminal.
     */
    public static String escapeControls(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isUnsafe(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** True for characters that must never reach a terminal or a log line raw. */
    public static boolean isUnsafe(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) // bidi embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069) // bidi isolates
                || c == 0x200e
                || c == 0x200f
                || c == 0x061c
                || c == 0x2028
                || c == 0x2029
                || c == 0xfeff;
    }

    /** Cuts {@code s} to at most {@code max} characters, marking the cut with an ellipsis. */
    public static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
