package dev.vcrproxy.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Native epoll where the platform has it, NIO elsewhere. */
record Transport(String name, Class<? extends ServerChannel> serverChannel, Class<? extends Channel> clientChannel) {

    static Transport best() {
        return Epoll.isAvailable()
                ? new Transport("epoll", EpollServerSocketChannel.class, EpollSocketChannel.class)
                : new Transport("nio", NioServerSocketChannel.class, NioSocketChannel.class);
    }

    EventLoopGroup newGroup(int threads) {
        return name.equals("epoll") ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
    }
}
