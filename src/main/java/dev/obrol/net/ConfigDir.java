package dev.obrol.net;

import java.nio.file.Path;

/**
 * The user's obrol configuration folder: {@code $OBROL_CONFIG_DIR}, else {@code
 * $XDG_CONFIG_HOME/obrol}, else {@code %APPDATA%\obrol} on Windows, else {@code ~/.config/obrol}.
 */
public final class ConfigDir {
    private ConfigDir() {}

    public static Path get() {
        String explicit = System.getenv("OBROL_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "obrol");
        }
        String appData = System.getenv("APPDATA");
        if (appData != null && !appData.isBlank() && System.getProperty("os.name", "").startsWith("Windows")) {
            return Path.of(appData, "obrol");
        }
        return Path.of(System.getProperty("user.home"), ".config", "obrol");
    }
}
