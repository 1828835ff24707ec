package dev.obrol.net;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The user's obrol configuration folder: {@code $OBROL_CONFIG_DIR}, else {@code
 * $XDG_CONFIG_HOME/obrol}, else {@code %APPDATA%\obrol} on Windows, else {@code ~/.config/obrol}.
 */
public final class ConfigDir {
    private ConfigDir() {}

    public static Path get() {
        return get(System::getenv);
    }

    /** The folder as {@code env} (a view of the environment, e.g. a test's) names it. */
    public static Path get(Function<String, String> env) {
        String explicit = env.apply("OBROL_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.apply("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "obrol");
        }
        String appData = env.apply("APPDATA");
        if (appData != null && !appData.isBlank() && System.getProperty("os.name", "").startsWith("Windows")) {
            return Path.of(appData, "obrol");
        }
        return Path.of(System.getProperty("user.home"), ".config", "obrol");
    }
}
