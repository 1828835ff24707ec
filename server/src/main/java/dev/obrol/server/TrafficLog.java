package dev.obrol.server;

import dev.obrol.protocol.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's view of every event, one line each, in the original's shape {@code <actor> ->
 * <ACTION>: <details>}; Logback adds {@code [time] [TRAFFIC]} (see logback.xml). Untrusted text is
 * escaped so nobody can forge a log line with an embedded newline. Thread-safe.
 */
public final class TrafficLog {
    /** The logger name; configure it in logback.xml to route or silence traffic lines. */
    public static final String LOGGER = "obrol.traffic";

    /** The actor name for the operator's own actions. */
    static final String SERVER = "SERVER";

    private final Logger log;

    public TrafficLog() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    /** Traffic to a logger of the caller's choice (tests, embedding). */
    public TrafficLog(Logger log) {
        this.log = log;
    }

    public void connected(String remote) {
        write(remote, "CONNECT", "new connection");
    }

    public void loginAccepted(String user, String remote, String agent) {
        write(user, "LOGIN", "from " + remote + " (" + agent + ")");
    }

    public void loginRefused(String remote, String name, String reason) {
        write(remote, "LOGIN_REFUSED", "\"" + name + "\": " + reason);
    }

    public void disconnected(String actor, String remote, String reason) {
        write(actor, "DISCONNECT", remote + " (" + reason + ")");
    }

    public void message(String from, String to, String text) {
        write(from, "MSG", to, text);
    }

    public void fileOffered(String from, String to, String filename, long size) {
        write(from, "FILE", to + ": " + filename + " (" + size + " bytes)");
    }

    public void fileAnswered(String responder, String sender, String filename, boolean accepted) {
        write(responder, accepted ? "FILE_ACCEPTED" : "FILE_REJECTED", sender + ": " + filename);
    }

    /** A streamed-file offer (protocol 2): never the bytes, only name, size and transfer id. */
    public void streamOffered(String from, String to, String filename, long size, String id) {
        write(from, "FILE_STREAM", to + ": " + filename + " (" + size + " bytes, transfer " + id + ")");
    }

    /**
     * A streamed-file offer to a receiver whose client takes files only whole (v1): the sender's
     * client is told so and may offer the file whole, which logs a FILE line of its own.
     */
    public void streamFallback(String from, String to, String filename, long size, String id) {
        write(from, "FILE_FALLBACK", to + ": " + filename + " (" + size + " bytes, transfer " + id + "): " + to
                + "'s client cannot receive streamed files; the sender's client may offer it whole");
    }

    /** The first chunk may flow: from the start, or resumed from {@code offset}. */
    public void streamStarted(String sender, String receiver, String filename, long offset, long size, String id) {
        if (offset == 0) {
            write(sender, "FILE_START", receiver + ": " + filename + " (" + size + " bytes, transfer " + id + ")");
        } else {
            write(sender, "FILE_RESUME", receiver + ": " + filename + " from byte " + offset + " of " + size
                    + " (transfer " + id + ")");
        }
    }

    /** The receiver verified the file. {@code bytes} are those relayed in this run (not a resumed prefix). */
    public void streamCompleted(String sender, String receiver, String filename, long bytes, long nanos, String sha256, String id) {
        double seconds = nanos / 1e9;
        double mbPerSecond = seconds > 0 ? bytes / 1e6 / seconds : 0;
        write(sender, "FILE_DONE", receiver + ": " + filename + " (" + bytes + " bytes in "
                + String.format(java.util.Locale.ROOT, "%.3f s, %.1f MB/s", seconds, mbPerSecond)
                + ", sha256 " + sha256 + ", transfer " + id + ")");
    }

    /** A streamed transfer ended without success; {@code actor} caused it (or SERVER). */
    public void streamFailed(String actor, String peer, String filename, String reason, String id) {
        write(actor, "FILE_FAILED", peer + ": " + filename + " (" + reason + ", transfer " + id + ")");
    }

    public void listed(String user, int online) {
        write(user, "LIST", online + " online");
    }

    public void rawText(String actor, String text) {
        write(actor, "RAW", text);
    }

    public void refused(String actor, String type, String reason) {
        write(actor, "ERROR", type + ": " + reason);
    }

    public void operatorSent(String to, String text) {
        write(SERVER, "SEND", to + ": " + text);
    }

    public void broadcast(String text, int recipients) {
        write(SERVER, "BROADCAST", text + " (" + recipients + " recipients)");
    }

    public void kicked(String user, String reason) {
        write(SERVER, "KICK", reason.isEmpty() ? user : user + ": " + reason);
    }

    public void motd(String text) {
        write(SERVER, "MOTD", text.isEmpty() ? "(cleared)" : text);
    }

    /** An HTTP request on the chat port (a browser): method, path and the status it got. */
    public void webRequest(String remote, String method, String path, int status) {
        write(remote, "HTTP", method + " " + path + " -> " + status);
    }

    public void serverEvent(String action, String details) {
        write(SERVER, action, details);
    }

    private void write(String actor, String action, String details) {
        if (log.isInfoEnabled()) {
            String safeActor = Text.escapeControls(actor);
            String safeDetails = Text.escapeControls(details);
            StringBuilder line = new StringBuilder(safeActor.length() + action.length() + safeDetails.length() + 6);
            line.append(safeActor).append(" -> ").append(action).append(": ").append(safeDetails);
            log.info(line.toString());
        }
    }

    /**
     * {@code actor -> action: target: text}, built in one presized pass without joining target and
     * text first: this runs for every message relayed, and the traffic log was the largest part of
     * the server's allocation per message (docs/BENCHMARKS.md, "The tail at 20,000 msgs/s").
     */
    private void write(String actor, String action, String target, String text) {
        if (log.isInfoEnabled()) {
            String safeActor = Text.escapeControls(actor);
            String safeTarget = Text.escapeControls(target);
            String safeText = Text.escapeControls(text);
            StringBuilder line = new StringBuilder(
                    safeActor.length() + action.length() + safeTarget.length() + safeText.length() + 8);
            line.append(safeActor).append(" -> ").append(action).append(": ").append(safeTarget).append(": ").append(safeText);
            log.info(line.toString());
        }
    }
}
