package dev.obrol.server;

import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.MessageCodec;
import dev.obrol.server.presence.ScopedPresence;
import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who hears of a logout on a server past the small-server limit (here 1), over real sockets. */
class PresenceScopeIT {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        MessageCodec codec = new MessageCodec();
        LocalDirectory directory = new LocalDirectory();
        Topology busy = new Topology(directory, new LocalDelivery(directory, codec), new ScopedPresence(directory, 1));
        sut = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0), new TrafficLog(traffic.logger()), busy);
        address = sut.start();
    }

    @AfterEach
    void stop() {
        sut.close();
    }

    @Test
    void aStreamedFileOfferMakesTwoPeoplePartnersAsAMessageDoes() throws Exception {
        try (WireClient bob = WireClient.streaming(address, "Bob");
                WireClient carol = WireClient.streaming(address, "Carol");
                WireClient dewi = WireClient.streaming(address, "Dewi")) {
            try (WireClient alice = WireClient.streaming(address, "Alice")) {
                alice.send(object("FILE_STREAM").put("transfer_id", "f1").put("to_username", "Bob")
                        .put("filename", "a.txt").put("size", 3L));
                bob.receive("FILE_STREAM_OFFER");
                alice.send(object("MSG").put("to_username", "Carol").put("message", "hi"));
                carol.receive("PEER_MSG");
            }
            assertThat(bob.receive("PRESENCE").toString()).as("Bob was offered a file by Alice")
                    .isEqualTo("{\"type\":\"PRESENCE\",\"username\":\"Alice\",\"status\":\"offline\"}");
            assertThat(carol.receive("PRESENCE").path("status").asText()).as("Carol had a message from Alice").isEqualTo("offline");
            // Dewi neither talked with Alice nor watches her; Bob and Carol have heard, so Dewi would have too.
            assertThat(dewi.awaitHandled()).as("nothing about Alice for Dewi").isEmpty();
        }
    }
}
