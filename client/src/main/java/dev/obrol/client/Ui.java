package dev.obrol.client;

/**
 * The person's side of the client: reads typed lines, shows lines. {@link TerminalUi} when
 * standard input and output are a terminal, {@link PlainUi} for pipes, files and tests.
 * {@link #show} may be called from any thread.
 */
public interface Ui extends AutoCloseable {

    /** Asks a question (the username prompt); the answer, or null when input ended. */
    String ask(String question);

    /** Asks for a secret (the server password): not echoed on a terminal; null when input ended. */
    default String askSecret(String question) {
        return ask(question);
    }

    /** Reads the next command or text line; null when input ended or the user quit (Ctrl+C, Ctrl+D). */
    String readLine(String prompt);

    /** Shows one line without disturbing what the user is typing. */
    void show(String line);

    /**
     * Shows the live progress of transfer {@code id} (percent, bytes, speed, time left), replacing
     * its previous progress. Called a few times a second from any thread: a terminal updates one
     * status line in place, plain output prints a line now and then.
     */
    default void progress(String id, String line) {}

    /** Transfer {@code id} is over: its progress display goes away (its summary is shown with {@link #show}). */
    default void progressDone(String id) {}

    /** Shows an error that ends the program (cannot connect, no username). */
    void error(String line);

    /** Clears the screen; nothing happens where there is no screen (pipes, files). */
    default void clear() {}

    /** Rings the terminal bell (a direct message arrived); nothing happens where there is no terminal. */
    default void bell() {}

    /** Makes a blocked {@link #readLine} return (best effort), so the client can exit. */
    void interrupt();

    @Override
    void close();
}
