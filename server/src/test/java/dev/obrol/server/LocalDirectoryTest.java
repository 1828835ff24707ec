package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.JsonLines;
import dev.obrol.protocol.MessageCodec;
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

class LocalDirectoryTest {
    private final LocalDirectory sut = new LocalDirectory();
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
                    User user = user(t % 2 == 0 ? name : name.toUpperCase(Locale.ROOT));
                    claims.add(pool.submit(() -> {
                        start.await();
                        return sut.claim(user).isEmpty();
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
        User holder = user("Alice");
        User loser = user("alice");
        assertThat(sut.claim(holder)).isEmpty();
        assertThat(sut.claim(loser)).as("who holds it").contains(new Directory.Conflict("Alice", false));

        assertThat(sut.release(loser)).as("a refused user must not free the holder's name").isFalse();
        assertThat(sut.locate("ALICE")).contains(holder);
        assertThat(sut.release(holder)).isTrue();
        assertThat(sut.locate("alice")).isEmpty();
        assertThat(sut.allNames()).isEmpty();
    }

    @Test
    void aNameThatLooksLikeOneOnlineIsRefusedUntilItsHolderLeaves() {
        User alice = user("alice");
        String cyrillic = "\u0430\u04CF\u0456\u0441\u0435"; // looks like "alice", every letter Cyrillic
        User impostor = user(cyrillic);
        assertThat(sut.claim(alice)).isEmpty();

        assertThat(sut.claim(impostor)).contains(new Directory.Conflict("alice", true));
        assertThat(sut.claim(user("aIice"))).as("capital I for l").contains(new Directory.Conflict("alice", true));
        assertThat(sut.locate(cyrillic)).as("a refused look-alike is not findable").isEmpty();
        assertThat(sut.release(impostor)).as("a refused user frees nothing").isFalse();
        assertThat(sut.claim(user("aIice"))).as("alice's look is still held").isNotEmpty();

        assertThat(sut.release(alice)).isTrue();
        assertThat(sut.claim(impostor)).as("free once alice has left").isEmpty();
        assertThat(sut.locate(cyrillic)).contains(impostor);
        assertThat(sut.locate("alice")).as("lookups stay by key: Latin alice is not the Cyrillic name").isEmpty();
    }

    @Test
    void aNameHeldInADifferentLookOfTheSameKeyIsTakenAndLeavesNoLookBehind() {
        User upper = user("ALICE");
        assertThat(sut.claim(upper)).isEmpty();
        assertThat(sut.claim(user("alice"))).contains(new Directory.Conflict("ALICE", false));
        assertThat(sut.release(upper)).isTrue();
        assertThat(sut.claim(user("aIice"))).as("the refused alice must not have kept the look of alice").isEmpty();
    }

    @Test
    void ofSixteenThreadsRacingForNamesThatLookAlikeExactlyOneWinsEachRound() throws Exception {
        // Four spellings, two keys each: same key as another racer, or a look-alike of it.
        List<String> spellings = List.of("alice", "Alice", "aIice", "\u0430\u04CF\u0456\u0441\u0435");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 200; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<User> racers = new ArrayList<>();
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    User racer = user(spellings.get(t % spellings.size()) + round);
                    racers.add(racer);
                    claims.add(pool.submit(() -> {
                        start.await();
                        return sut.claim(racer).isEmpty();
                    }));
                }
                start.countDown();
                User winner = null;
                int wins = 0;
                for (int t = 0; t < 16; t++) {
                    if (claims.get(t).get(10, TimeUnit.SECONDS)) {
                        wins++;
                        winner = racers.get(t);
                    }
                }
                assertThat(wins).as("round %d: exactly one of 16 look-alike racers gets in", round).isEqualTo(1);
                assertThat(sut.size()).as("round %d: only the winner is online", round).isEqualTo(1);
                assertThat(sut.release(winner)).isTrue();
            }
            assertThat(sut.size()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void namesComeSortedIgnoringCaseInPagesThatResumeAfterTheLastName() {
        for (String name : List.of("dewi", "Budi", "alice", "Citra", "eko")) {
            sut.claim(user(name));
        }
        assertThat(sut.names(null, 2)).containsExactly("alice", "Budi");
        assertThat(sut.names("Budi", 2)).containsExactly("Citra", "dewi");
        assertThat(sut.names("DEWI", 2)).as("resumes after a name in any case").containsExactly("eko");
        assertThat(sut.names("eko", 2)).isEmpty();
        assertThat(sut.allNames()).containsExactly("alice", "Budi", "Citra", "dewi", "eko");
    }

    private User user(String name) {
        return new User(name, new Session(new EmbeddedChannel(), texts, new JsonLines(new MessageCodec())));
    }
}
