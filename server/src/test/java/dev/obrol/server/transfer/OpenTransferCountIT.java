package dev.obrol.server.transfer;

import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import dev.obrol.server.Session;
import dev.obrol.server.User;
import dev.obrol.server.TrafficLog;
import dev.obrol.testing.TrafficRecorder;
import dev.obrol.testing.WireClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The number of open transfers each user has, which the limit of {@link
 * TransferRelay#MAX_OPEN_PER_SESSION} is checked against: kept at every step a transfer can take,
 * and never passed by offers racing in on several event loops.
 */
class OpenTransferCountIT {
    private static final Duration EXPIRY = Duration.ofSeconds(1);

    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        // Four event loops, so senders' offers to one receiver really run at the same time.
        sut = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0).withOfferExpiry(EXPIRY).withIoThreads(4),
                new TrafficLog(traffic.logger()));
        address = sut.start();
    }

    @AfterEach
    void stop() {
        sut.close();
    }

    private static String offerLine(String id, String to) {
        return "{\"type\":\"FILE_STREAM\",\"transfer_id\":\"" + id + "\",\"to_username\":\"" + to
                + "\",\"filename\":\"a.bin\",\"size\":4}\n";
    }

    private int open(String user) {
        Session session = sut.directory().locate(user).map(User::primary).orElseThrow(() -> new AssertionError(user + " is not online"));
        return sut.relay().openCount(session);
    }

    @Test
    void aTransferCountsForBothEndsFromOfferToDone() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            alice.send(offerLine("t1", "Bob"));
            String idOfT1 = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // issued by the server
            assertThat(open("Alice")).as("offered: the sender's").isEqualTo(1);
            assertThat(open("Bob")).as("offered: the receiver's").isEqualTo(1);

            bob.sendControl("FILE_STREAM_ACCEPT", idOfT1, "offset", 0L);
            alice.receive("FILE_STREAM_ACCEPT");
            assertThat(open("Alice")).as("accepted").isEqualTo(1);
            assertThat(open("Bob")).as("accepted").isEqualTo(1);

            alice.send("{\"type\":\"FILE_CHUNK\",\"transfer_id\":\"t1\",\"offset\":0,\"data\":\""
                    + Base64.getEncoder().encodeToString(new byte[4]) + "\"}\n");
            bob.receive("FILE_CHUNK");
            alice.sendControl("FILE_STREAM_END", "t1", "sha256", "abc");
            bob.receive("FILE_STREAM_END");
            assertThat(open("Alice")).as("ended by the sender, not yet done").isEqualTo(1);
            bob.sendControl("FILE_STREAM_DONE", idOfT1, "sha256", "abc");
            alice.receive("FILE_STREAM_DONE");
            assertThat(open("Alice")).as("done: freed before the sender hears it").isZero();
            assertThat(open("Bob")).as("done").isZero();
            assertThat(sut.relay().openTransfers()).isZero();
        }
    }

    @Test
    void aRejectedACancelledAndARefusedOfferLeaveNothingCounted() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            alice.send(offerLine("no", "Bob"));
            String idOfNo = bob.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // issued by the server
            bob.sendControl("FILE_STREAM_CANCEL", idOfNo, "reason", "rejected");
            alice.receive("FILE_STREAM_CANCEL");
            assertThat(open("Alice")).as("rejected").isZero();
            assertThat(open("Bob")).as("rejected").isZero();

            alice.send(offerLine("never", "Bob"));
            bob.receive("FILE_STREAM_OFFER");
            alice.sendControl("FILE_STREAM_CANCEL", "never", "reason", "cancelled");
            bob.receive("FILE_STREAM_CANCEL");
            assertThat(open("Alice")).as("withdrawn by the sender").isZero();
            assertThat(open("Bob")).as("withdrawn by the sender").isZero();

            alice.send(offerLine("twice", "Bob"));
            bob.receive("FILE_STREAM_OFFER");
            alice.send(offerLine("twice", "Bob"));
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).as("an id in use").isEqualTo("bad_offer");
            assertThat(open("Alice")).as("the refused duplicate counts nothing").isEqualTo(1);
            assertThat(open("Bob")).as("the refused duplicate counts nothing").isEqualTo(1);
        }
    }

    @Test
    void anExpiredOfferAndAPeerThatLeftFreeTheirPlaces() throws Exception {
        try (WireClient alice = WireClient.streaming(address, "Alice"); WireClient bob = WireClient.streaming(address, "Bob")) {
            alice.send(offerLine("old", "Bob"));
            bob.receive("FILE_STREAM_OFFER");
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("expired");
            assertThat(open("Alice")).as("expired").isZero();
            assertThat(open("Bob")).as("expired").isZero();

            WireClient carol = WireClient.streaming(address, "Carol");
            alice.send(offerLine("gone", "Carol"));
            String idOfGone = carol.receive("FILE_STREAM_OFFER").path("transfer_id").asText(); // issued by the server
            carol.sendControl("FILE_STREAM_ACCEPT", idOfGone, "offset", 0L);
            alice.receive("FILE_STREAM_ACCEPT");
            Session carolSession = sut.directory().locate("Carol").map(User::primary).orElseThrow();
            carol.close();
            assertThat(alice.receive("FILE_STREAM_CANCEL").path("reason").asText()).isEqualTo("peer_left");
            assertThat(open("Alice")).as("the receiver left").isZero();
            assertThat(sut.relay().openCount(carolSession)).as("nothing kept for the one who left").isZero();
        }
    }

    @Test
    void offersRacingFromManySendersForTheLastPlaceNeverPassTheLimit() throws Exception {
        int racers = 16;
        int limit = TransferRelay.MAX_OPEN_PER_SESSION;
        List<WireClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try (WireClient bob = WireClient.streaming(address, "Bob"); WireClient filler = WireClient.streaming(address, "Filler")) {
            for (int i = 0; i < racers; i++) {
                clients.add(WireClient.streaming(address, "racer" + i));
            }
            for (int round = 0; round < 20; round++) {
                // Bob one short of the limit; then every racer offers at once, on four event loops.
                StringBuilder fill = new StringBuilder();
                for (int k = 0; k < limit - 1; k++) {
                    fill.append(offerLine("r" + round + "f" + k, "Bob"));
                }
                filler.send(fill.toString());
                filler.awaitHandled();
                List<String> offered = offersIn(bob.awaitHandled());
                assertThat(offered).as("round %d: filled", round).hasSize(limit - 1);

                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    WireClient racer = clients.get(i);
                    String offer = offerLine("r" + round + "racer" + i, "Bob");
                    sent.add(pool.submit(() -> {
                        go.await();
                        racer.send(offer);
                        return racer.awaitHandled();
                    }));
                }
                go.countDown();
                for (Future<?> f : sent) {
                    f.get();
                }
                List<String> won = offersIn(bob.awaitHandled());
                assertThat(won).as("round %d: racers that got the last place", round).hasSize(1);
                assertThat(open("Bob")).as("round %d: the receiver's count", round).isEqualTo(limit);

                offered.addAll(won);
                for (String id : offered) {
                    bob.sendControl("FILE_STREAM_CANCEL", id, "reason", "rejected");
                }
                bob.awaitHandled();
                assertThat(open("Bob")).as("round %d: all rejected", round).isZero();
                filler.awaitHandled(); // the rejections, read so the next round starts clean
                for (WireClient racer : clients) {
                    racer.awaitHandled();
                }
            }
        } finally {
            pool.shutdownNow();
            for (WireClient c : clients) {
                c.close();
            }
        }
        await().until(() -> sut.relay().openTransfers() == 0);
    }

    private static List<String> offersIn(List<JsonNode> frames) {
        List<String> ids = new ArrayList<>();
        for (JsonNode node : frames) {
            if ("FILE_STREAM_OFFER".equals(node.path("type").asText())) {
                ids.add(node.path("transfer_id").asText());
            }
        }
        return ids;
    }
}
