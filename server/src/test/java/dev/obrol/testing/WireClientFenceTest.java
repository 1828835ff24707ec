package dev.obrol.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The "nothing arrives" check of the test clients: a server so slow that an unwanted frame is
 * still queued when the check starts must fail it, not pass it (as a 300 ms wait did).
 */
class WireClientFenceTest {
    private static final String UNWANTED = "{\"type\":\"PRESENCE\",\"username\":\"Late\",\"status\":\"online\"}";
    private static final String PONG = "{\"type\":\"PONG\"}";

    /**
     * A one-connection fake server that writes nothing until it reads a PING, and then answers
     * with {@code beforePong} and the PONG, as a real server would that had queued it earlier.
     */
    private static CompletableFuture<Void> slowServer(ServerSocket listener, String beforePong) {
        return CompletableFuture.runAsync(() -> {
            try (Socket peer = listener.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
                StringBuilder seen = new StringBuilder();
                for (int c; !seen.toString().contains("\"PING\"") && (c = in.read()) >= 0; ) {
                    seen.append((char) c);
                }
                OutputStream out = peer.getOutputStream();
                out.write((beforePong + PONG + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                in.read(); // until the client hangs up
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aFrameASlowServerStillHadQueuedFailsTheCheckInsteadOfPassingIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = slowServer(listener, UNWANTED + "\n");
            try (WireClient sut = new WireClient((InetSocketAddress) listener.getLocalSocketAddress())) {
                assertThatThrownBy(() -> sut.assertNothingPending("nothing for this client"))
                        .as("the unwanted frame comes before the PONG, however late")
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("Late");
            }
            server.join();
        }
    }

    @Test
    void onlyThePongMeansNothingWasPending() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = slowServer(listener, "");
            try (WireClient sut = new WireClient((InetSocketAddress) listener.getLocalSocketAddress())) {
                sut.assertNothingPending("nothing for this client");
            }
            server.join();
        }
    }
}
