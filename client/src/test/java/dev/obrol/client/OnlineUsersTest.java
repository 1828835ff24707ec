package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.client.OnlineUsers.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who the client believes is online: from the latest list and the presence notices since. */
class OnlineUsersTest {
    private final OnlineUsers sut = new OnlineUsers();

    @Test
    void nothingIsKnownBeforeAListOrANotice() {
        assertThat(sut.state("bob")).isEqualTo(State.UNKNOWN);
        assertThat(sut.names()).isEmpty();
    }

    @Test
    void aWholeListSaysWhoIsOnlineAndThatEveryoneElseIsNot() {
        sut.replace(List.of("Bob"));

        assertThat(sut.state("BOB")).isEqualTo(State.ONLINE);
        assertThat(sut.state("carol")).isEqualTo(State.OFFLINE);
    }

    @Test
    void aFirstPageSaysNothingOfTheNamesBeyondIt() {
        sut.replaceWithFirstPage(List.of("aa", "ab"));

        assertThat(sut.state("ab")).isEqualTo(State.ONLINE);
        assertThat(sut.state("zed")).isEqualTo(State.UNKNOWN);
    }

    @Test
    void aNoticeIsNewerThanTheListAndTheNextListNewerThanTheNotice() {
        sut.replace(List.of("Bob", "carol"));
        sut.offline("bob");
        sut.online("Dewi");

        assertThat(sut.state("bob")).isEqualTo(State.OFFLINE);
        assertThat(sut.names()).containsExactly("carol", "Dewi");

        sut.replace(List.of("bob"));

        assertThat(sut.state("bob")).isEqualTo(State.ONLINE);
        assertThat(sut.state("dewi")).as("the whole list left Dewi out: she has gone").isEqualTo(State.OFFLINE);
        assertThat(sut.names()).containsExactly("bob");
    }

    @Test
    void aNoticeAboutANameBeyondTheFirstPageOutlivesThatPage() {
        sut.online("zed");
        sut.offline("yan");

        sut.replaceWithFirstPage(List.of("aa"));

        assertThat(sut.state("zed")).isEqualTo(State.ONLINE);
        assertThat(sut.state("yan")).isEqualTo(State.OFFLINE);
        assertThat(sut.names()).containsExactly("aa", "zed");
    }
}
