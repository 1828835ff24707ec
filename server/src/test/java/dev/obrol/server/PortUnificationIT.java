package dev.obrol.server;

import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One port for chat clients and browsers: the first bytes of a connection choose its pipeline. */
class PortUnificationIT {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        sut = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withLoginTimeout(Duration.ofSeconds(2)),
                new TrafficLog(traffic.logger()));
        address = sut.start();
    }

    @AfterEach
    void stop() {
        sut.close();
    }

    @Test
    void aBrowserOnTheChatPortGetsAPageSayingHowToConnect() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/")).header("Accept-Language", "id-ID,id;q=0.9")
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(page.body()).as("in the browser's language, with the command to connect")
                .contains("server chat obrol").contains("obrol client 127.0.0.1 " + address.getPort());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(uri("/nope")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(traffic.lines()).anyMatch(line -> line.contains("HTTP: GET / -> 200"));
    }

    @Test
    void chatClientsAndBrowsersShareThePort() throws Exception {
        try (WireClient alice = WireClient.v1(address, "Alice"); WireClient bob = WireClient.obrol(address, "Bob")) {
            String response = rawHttp("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 200 OK");

            alice.send(object("MSG").put("to_username", "Bob").put("message", "still here"));
            assertThat(bob.receive("PEER_MSG").path("message").asText()).isEqualTo("still here");
        }
    }

    @Test
    void aRequestLineSplitAcrossReadsIsStillHttp() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            for (String part : new String[] {"G", "E", "T / HTTP/1.1\r\n", "Host: x\r\n\r\n"}) {
                out.write(part.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(20); // separate reads on the server, most of the time; either way it must work
            }
            assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aJsonClientSplitIntoSingleBytesIsStillAChatClient() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            for (byte b : "{\"type\": \"SET_USERNAME\", \"username\": \"Gita\"}".getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
                out.flush();
            }
            String answer = new String(socket.getInputStream().readNBytes(17), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("{\"type\":\"SUCCESS\"");
        }
    }

    @Test
    void aConnectionThatSaysNothingIsClosedAtTheLoginDeadlineWithTheUsualReason() throws Exception {
        try (WireClient silent = new WireClient(address)) {
            silent.setTimeoutMillis(10_000);
            assertThat(silent.receive().path("code").asText()).as("the login timeout, as before port unification")
                    .isEqualTo("NOT_LOGGED_IN");
            assertThat(silent.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aConnectionClosedBeforeItsFirstByteIsStillInTheTrafficLog() throws Exception {
        String local;
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            local = "127.0.0.1:" + socket.getLocalPort();
        }
        await().untilAsserted(() -> assertThat(traffic.lines())
                .anyMatch(l -> l.startsWith(local + " -> CONNECT"))
                .anyMatch(l -> l.startsWith(local + " -> DISCONNECT")));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    private String rawHttp(String request) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes); // the server closes after one response
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
