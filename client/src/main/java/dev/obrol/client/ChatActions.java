package dev.obrol.client;

/**
 * What a user can do in a chat session, one method per slash command. {@link CommandTable} maps
 * typed lines onto these; {@link ChatSession} implements them. A {@link UserError} carries a text
 * to show instead of doing the action.
 */
public interface ChatActions {
    void list() throws UserError;

    void msg(String user, String text) throws UserError;

    /** Sends {@code text} to the user last written to with {@link #msg}. */
    void say(String text) throws UserError;

    void sendFile(String user, String path) throws UserError;

    /** Accepts the oldest offer from {@code user}, or the one whose file name or transfer id is {@code which} (nullable). */
    void acceptFile(String user, String which) throws UserError;

    void rejectFile(String user, String which) throws UserError;

    /** Stops a streamed transfer with {@code user}, either direction; the oldest unless {@code which} names one. */
    void cancelFile(String user, String which) throws UserError;

    /** Lists file offers waiting and transfers running. */
    void files();

    /** Lists every command, or explains {@code command} (with or without its slash) when not null. */
    void help(String command);

    /** Clears the screen (a terminal only; elsewhere nothing happens). */
    void clear();

    void quit();
}
