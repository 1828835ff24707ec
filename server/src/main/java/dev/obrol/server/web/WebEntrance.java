package dev.obrol.server.web;

import dev.obrol.server.ServerTexts;
import dev.obrol.server.TrafficLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;

/**
 * What HTTP on the chat port answers today: {@code GET /} (or {@code HEAD /}) gets a short
 * plain-text page, in the browser's language, saying what this port is and how to connect; other
 * paths get 404 and other methods 405. Every response closes the connection. The browser client
 * (WebSocket upgrade and its page) plugs in here, in front of this handler.
 */
public final class WebEntrance extends SimpleChannelInboundHandler<HttpRequest> {
    private final TrafficLog traffic;
    private final String remote;

    public WebEntrance(TrafficLog traffic, String remote) {
        this.traffic = traffic;
        this.remote = remote;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
        HttpResponseStatus status;
        String body = "";
        String path = new QueryStringDecoder(request.uri()).path();
        boolean get = request.method().equals(HttpMethod.GET);
        if (!get && !request.method().equals(HttpMethod.HEAD)) {
            status = HttpResponseStatus.METHOD_NOT_ALLOWED;
        } else if (!path.equals("/")) {
            status = HttpResponseStatus.NOT_FOUND;
        } else {
            status = HttpResponseStatus.OK;
            ServerTexts texts = ServerTexts.forLanguage(firstLanguage(request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE)));
            InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
            String host = hostOf(request.headers().get(HttpHeaderNames.HOST), local);
            body = texts.format("web.title") + "\n\n" + texts.format("web.body", host, String.valueOf(local.getPort())) + "\n";
        }
        traffic.webRequest(remote, request.method().name(), path, status.code());
        ByteBuf content = get ? ByteBufUtil.writeUtf8(ctx.alloc(), body) : ctx.alloc().buffer(0);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, get ? content.readableBytes() : ByteBufUtil.utf8Bytes(body))
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a broken or hostile HTTP peer: nothing to tell it
    }

    /** The first tag of an Accept-Language header ("id-ID,id;q=0.9,en" -> "id-ID"), or null. */
    static String firstLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        String first = acceptLanguage.split(",", 2)[0];
        return first.split(";", 2)[0].strip();
    }

    /** The host the browser used (without its port), else the address it reached. */
    private static String hostOf(String hostHeader, InetSocketAddress local) {
        if (hostHeader != null && !hostHeader.isBlank()) {
            String h = hostHeader.strip();
            int colon = h.lastIndexOf(':');
            boolean bracketed = h.startsWith("[");
            if (colon > 0 && (!bracketed || h.lastIndexOf(']') < colon)) {
                h = h.substring(0, colon);
            }
            if (h.chars().allMatch(c -> c > ' ' && c < 127 && c != '<' && c != '>')) {
                return h;
            }
        }
        return local.getAddress().getHostAddress();
    }
}
