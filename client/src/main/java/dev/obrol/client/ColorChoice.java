package dev.obrol.client;

import java.util.Map;

/**
 * Whether the client colours its output. {@code never} and {@code --no-color} always win;
 * {@code always} overrides {@code NO_COLOR} (an explicit option beats the environment, as
 * no-color.org asks); {@code auto} colours only a real terminal, without {@code NO_COLOR} set and
 * with a {@code TERM} other than "dumb".
 */
public final class ColorChoice {
    /** The {@code --color} option's values. */
    public enum Mode {
        auto,
        always,
        never
    }

    private ColorChoice() {}

    /** True if output should be coloured. */
    public static boolean colour(Mode mode, boolean noColorOption, boolean terminal, Map<String, String> env) {
        if (noColorOption || mode == Mode.never) {
            return false;
        }
        if (mode == Mode.always) {
            return true;
        }
        String noColor = env.get("NO_COLOR");
        boolean optedOut = noColor != null && !noColor.isEmpty();
        return terminal && !optedOut && !"dumb".equals(env.get("TERM"));
    }
}
