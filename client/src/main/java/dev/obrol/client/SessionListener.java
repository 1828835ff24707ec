package dev.obrol.client;

/** Receives what the server sends once logged in. Called on the connection's event loop. */
public interface SessionListener {
    /** A {@link dev.obrol.protocol.Message}, a {@link dev.obrol.protocol.RawText}, or an unparsable frame as RawText. */
    void onMessage(Object message);

    /** The connection is gone (closed by either side or failed). Called once. */
    void onClosed();
}
