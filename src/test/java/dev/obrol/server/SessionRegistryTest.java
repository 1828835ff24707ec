package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageEncoder;
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
                        return sut.register(session.username(), session).granted();
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
        assertThat(sut.register("Alice", holder)).isEqualTo(SessionRegistry.Claim.GRANTED);
        assertThat(sut.register("alice", loser)).isEqualTo(SessionRegistry.Claim.TAKEN);

        assertThat(sut.unregister(loser)).as("a refused session must not free the holder's name").isFalse();
        assertThat(sut.find("ALICE")).contains(holder);
        assertThat(sut.unregister(holder)).isTrue();
        assertThat(sut.find("alice")).isEmpty();
    }

    @Test
    void aNameThatLooksLikeOneOnlineIsRefusedUntilItsHolderLeaves() {
        Session alice = session("alice");
        String cyrillic = "\u0430\u04CF\u0456\u0441\u0435"; // looks like "alice", every letter Cyrillic
        Session impostor = session(cyrillic);
        assertThat(sut.register("alice", alice).granted()).isTrue();

        assertThat(sut.register(cyrillic, impostor)).isEqualTo(new SessionRegistry.Claim.LooksLike("alice"));
        assertThat(sut.register("aIice", session("aIice"))).as("capital I for l")
                .isEqualTo(new SessionRegistry.Claim.LooksLike("alice"));
        assertThat(sut.find(cyrillic)).as("a refused look-alike is not findable").isEmpty();
        assertThat(sut.unregister(impostor)).as("a refused session frees nothing").isFalse();
        assertThat(sut.register("aIice", session("aIice")).granted()).as("alice's look is still held").isFalse();

        assertThat(sut.unregister(alice)).isTrue();
        assertThat(sut.register(cyrillic, impostor).granted()).as("free once alice has left").isTrue();
        assertThat(sut.find(cyrillic)).contains(impostor);
        assertThat(sut.find("alice")).as("lookups stay by key: Latin alice is not the Cyrillic name").isEmpty();
    }

    @Test
    void aNameHeldInADifferentLookOfTheSameKeyIsTakenAndLeavesNoLookBehind() {
        Session upper = session("ALICE");
        assertThat(sut.register("ALICE", upper).granted()).isTrue();
        assertThat(sut.register("alice", session("alice"))).isEqualTo(SessionRegistry.Claim.TAKEN);
        assertThat(sut.unregister(upper)).isTrue();
        assertThat(sut.register("aIice", session("aIice")).granted())
                .as("the refused alice must not have kept the look of alice").isTrue();
    }

    @Test
    void ofSixteenThreadsRacingForNamesThatLookAlikeExactlyOneWinsEachRound() throws Exception {
        // Four spellings, two keys each: same key as another racer, or a look-alike of it.
        List<String> spellings = List.of("alice", "Alice", "aIice", "\u0430\u04CF\u0456\u0441\u0435");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 200; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Session> racers = new ArrayList<>();
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    Session session = session(spellings.get(t % spellings.size()) + round);
                    racers.add(session);
                    claims.add(pool.submit(() -> {
                        start.await();
                        return sut.register(session.username(), session).granted();
                    }));
                }
                start.countDown();
                Session winner = null;
                int wins = 0;
                for (int t = 0; t < 16; t++) {
                    if (claims.get(t).get(10, TimeUnit.SECONDS)) {
                        wins++;
                        winner = racers.get(t);
                    }
                }
                assertThat(wins).as("round %d: exactly one of 16 look-alike racers gets in", round).isEqualTo(1);
                assertThat(sut.size()).as("round %d: only the winner is online", round).isEqualTo(1);
                assertThat(sut.unregister(winner)).isTrue();
            }
            assertThat(sut.size()).isZero();
        } finally {
            pool.shutdownNow();
        }
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
        Session session = new Session(new EmbeddedChannel(), texts, new MessageEncoder(new MessageCodec()));
        session.name(name);
        return session;
    }
}
