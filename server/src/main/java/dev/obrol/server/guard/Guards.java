package dev.obrol.server.guard;

import dev.obrol.protocol.JsonFrameDecoder;
import dev.obrol.server.ServerTexts;
import dev.obrol.server.TrafficLog;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.SocketChannel;

/**
 * Makes the server's defensive pipeline stages from one {@link GuardConfig} and {@link Access}:
 * the shared ones (connection caps, large-frame budget) once, the per-connection ones for each
 * channel. A method returns null when its protection is turned off. The pipeline order lives in
 * the server's initializer, next to the other stages.
 */
public final class Guards {
    private final GuardConfig config;
    private final Access access;
    private final Refusals refusals;
    private final ConnectionGuard connections;
    private final LargeFrameBudget frameBudget;

    /**
     * Refusals are told to users in their language ({@code v1Texts} before a client can say which)
     * and logged in the operator's ({@code operatorTexts}).
     */
    public Guards(GuardConfig config, Access access, TrafficLog traffic, ServerTexts v1Texts, ServerTexts operatorTexts) {
        this.config = config;
        this.access = access;
        this.refusals = new Refusals(traffic, operatorTexts);
        this.connections = new ConnectionGuard(config, refusals, v1Texts);
        this.frameBudget = new LargeFrameBudget(config.largeFrameBudgetBytes());
    }

    public GuardConfig config() {
        return config;
    }

    /** Sharable: admits or refuses connections; knows every open channel. */
    public ConnectionGuard connections() {
        return connections;
    }

    public LargeFrameBudget frameBudget() {
        return frameBudget;
    }

    /** TLS for this channel, or null for plain TCP. */
    public ChannelHandler tls(SocketChannel ch) {
        return access.tls() == null ? null : access.tls().newHandler(ch.alloc());
    }

    public ChannelHandler outbound() {
        return new OutboundGuard(config.maxOutboundBytes());
    }

    /** The framer: small frames always, large ones only after login and within the budget. */
    public JsonFrameDecoder frames(SocketChannel ch, int maxFrameBytes) {
        return new JsonFrameDecoder(Math.min(config.smallFrameBytes(), maxFrameBytes), maxFrameBytes,
                frameBudget.allowanceFor(ch));
    }

    public ChannelHandler idle() {
        boolean off = config.idleTimeout().isZero() && config.v1IdleTimeout().isZero();
        return off ? null : new IdleGuard(config.idleTimeout(), config.v1IdleTimeout(), refusals);
    }

    public ChannelHandler rate() {
        return config.messagesPerSecond() == 0
                ? null
                : new InboundRateGuard(config.messagesPerSecond(), config.messageBurst(), refusals);
    }

    public ChannelHandler password() {
        return access.password() == null ? null : new PasswordGate(access.password(), refusals);
    }
}
