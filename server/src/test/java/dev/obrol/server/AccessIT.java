package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.obrol.net.ClientTls;
import dev.obrol.net.KnownServers;
import dev.obrol.net.Transport;
import dev.obrol.server.guard.Access;
import dev.obrol.server.guard.ServerPassword;
import dev.obrol.server.guard.ServerTls;
import dev.obrol.testing.TrafficRecorder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opt-in TLS with fingerprint pinning on the client, and the optional server password. */
class AccessIT {
    private static EventLoopGroup clients;

    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;

    @TempDir
    Path dir;

    @BeforeAll
    static void clients() {
        clients = Transport.best().newGroup(1);
    }

    @AfterAll
    static void stopClients() {
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void stop() {
        if (sut != null) {
            sut.close();
        }
    }

    private InetSocketAddress start(Access access) throws Exception {
        sut = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withAccess(access), new TrafficLog(traffic.logger()));
        return sut.start();
    }

    @Test
    void passwordIsRequiredCheckedAndNeverLogged() throws Exception {
        InetSocketAddress address = start(Access.open().withPassword(ServerPassword.of("s3cret-pass")));
        try (HostilePeer none = new HostilePeer(address)) {
            none.send("{\"type\":\"SET_USERNAME\",\"username\":\"Alice\"}");
            assertThat(none.nextErrorCode()).isEqualTo("BAD_PASSWORD");
            assertThat(none.isClosedByServer()).isTrue();
        }
        try (HostilePeer wrong = new HostilePeer(address)) {
            wrong.send("{\"type\":\"SET_USERNAME\",\"username\":\"Alice\",\"password\":\"s3cret-pasS\"}");
            assertThat(wrong.nextErrorCode()).isEqualTo("BAD_PASSWORD");
            assertThat(wrong.isClosedByServer()).isTrue();
        }
        try (HostilePeer english = new HostilePeer(address)) {
            english.send("{\"type\":\"SET_USERNAME\",\"username\":\"Alice\",\"protocol\":2,\"lang\":\"en\",\"password\":\"nope\"}");
            assertThat(english.expect("ERROR").path("message").asText())
                    .as("refused before the login logic, yet in the language the client asked for")
                    .isEqualTo("Wrong or missing server password. Connection closed.");
        }
        assertThat(sut.directory().size()).isZero();
        try (HostilePeer right = new HostilePeer(address)) {
            right.send("{\"type\":\"SET_USERNAME\",\"username\":\"Alice\",\"password\":\"s3cret-pass\"}");
            right.expect("SUCCESS");
        }
        await().untilAsserted(() -> assertThat(traffic.lines()).anyMatch(l -> l.contains("LOGIN_REFUSED") && l.contains("wrong password")));
        assertThat(traffic.lines()).noneMatch(l -> l.contains("s3cret"));
    }

    @Test
    void passwordNeverShowsInToString() {
        assertThat(ServerPassword.of("hunter2").toString()).doesNotContain("hunter2");
        assertThat(new dev.obrol.protocol.ClientMessage.SetUsername("a", 2, null, null, null, "hunter2").toString())
                .doesNotContain("hunter2");
        assertThat(ServerPassword.of("hunter2").matches("hunter2")).isTrue();
        assertThat(ServerPassword.of("hunter2").matches(null)).isFalse();
        assertThat(ServerPassword.of("hunter2").matches("hunter")).isFalse();
    }

    @Test
    void tlsServerWithSelfSignedCertificateIsPinnedOnFirstUseAndAChangeIsRefused() throws Exception {
        ServerTls tls = ServerTls.selfSigned(dir.resolve("server.p12"));
        assertThat(ServerTls.selfSigned(dir.resolve("server.p12")).fingerprint())
                .as("the certificate is kept, so pinned fingerprints stay valid across restarts").isEqualTo(tls.fingerprint());
        InetSocketAddress address = start(Access.open().withTls(tls.context()));
        KnownServers known = new KnownServers(dir.resolve("known_servers"));
        String server = "127.0.0.1:" + address.getPort();

        BlockingQueue<String> shown = new LinkedBlockingQueue<>();
        try (TlsPeer first = TlsPeer.connect(address, ClientTls.pinning(known, server, fp -> shown.add(fp)))) {
            first.send("{\"type\":\"SET_USERNAME\",\"username\":\"Alice\"}");
            assertThat(first.nextLine()).contains("SUCCESS");
        }
        assertThat(shown).as("first use shows the fingerprint the server prints").containsExactly(tls.fingerprint());
        assertThat(known.lookup(server)).contains(tls.fingerprint());

        try (TlsPeer second = TlsPeer.connect(address, ClientTls.pinning(known, server, fp -> { throw new AssertionError("asked again"); }))) {
            second.send("{\"type\":\"SET_USERNAME\",\"username\":\"Bob\"}");
            assertThat(second.nextLine()).as("known fingerprint: no question").contains("SUCCESS");
        }

        sut.close();
        ServerTls other = ServerTls.selfSigned(dir.resolve("impostor.p12"));
        InetSocketAddress impostor = start(Access.open().withTls(other.context()));
        String impostorServer = "127.0.0.1:" + impostor.getPort();
        known.remember(impostorServer, tls.fingerprint()); // the user pinned the real server under this address
        assertThatThrownBy(() -> TlsPeer.connect(impostor, ClientTls.pinning(known, impostorServer, fp -> true)))
                .as("a changed certificate is refused even if the user would say yes").hasMessageContaining("changed");
    }

    @Test
    void tlsFromPemFilesAndPlainClientsGetNothingReadable() throws Exception {
        Path store = dir.resolve("pem-source.p12");
        ServerTls source = ServerTls.selfSigned(store);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "obrol-self-signed".toCharArray());
        }
        Certificate cert = keys.getCertificate("obrol");
        byte[] key = keys.getKey("obrol", "obrol-self-signed".toCharArray()).getEncoded();
        Path certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        Path keyPem = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key));
        ServerTls tls = ServerTls.fromPem(certPem, keyPem);
        assertThat(tls.fingerprint()).isEqualTo(source.fingerprint());

        InetSocketAddress address = start(Access.open().withTls(tls.context()));
        try (TlsPeer peer = TlsPeer.connect(address, ClientTls.pinning(new KnownServers(dir.resolve("k")), "x", fp -> true))) {
            peer.send("{\"type\":\"SET_USERNAME\",\"username\":\"Carol\"}");
            assertThat(peer.nextLine()).contains("SUCCESS");
        }
        try (HostilePeer plain = new HostilePeer(address)) {
            plain.send("{\"type\":\"SET_USERNAME\",\"username\":\"Dave\"}");
            assertThat(plain.isClosedByServer()).as("plain text to a TLS port is dropped").isTrue();
        }
        assertThat(sut.directory().allNames()).doesNotContain("Dave");
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }

    /** A minimal line-based TLS client, as the obrol client will build it. */
    private static final class TlsPeer implements AutoCloseable {
        private final Channel channel;
        private final BlockingQueue<String> lines;

        private TlsPeer(Channel channel, BlockingQueue<String> lines) {
            this.channel = channel;
            this.lines = lines;
        }

        static TlsPeer connect(InetSocketAddress address, SslContext context) throws Exception {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Channel ch = new Bootstrap().group(clients).channel(Transport.best().clientChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast(context.newHandler(c.alloc(), address.getHostString(), address.getPort()),
                                    new LineBasedFrameDecoder(1 << 20), new StringDecoder(StandardCharsets.UTF_8),
                                    new StringEncoder(StandardCharsets.UTF_8),
                                    new SimpleChannelInboundHandler<String>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, String line) {
                                            lines.add(line);
                                        }
                                    });
                        }
                    })
                    .connect(address).sync().channel();
            try {
                ch.pipeline().get(SslHandler.class).handshakeFuture().sync();
            } catch (Exception e) {
                ch.close();
                throw e;
            }
            return new TlsPeer(ch, lines);
        }

        void send(String text) {
            channel.writeAndFlush(text).syncUninterruptibly();
        }

        String nextLine() throws InterruptedException {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("a line within 10 s").isNotNull();
            return line;
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
        }
    }
}
