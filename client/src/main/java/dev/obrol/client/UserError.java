package dev.obrol.client;

import dev.obrol.protocol.Text;

/**
 * A request the client refuses locally (bad arguments, a file too large, no such offer). Carries a
 * text key and its arguments, shown to the user through {@link Texts}; never a stack trace.
 */
public final class UserError extends Exception {
    private final String key;
    private final transient Object[] args;

    public UserError(String key, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    /** The text for the user, in the session's language; text arguments may come from the network, so they are escaped. */
    public String describe(Texts texts) {
        Object[] safe = args.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] instanceof String s) {
                safe[i] = Text.escapeControls(s);
            }
        }
        return texts.get(key, safe);
    }
}
