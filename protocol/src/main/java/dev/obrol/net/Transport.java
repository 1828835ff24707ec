package dev.obrol.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Picks Netty's native epoll transport when the platform has it, NIO otherwise. */
public enum Transport {
    EPOLL(EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class),
    NIO(NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);

    private final IoHandlerFactory ioHandlerFactory;
    private final Class<? extends ServerSocketChannel> serverChannel;
    private final Class<? extends SocketChannel> clientChannel;

    Transport(
            IoHandlerFactory ioHandlerFactory,
            Class<? extends ServerSocketChannel> serverChannel,
            Class<? extends SocketChannel> clientChannel) {
        this.ioHandlerFactory = ioHandlerFactory;
        this.serverChannel = serverChannel;
        this.clientChannel = clientChannel;
    }

    /** The best transport here: epoll on Linux with the native library, NIO elsewhere. */
    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory);
    }

    public Class<? extends ServerSocketChannel> serverChannel() {
        return serverChannel;
    }

    public Class<? extends SocketChannel> clientChannel() {
        return clientChannel;
    }
}
