package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.JsonLines;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.server.presence.ScopedPresence;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who hears of a login or logout, and how many lines it costs, with sessions on embedded channels. */
class ScopedPresenceTest {
    private static final ServerTexts ENGLISH = ServerTexts.forLocale(Locale.ENGLISH);
    private final JsonLines format = new JsonLines(new MessageCodec());
    private final LocalDirectory directory = new LocalDirectory();
    private final Map<String, EmbeddedChannel> channels = new HashMap<>();
    private ScopedPresence sut;

    @AfterEach
    void close() {
        channels.values().forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void onASmallServerEveryObrolClientHearsOfEveryLoginButV1ClientsHearNothing() {
        sut = new ScopedPresence(directory, 200);
        login("Alice", true);
        login("Bob", true);
        login("Old", false);
        drainAll();

        login("Dewi", true);

        assertThat(lines("Alice")).containsExactly("{\"type\":\"PRESENCE\",\"username\":\"Dewi\",\"status\":\"online\"}");
        assertThat(lines("Bob")).containsExactly("{\"type\":\"PRESENCE\",\"username\":\"Dewi\",\"status\":\"online\"}");
        assertThat(lines("Old")).as("v1 clients do not know PRESENCE").isEmpty();
        assertThat(lines("Dewi")).as("not told of itself").isEmpty();
    }

    @Test
    void aboveTheLimitOnlyPartnersAndWatchersHear() {
        sut = new ScopedPresence(directory, 1);
        User alice = login("Alice", true);
        User bob = login("Bob", true);
        login("Carol", true);
        sut.conversed(alice, bob);
        sut.watch(session("Carol"), List.of("dewi"));
        drainAll();

        User dewi = login("Dewi", true);
        assertThat(lines("Carol")).as("Carol watches Dewi").containsExactly("{\"type\":\"PRESENCE\",\"username\":\"Dewi\",\"status\":\"online\"}");
        assertThat(lines("Alice")).as("Alice neither watches nor talked with Dewi").isEmpty();
        assertThat(lines("Bob")).isEmpty();

        logout(bob);
        assertThat(lines("Alice")).as("Alice talked with Bob").containsExactly("{\"type\":\"PRESENCE\",\"username\":\"Bob\",\"status\":\"offline\"}");
        assertThat(lines("Carol")).isEmpty();
        assertThat(lines("Dewi")).isEmpty();

        sut.unwatch(session("Carol"), List.of("DEWI"));
        logout(dewi);
        assertThat(lines("Carol")).as("no longer watching").isEmpty();
    }

    @Test
    void aLoginWithThousandsOnlineWritesOneLinePerWatcherNotPerUser() {
        sut = new ScopedPresence(directory, 200);
        for (int i = 0; i < 2000; i++) {
            login("user" + i, true);
        }
        for (int i = 0; i < 3; i++) {
            sut.watch(session("user" + i), List.of("Newcomer"));
        }
        drainAll();

        login("Newcomer", true);

        int written = 0;
        for (String name : channels.keySet()) {
            written += lines(name).size();
        }
        assertThat(written).as("one line to each of the 3 watchers, none to the other 1997").isEqualTo(3);
    }

    @Test
    void aBurstReachesARecipientAsOneLineWithEachNamesLatestState() {
        sut = new ScopedPresence(directory, 200);
        login("Alice", true, ScopedPresence.PRESENCE_BATCH);
        drainAll();

        List<User> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(login("b" + i, true)); // Alice's event loop does not run in between
        }
        logout(burst.get(0));
        logout(burst.get(1));
        login("b1", true); // back again before Alice was told

        List<String> told = lines("Alice");
        assertThat(told).as("one line for the whole burst").hasSize(1);
        assertThat(told.get(0)).startsWith("{\"type\":\"PRESENCE_BATCH\",\"online\":[\"b1\",\"b2\",")
                .endsWith(",\"b49\"],\"offline\":[\"b0\"]}");
    }

    @Test
    void aWatchedNameOfLettersBeyondTheBasicPlaneIsWatchedLikeAnyOther() {
        sut = new ScopedPresence(directory, 1);
        login("Alice", true);
        login("Bob", true);
        String han = "\uD840\uDC00".repeat(17); // 17 characters, 34 UTF-16 units
        sut.watch(session("Alice"), List.of(han));
        assertThat(lines("Alice")).as("the answer to WATCH names it").containsExactly(
                "{\"type\":\"PRESENCE_BATCH\",\"online\":[],\"offline\":[\"" + han + "\"]}");

        login(han, true);
        assertThat(lines("Alice")).containsExactly("{\"type\":\"PRESENCE\",\"username\":\"" + han + "\",\"status\":\"online\"}");
    }

    private User login(String name, boolean obrol, String... features) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Session session = new Session(channel, ENGLISH, format);
        session.negotiate(obrol, ENGLISH);
        session.features(List.of(features));
        User user = new User(name, session);
        assertThat(directory.claim(user)).isEmpty();
        session.loggedInAs(user);
        channels.put(name, channel);
        sut.loggedIn(user, session);
        return user;
    }

    private void logout(User user) {
        Session session = user.primary();
        boolean last = user.detach(session);
        directory.release(user);
        sut.loggedOut(user, session, last);
    }

    private Session session(String name) {
        return directory.locate(name).orElseThrow().primary();
    }

    private void drainAll() {
        channels.keySet().forEach(this::lines);
    }

    /** What was written to {@code name}'s connection since the last call, line by line. */
    private List<String> lines(String name) {
        EmbeddedChannel channel = channels.get(name);
        channel.runPendingTasks(); // presence flush, then the outbox drain it queued
        channel.runPendingTasks();
        List<String> out = new ArrayList<>();
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            for (String line : written.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            written.release();
        }
        return out;
    }
}
