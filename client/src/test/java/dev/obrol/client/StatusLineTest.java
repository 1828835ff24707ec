package dev.obrol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private final StatusModel sut = new StatusModel();

    @Test
    void showsServerNamePartnerOffersAndTransfers() {
        sut.connected("chat.example:8000", "alice");
        Texts en = Texts.forLocale(Locale.ENGLISH);

        assertThat(StatusLine.render(sut.snapshot(), en))
                .isEqualTo(" chat.example:8000 \u00b7 alice \u00b7 to nobody yet \u00b7 no file offers \u00b7 no transfers");

        sut.partner("bob");
        sut.pendingOffers(2);
        sut.transfer("t1", "big.iso 40%");
        sut.transfer("t2", "a.txt 5%");

        assertThat(StatusLine.render(sut.snapshot(), en))
                .isEqualTo(" chat.example:8000 \u00b7 alice \u00b7 to bob \u00b7 2 file offers waiting \u00b7 2 transfers: big.iso 40%, a.txt 5%");
        assertThat(StatusLine.render(sut.snapshot(), Texts.forLocale(Locale.forLanguageTag("id"))))
                .isEqualTo(" chat.example:8000 \u00b7 alice \u00b7 ke bob \u00b7 2 tawaran file menunggu \u00b7 2 transfer: big.iso 40%, a.txt 5%");
    }

    @Test
    void listenersHearEveryChangeAndOnlyChanges() {
        List<StatusModel.Snapshot> heard = new ArrayList<>();
        sut.addListener(heard::add);

        sut.pendingOffers(1);
        sut.pendingOffers(1);
        sut.transfer("t1", "x 1%");
        sut.transferDone("t1");
        sut.transferDone("t1");

        assertThat(heard).extracting(StatusModel.Snapshot::pendingOffers).as("unchanged counts and unknown ids are not news")
                .containsExactly(1, 1, 1);
        assertThat(heard.get(1).transfers()).containsEntry("t1", "x 1%");
        assertThat(heard.get(2).transfers()).isEmpty();
    }

    @Test
    void peerTextInTheStatusLineIsEscaped() {
        sut.connected("h:1", "alice");
        sut.partner("bo\u001b[2Jb");

        assertThat(StatusLine.render(sut.snapshot(), Texts.forLocale(Locale.ENGLISH))).doesNotContain("\u001b");
    }
}
