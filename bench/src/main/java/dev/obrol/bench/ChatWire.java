package dev.obrol.bench;

/**
 * The protocol a bench client speaks to the server under test, as far as a scenario needs it:
 * what it sends to log in, how a direct message to someone is written, and what each line it
 * receives means. {@link ObrolWire} speaks obrol's JSON lines, {@link IrcWire} IRC, so the one
 * {@code messages} scenario (schedule, windows, sequence numbers, histograms) drives either kind
 * of server. Implementations are immutable and shared by all connections of a run; the state of
 * reading one connection's lines lives in the {@link ReceivedLine} each gets from {@link #newLine()}.
 *
 * <p>A message is written as {@link #messagePrefix} + the {@link Payload} text + {@link
 * #messageSuffix}, so the sender encodes nothing per message; the receiver finds the payload as
 * the line's {@link ReceivedLine#message() message} range.
 */
interface ChatWire {

    /** What a received line is to a scenario. */
    enum Meaning {
        /** The login was accepted (obrol SUCCESS, IRC 001). */
        WELCOME,
        /** A direct message to this client; its text is the line's message range. */
        DIRECT_MESSAGE,
        /** The server reports an error (obrol ERROR; IRC ERROR or an error numeric); before the welcome, a refusal. */
        ERROR,
        /** Expected and of no interest to a scenario (obrol PRESENCE; IRC notices and informational numerics). */
        NOISE,
        /** Anything else: unexpected in a scenario that only exchanges direct messages. */
        OTHER
    }

    /** Short name for summaries and results: "v1", "obrol" or "irc". */
    String name();

    /** What a client sends as soon as it is connected to log in as {@code name} (complete lines). */
    byte[] login(String name);

    /** A scanner for one connection's received lines, reused for every line. */
    ReceivedLine newLine();

    /** What {@code line}, a scanner of this wire's {@link #newLine()} that has just scanned a line, means. */
    Meaning meaning(ReceivedLine line);

    /**
     * What the client must send back at once on receiving {@code line} (a scanner of this wire's,
     * as for {@link #meaning}), or null. IRC servers ping their clients and drop those that do not
     * answer; obrol servers never ask (obrol clients ping, docs/PROTOCOL.md), so {@link ObrolWire}
     * always returns null.
     */
    byte[] reply(ReceivedLine line);

    /** The bytes of a direct message to {@code to} that come before its text. */
    byte[] messagePrefix(String to);

    /** The bytes of a direct message that come after its text, line end included. */
    byte[] messageSuffix();
}
