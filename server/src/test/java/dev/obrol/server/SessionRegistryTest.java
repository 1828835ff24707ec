package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.JsonLines;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
    private final SessionRegistry sut = new SessionRegistry();
    private final ServerTexts texts = ServerTexts.forLocale(Locale.ENGLISH);

    @Test
    void ofManyThreadsRacingForOneNameInAnyCaseExactlyOneWinsEachRound() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                String name = "User" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Session session = session(t % 2 == 0 ? name : name.toUpperCase(Locale.ROOT));
                    claims.add(pool.submit(() -> {
                        start.await();
                        return sut.register(session.username(), session);
                    }));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> claim : claims) {
                    wins += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).as("round %d: exactly one of 8 racers holds %s", round, name).isEqualTo(1);
            }
            assertThat(sut.size()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheHolderCanFreeAName() {
        Session holder = session("Alice");
        Session loser = session("alice");
        assertThat(sut.register("Alice", holder)).isTrue();
        assertThat(sut.register("alice", loser)).isFalse();

        assertThat(sut.unregister(loser)).as("a refused session must not free the holder's name").isFalse();
        assertThat(sut.find("ALICE")).contains(holder);
        assertThat(sut.unregister(holder)).isTrue();
        assertThat(sut.find("alice")).isEmpty();
    }

    @Test
    void onlyObrolClientsAreListedForPresenceAndLeaveTheListWithTheirName() {
        Session v1 = session("Old");
        Session modern = session("New");
        modern.negotiate(true, texts);
        sut.register("Old", v1);
        sut.register("New", modern);
        assertThat(sut.obrolClients()).containsExactly(modern);
        sut.unregister(modern);
        assertThat(sut.obrolClients()).isEmpty();
    }

    private Session session(String name) {
        Session session = new Session(new EmbeddedChannel(), texts, new JsonLines(new MessageCodec()));
        session.name(name);
        return session;
    }
}
