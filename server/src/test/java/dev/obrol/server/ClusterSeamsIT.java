package dev.obrol.server;

import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole server against its seams: two servers (two ports, as two nodes would be) share one
 * {@link Topology}. If any feature reached users through a map of its own server's connections
 * instead of the directory, delivery and presence, a user on the other node would be invisible to
 * it, and these tests would fail. This is the shape a cluster takes, with the topology over NATS.
 */
class ClusterSeamsIT {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private final List<ObrolServer> nodes = new ArrayList<>();
    private InetSocketAddress nodeA;
    private InetSocketAddress nodeB;

    @BeforeEach
    void start() throws Exception {
        Topology shared = Topology.local(new MessageCodec());
        nodeA = node(shared);
        nodeB = node(shared);
    }

    @AfterEach
    void stop() {
        nodes.forEach(ObrolServer::close);
    }

    @Test
    void aNameIsUniqueAcrossNodesAndMessagesReachAUserOnTheOtherNode() throws Exception {
        try (WireClient alice = WireClient.v1(nodeA, "Alice"); WireClient bob = WireClient.obrol(nodeB, "Bob")) {
            try (WireClient impostor = new WireClient(nodeB)) {
                impostor.send("{\"type\":\"SET_USERNAME\",\"username\":\"alice\"}");
                assertThat(impostor.receive().path("code").asText()).as("Alice holds the name on node A")
                        .isEqualTo("USERNAME_TAKEN");
            }
            alice.send(object("MSG").put("to_username", "bob").put("message", "across nodes"));
            JsonNode got = bob.receive("PEER_MSG");
            assertThat(got.path("from_username").asText()).isEqualTo("Alice");
            assertThat(got.path("message").asText()).isEqualTo("across nodes");

            bob.send(object("LIST"));
            assertThat(bob.receive("CLIENT_LIST").path("clients").toString())
                    .isEqualTo("[{\"username\":\"Alice\"},{\"username\":\"Bob\",\"you\":true}]");

            assertThat(nodes.get(0).postOffice().broadcast("from node A's operator")).isEqualTo(2);
            assertThat(bob.receive("BROADCAST").path("message").asText()).isEqualTo("from node A's operator");
            assertThat(alice.receive("BROADCAST").path("message").asText()).isEqualTo("from node A's operator");

            assertThat(nodes.get(1).moderator().kick("ALICE", "test")).as("node B's operator finds Alice on node A")
                    .contains("Alice");
            assertThat(alice.receive().path("code").asText()).isEqualTo("KICKED");
        }
    }

    @Test
    void presenceCrossesNodesAndANameIsFreeEverywhereOnceItsHolderLeaves() throws Exception {
        try (WireClient bob = WireClient.obrolWith(nodeB, "Bob", "presence_batch")) {
            try (WireClient alice = WireClient.obrol(nodeA, "Alice")) {
                assertThat(bob.receive("PRESENCE_BATCH").path("online").toString()).isEqualTo("[\"Alice\"]");
            }
            assertThat(bob.receive("PRESENCE_BATCH").path("offline").toString()).isEqualTo("[\"Alice\"]");
            try (WireClient again = WireClient.v1(nodeB, "alice")) {
                again.send(object("LIST"));
                assertThat(again.receive("CLIENT_LIST").path("clients").toString()).isEqualTo("[{\"username\":\"Bob\"}]");
            }
        }
    }

    private InetSocketAddress node(Topology topology) throws InterruptedException {
        ObrolServer server = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0), new TrafficLog(traffic.logger()), topology);
        nodes.add(server);
        return server.start();
    }
}
