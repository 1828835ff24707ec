package dev.obrol.client;

import dev.obrol.protocol.Usernames;

/**
 * Adds colour to lines that are already escaped ({@link dev.obrol.protocol.Text#escapeControls}),
 * or leaves them alone: {@link #plain()} for pipes, {@code NO_COLOR} and {@code --no-color},
 * {@link #ansi()} for a terminal. The only escape sequences in a styled line are the ones added
 * here, so a peer can never smuggle its own. Immutable and thread-safe.
 */
public final class Styler {
    private static final String ESC = "\u001b[";
    /** Ends a name's colour; {@link #line} turns it back into the line's own colour. */
    private static final String NAME_END = ESC + "39m";
    private static final String RESET = ESC + "0m";

    /**
     * 256-colour indexes that read well on dark and light backgrounds; red (errors) and grey
     * (notices) are left out so a name is never mistaken for either.
     */
    private static final int[] NAME_COLOURS = {33, 37, 40, 75, 99, 129, 135, 166, 172, 178, 208, 214, 39, 70, 141, 170};

    private final boolean enabled;

    private Styler(boolean enabled) {
        this.enabled = enabled;
    }

    /** No colour at all. */
    public static Styler plain() {
        return new Styler(false);
    }

    /** ANSI colour (SGR) for terminals. */
    public static Styler ansi() {
        return new Styler(true);
    }

    public boolean enabled() {
        return enabled;
    }

    /** {@code name} in its own stable colour: the same for every run and every user of obrol. */
    public String name(String name) {
        if (!enabled) {
            return name;
        }
        return ESC + "38;5;" + nameColour(name) + "m" + name + NAME_END;
    }

    /** The colour index of {@code name}; names that differ only in case share one, as on the server. */
    static int nameColour(String name) {
        // String.hashCode is specified, so the colour does not change between JVMs or versions.
        int hash = Usernames.key(name).hashCode();
        return NAME_COLOURS[Math.floorMod(hash, NAME_COLOURS.length)];
    }

    /** {@code text} in the colour of {@code tone}; names coloured inside it keep theirs. */
    public String line(Tone tone, String text) {
        String sgr = sgr(tone);
        if (!enabled || sgr == null) {
            return text;
        }
        String on = ESC + sgr + "m";
        // After a coloured name the rest of the line goes back to the line's colour, not the default.
        return on + text.replace(NAME_END, RESET + on) + RESET;
    }

    private static String sgr(Tone tone) {
        return switch (tone) {
            case PLAIN -> null;
            case DIRECT -> "1"; // bold: someone wrote to you
            case SERVER -> "35"; // magenta
            case BROADCAST -> "1;33"; // bold yellow
            case ERROR -> "31"; // red
            case FILE -> "36"; // cyan
            case NOTICE -> "2"; // faint
        };
    }
}
