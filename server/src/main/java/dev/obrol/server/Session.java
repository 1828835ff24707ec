package dev.obrol.server;

import dev.obrol.protocol.FileChunk;
import dev.obrol.protocol.BinaryChunkFrame;
import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.WireFormat;
import io.netty.channel.Channel;
import io.netty.buffer.ByteBuf;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One client connection: its channel, wire format, protocol dialect, language, outbox and timers,
 * and after login the {@link User} it is logged in as. The user is the person; a session is one of
 * their connections.
 *
 * <p>Threading: the fields set at login are written on the channel's event loop before the user
 * is claimed in the {@link Directory}, and are volatile so other event loops that find the user
 * there see them. {@link #send} may be called from any thread (the outbox writes on the channel's
 * own loop, which keeps messages from one sender in order).
 */
public final class Session {
    static final AttributeKey<Session> KEY = AttributeKey.valueOf(Session.class, "session");

    private final Channel channel;
    private final String remote;
    private volatile User user;
    private volatile boolean obrolClient;
    private volatile ServerTexts texts;
    private volatile String closeReason = "connection closed";
    private volatile Set<String> features = Set.of();
    private final WireFormat format;
    private final Outbox outbox;
    /** Closes the connection if no login came in time; event loop only. */
    private Future<?> loginDeadline;

    /** The session of {@code channel}, or null before the connection became active. */
    public static Session of(Channel channel) {
        return channel.attr(KEY).get();
    }

    Session(Channel channel, ServerTexts v1Texts, WireFormat format) {
        this.channel = channel;
        this.format = format;
        this.outbox = new Outbox(channel, format);
        this.remote = describe(channel.remoteAddress());
        this.texts = v1Texts;
    }

    /**
     * Records the dialect and language a handshake asks for, so that even a refusal before the
     * login logic (a wrong password) is worded in the client's language.
     */
    public void negotiate(ClientMessage.SetUsername hello) {
        boolean obrol = hello.protocol() != null && hello.protocol() >= Logins.PROTOCOL;
        negotiate(obrol, obrol ? ServerTexts.forLanguage(hello.lang()) : texts);
    }

    /** Records the client's dialect and language from its handshake. */
    void negotiate(boolean obrol, ServerTexts language) {
        this.obrolClient = obrol;
        if (obrol) {
            outbox.batchWrites(); // only v1 clients need each message in a write of its own
        }
        this.texts = language;
    }

    /** The timer that closes this connection if it does not log in; cancelled at login and close. */
    void loginDeadline(Future<?> deadline) {
        this.loginDeadline = deadline;
    }

    /** Called on the event loop at login and close: the timer no longer matters and would hold this session. */
    void cancelLoginDeadline() {
        if (loginDeadline != null) {
            loginDeadline.cancel(false);
            loginDeadline = null;
        }
    }

    /** Records the user this connection is logged in as, once the name is claimed. */
    void loggedInAs(User loggedIn) {
        this.user = loggedIn;
    }

    /** Records the optional features the client announced in its handshake. */
    void features(Collection<String> announced) {
        this.features = announced == null ? Set.of() : Set.copyOf(announced);
    }

    /**
     * The client negotiated binary chunk frames: from now on its framer cuts them, the connection
     * reads up to a chunk at a time, and its outbox writes binary chunks as binary frames. Called
     * on the event loop at login, before the login answer that tells the client it may send them.
     */
    void useBinaryChunks() {
        JsonFrameDecoder framer = channel.pipeline().get(JsonFrameDecoder.class);
        if (framer != null) { // null only for sessions on a test's bare channel
            framer.acceptBinaryChunks();
        }
        channel.config().setRecvByteBufAllocator(BinaryChunkFrame.READS);
        outbox.binaryChunks();
    }

    /** True if the client announced {@code feature} (e.g. "stream_files") when it logged in. */
    public boolean supports(String feature) {
        return features.contains(feature);
    }

    public boolean isLoggedIn() {
        return user != null;
    }

    /** The user this connection is logged in as, or null before login. */
    public User user() {
        return user;
    }

    /** The username, or null before login. */
    public String username() {
        User u = user;
        return u == null ? null : u.name();
    }

    /** How the traffic log names this connection: the username, or the address before login. */
    public String actor() {
        User u = user;
        return u != null ? u.name() : remote;
    }

    /** True for obrol clients (protocol 2); false for v1 clients, which must get only v1 messages. */
    public boolean isObrolClient() {
        return obrolClient;
    }

    public ServerTexts texts() {
        return texts;
    }

    public String remote() {
        return remote;
    }

    Channel channel() {
        return channel;
    }

    /** Queues {@code message} to this client. Safe from any thread; messages keep their order. */
    public void send(ServerMessage message) {
        outbox.post(message);
    }

    /** Queues the login answer ahead of anything others queued since the name was registered (see {@link Outbox#postFirst}). */
    void sendLoginAnswer(ServerMessage message) {
        outbox.postFirst(message);
    }

    /** Queues messages to be made when the outbox reaches them (see {@link DeferredMessages}). Safe from any thread. */
    public void sendDeferred(DeferredMessages messages) {
        outbox.post(messages);
    }

    /** How this connection frames what it is sent. */
    WireFormat wireFormat() {
        return format;
    }

    /** Queues a frame already encoded in this connection's {@link #wireFormat()} (a broadcast encoded once); hands the reference over. */
    void sendFrame(ByteBuf frame) {
        outbox.post(frame);
    }

    /**
     * Queues one relayed file chunk to this client (the caller hands over its reference). Through
     * the same outbox as messages, so a chunk and the FILE_STREAM_END after it keep their order.
     */
    public void sendChunk(FileChunk chunk) {
        outbox.post(chunk);
    }

    /** The connection's event loop, for timers that concern this session. */
    public ScheduledExecutorService executor() {
        return channel.eventLoop();
    }

    /** Sends {@code message}, then closes the connection once it is written. */
    public void sendAndClose(ServerMessage message) {
        outbox.post(message);
        outbox.postClose();
    }

    public void close() {
        channel.close();
    }

    /** Records why the server is closing this connection, for the traffic log. */
    public void closeReason(String reason) {
        this.closeReason = reason;
    }

    String closeReason() {
        return closeReason;
    }

    @Override
    public String toString() {
        return actor();
    }

    /** How the traffic log names a peer address: "host:port", IPv6 in brackets. */
    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return host.contains(":") ? "[" + host + "]:" + inet.getPort() : host + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
