package dev.obrol.client;

/**
 * The server password for the login: the one given (--password-file or OBROL_PASSWORD), or, when
 * none was given and the server refuses the login with BAD_PASSWORD, one the user types (masked on
 * a terminal). A given password that is refused is not replaced by a question: the user meant that
 * one, so the client stops and says where it came from. The password is never shown or logged.
 * Not thread-safe: used by the login thread only.
 */
final class PasswordSource {
    /** Typed passwords the server may refuse before the client gives up, as sudo does. */
    static final int MAX_TRIES = 3;

    /** A password from the command line's sources, and where it came from (for messages, never the text). */
    record Given(String password, String origin) {
        @Override
        public String toString() {
            return "Given[origin=" + origin + "]";
        }
    }

    private final Given given;
    private final Ui ui;
    private final Texts texts;
    private String current;
    private int typed;

    PasswordSource(Given given, Ui ui, Texts texts) {
        this.given = given;
        this.ui = ui;
        this.texts = texts;
        this.current = given == null ? null : given.password();
    }

    /** The password to send, or null to send none (most servers need none). */
    String current() {
        return current;
    }

    /**
     * The server refused the login with BAD_PASSWORD. True if there is a new password to try; false
     * when the login should end (the reason already shown). The server's own words are not repeated:
     * it cannot know our language before the login, and BAD_PASSWORD says all there is.
     */
    boolean refused() {
        if (given != null) {
            ui.error(texts.get("password.wrongGiven", given.origin()));
            return false;
        }
        if (typed >= MAX_TRIES) {
            ui.error(texts.get("password.giveUp", typed));
            return false;
        }
        ui.show(texts.get(typed == 0 ? "password.needed" : "password.wrong"));
        String answer = ui.askSecret(texts.get("prompt.password"));
        if (answer == null) {
            ui.error(texts.get("password.noAnswer"));
            return false;
        }
        typed++;
        current = answer;
        return true;
    }
}
