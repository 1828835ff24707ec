package dev.obrol.server.guard;

import dev.obrol.protocol.ErrorCode;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.server.ServerTexts;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits or refuses each new connection before anything else is allocated for it: caps on
 * connections open at once (server-wide and per IP address) and on new connections per second per
 * address. A refused peer gets one ERROR and is closed; the traffic log says why. Also keeps every
 * open channel in {@link #channels()}, so shutdown can reach connections that never logged in.
 *
 * <p>Sharable, thread-safe: one instance serves every event loop. Per-address entries are kept
 * after their last connection closes (so reconnecting does not reset the rate) and pruned once
 * their bucket is full again.
 */
@ChannelHandler.Sharable
public final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<InetAddress> ADMITTED = AttributeKey.valueOf(ConnectionGuard.class, "admitted");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(ConnectionGuard.class, "refused");
    /** Prune idle per-address entries once the table is this big. */
    private static final int PRUNE_AT = 4096;

    /** Connections and recent connection attempts from one address; touched only inside the map's compute. */
    private static final class AddressState {
        int open;
        final TokenBucket attempts;

        AddressState(int perSecond) {
            this.attempts = perSecond > 0 ? new TokenBucket(2.0 * perSecond, perSecond) : null;
        }
    }

    private final GuardConfig config;
    private final Refusals refusals;
    private final ServerTexts texts;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<InetAddress, AddressState> addresses = new ConcurrentHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup("obrol", GlobalEventExecutor.INSTANCE);

    ConnectionGuard(GuardConfig config, Refusals refusals, ServerTexts v1Texts) {
        this.config = config;
        this.refusals = refusals;
        this.texts = v1Texts;
    }

    /** Every connection open now (admitted ones). */
    public ChannelGroup channels() {
        return channels;
    }

    /** How many connections are open now. */
    public int openConnections() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        InetAddress address = channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        String refusal = admit(address);
        if (refusal != null) {
            refuse(ctx, refusal);
            return; // later handlers never hear of this connection: no session, no CONNECT line
        }
        channel.attr(ADMITTED).set(address);
        channels.add(channel);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get())) {
            ReferenceCountUtil.release(msg); // bytes a refused peer sent before we closed it
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().hasAttr(ADMITTED)) {
            leave(ctx.channel().attr(ADMITTED).getAndSet(null));
            ctx.fireChannelInactive();
        }
    }

    /** Counts the connection in, or returns the text key saying why it is refused. */
    private String admit(InetAddress address) {
        if (config.maxConnections() > 0 && open.incrementAndGet() > config.maxConnections()) {
            open.decrementAndGet();
            return "connections.too_many";
        } else if (config.maxConnections() <= 0) {
            open.incrementAndGet();
        }
        if (address == null) {
            return null;
        }
        if (addresses.size() >= PRUNE_AT) {
            prune();
        }
        String[] refusal = new String[1];
        addresses.compute(address, (a, state) -> {
            AddressState s = state != null ? state : new AddressState(config.connectionsPerSecond());
            if (s.attempts != null && !s.attempts.tryTake()) {
                refusal[0] = "connections.too_fast";
            } else if (config.maxConnectionsPerAddress() > 0 && s.open >= config.maxConnectionsPerAddress()) {
                refusal[0] = "connections.too_many_address";
            } else {
                s.open++;
            }
            return s;
        });
        if (refusal[0] != null) {
            open.decrementAndGet();
        }
        return refusal[0];
    }

    private void leave(InetAddress address) {
        open.decrementAndGet();
        if (address != null) {
            addresses.computeIfPresent(address, (a, s) -> {
                s.open--;
                return isIdle(s) ? null : s;
            });
        }
    }

    private void prune() {
        // computeIfPresent holds the entry's lock, as admit and leave do, so no update is lost.
        for (InetAddress address : addresses.keySet()) {
            addresses.computeIfPresent(address, (a, s) -> isIdle(s) ? null : s);
        }
    }

    private static boolean isIdle(AddressState s) {
        return s.open == 0 && (s.attempts == null || s.attempts.isFull());
    }

    private void refuse(ChannelHandlerContext ctx, String key) {
        Channel channel = ctx.channel();
        channel.attr(REFUSED).set(Boolean.TRUE);
        int limit = switch (key) {
            case "connections.too_many" -> config.maxConnections();
            case "connections.too_many_address" -> config.maxConnectionsPerAddress();
            default -> config.connectionsPerSecond();
        };
        refusals.traffic().refused(String.valueOf(channel.remoteAddress()), "CONNECT", refusals.forOperator(key, limit));
        // Before a handshake nobody has said which language they read: v1's language, as for v1 clients.
        channel.writeAndFlush(new ServerMessage.Error(texts.format(key, limit), ErrorCode.TOO_MANY_CONNECTIONS.wireName()))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
