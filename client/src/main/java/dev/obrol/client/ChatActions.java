package dev.obrol.client;

import java.util.List;

/**
 * What a user can do in a chat session, one method per slash command. {@link CommandTable} maps
 * typed lines onto these; {@link ChatSession} implements them. A {@link UserError} carries a text
 * to show instead of doing the action.
 */
public interface ChatActions {
    /** Asks who is online: the whole list, or the first page of it when the server pages it. */
    void list() throws UserError;

    /** Asks for the page of the online list after the last name shown. */
    void listMore() throws UserError;

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

    /** Adds {@code users} to the watch list: the server tells when they come and go. */
    void watch(List<String> users) throws UserError;

    /** Takes {@code users} off the watch list. */
    void unwatch(List<String> users) throws UserError;

    /** Shows the watch list with what is known of each person now. */
    void watching();

    /** Lists every command, or explains {@code command} (with or without its slash) when not null. */
    void help(String command);

    /** Clears the screen (a terminal only; elsewhere nothing happens). */
    void clear();

    void quit();
}
