package dev.obrol.server;

import dev.obrol.testing.RunningServer;
import static dev.obrol.testing.WireClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obrol.testing.NameRace;
import dev.obrol.testing.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Unicode name rules over a real server and raw sockets: NFKC case folding, look-alikes
 * (UTS #39 skeletons) and mixed scripts, answered to v1 clients in Indonesian and to obrol clients
 * in their language.
 */
class UsernameRulesIT {
    /** "alice" with every letter Cyrillic (а ӏ і с е): one script, so only its look gives it away. */
    private static final String CYRILLIC_ALICE = "\u0430\u04CF\u0456\u0441\u0435";

    @RegisterExtension
    final RunningServer running = new RunningServer();

    /** The answer to a v1 login (Indonesian), after which the server must have closed the connection. */
    private JsonNode refusedV1(String name) throws Exception {
        try (WireClient c = new WireClient(running.address())) {
            c.send("{\"type\":\"SET_USERNAME\",\"username\":" + WireClient.quote(name) + "}");
            JsonNode answer = c.receive();
            assertThat(c.isClosedByServer()).as("closed after refusing '%s'", name).isTrue();
            return answer;
        }
    }

    /** The answer to an obrol login in English, after which the server must have closed the connection. */
    private JsonNode refusedObrol(String name) throws Exception {
        try (WireClient c = new WireClient(running.address())) {
            c.send("{\"type\":\"SET_USERNAME\",\"username\":" + WireClient.quote(name)
                    + ",\"protocol\":2,\"client\":\"test\",\"lang\":\"en\"}");
            JsonNode answer = c.receive();
            assertThat(c.isClosedByServer()).as("closed after refusing '%s'", name).isTrue();
            return answer;
        }
    }

    @Test
    void aDecomposedAccentIsTheSameUserAsThePrecomposedOne() throws Exception {
        try (WireClient rene = WireClient.v1(running.address(), "Ren\u00E9")) {
            JsonNode answer = refusedV1("Rene\u0301");
            assertThat(answer.path("code").asText()).isEqualTo("USERNAME_TAKEN");
            assertThat(answer.path("message").asText()).isEqualTo("Username \"Ren\u00E9\" sudah digunakan. Koneksi ditutup.");

            try (WireClient bob = WireClient.obrol(running.address(), "Bob")) {
                bob.send(object("MSG").put("to_username", "RENE\u0301").put("message", "found by the folded key"));
                assertThat(rene.receive().path("message").asText()).isEqualTo("found by the folded key");
            }
        }
    }

    @Test
    void aDecomposedNameIsKeptComposed() throws Exception {
        try (WireClient rene = WireClient.obrol(running.address(), "Rene\u0301");
                WireClient bob = WireClient.obrol(running.address(), "Bob")) {
            bob.send(object("LIST"));
            assertThat(bob.receive("CLIENT_LIST").path("clients").toString()).contains("\"Ren\u00E9\"");
        }
    }

    @Test
    void fullwidthAndLigatureSpellingsAreTheSameUser() throws Exception {
        try (WireClient alice = WireClient.obrol(running.address(), "alice");
                WireClient fish = WireClient.obrol(running.address(), "fish")) {
            assertThat(refusedObrol("\uFF21lice").path("message").asText())
                    .isEqualTo("Username \"\uFF21lice\" is already in use. Connection closed.");
            assertThat(refusedObrol("\uFB01sh").path("code").asText()).isEqualTo("USERNAME_TAKEN");

            fish.send(object("MSG").put("to_username", "\uFF21LICE").put("message", "wide"));
            assertThat(alice.receive("PEER_MSG").path("message").asText()).isEqualTo("wide");
        }
    }

    @Test
    void aLookAlikeOfSomeoneOnlineIsRefusedInTheirLanguageAndAllowedOnceTheyLeave() throws Exception {
        try (WireClient alice = WireClient.v1(running.address(), "alice")) {
            JsonNode v1 = refusedV1(CYRILLIC_ALICE);
            assertThat(v1.path("code").asText()).isEqualTo("USERNAME_TAKEN");
            assertThat(v1.path("message").asText()).isEqualTo(
                    "Username \"" + CYRILLIC_ALICE + "\" terlalu mirip dengan \"alice\" yang sedang online. Koneksi ditutup.");

            JsonNode obrol = refusedObrol("aIice");
            assertThat(obrol.path("code").asText()).isEqualTo("USERNAME_TAKEN");
            assertThat(obrol.path("message").asText())
                    .isEqualTo("Username \"aIice\" looks too much like \"alice\", who is online. Connection closed.");
        }
        await().until(() -> running.sut().directory().size() == 0);
        try (WireClient cyrillic = WireClient.v1(running.address(), CYRILLIC_ALICE);
                WireClient bob = WireClient.obrol(running.address(), "Bob")) {
            bob.send(object("MSG").put("to_username", CYRILLIC_ALICE).put("message", "hello"));
            assertThat(cyrillic.receive().path("message").asText()).isEqualTo("hello");
            bob.send(object("MSG").put("to_username", "alice").put("message", "lookups go by key"));
            assertThat(bob.receive("ERROR").path("code").asText())
                    .as("Latin alice is not the Cyrillic user").isEqualTo("NO_SUCH_USER");
        }
        assertThat(running.traffic().lines()).as("the operator sees why")
                .anyMatch(line -> line.endsWith("-> LOGIN_REFUSED: \"aIice\": looks like alice"));
    }

    @Test
    void ofSixteenRacersForNamesThatLookAlikeExactlyOneGetsIn() throws Exception {
        // Valid names that all look like "alice", under three keys: "alice", "aiice" and the Cyrillic one.
        List<String> names = List.of("alice", "Alice", "aIice", CYRILLIC_ALICE);
        List<String> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            racers.add(names.get(i % names.size()));
        }
        int wins = NameRace.winners(running.address(), racers);
        assertThat(wins).as("exactly one of 16 look-alike racers gets in").isEqualTo(1);
    }

    @Test
    void aMixedScriptNameIsRefusedWithItsReasonInTheClientsLanguage() throws Exception {
        String paypal = "p\u0430ypal"; // one Cyrillic а
        JsonNode v1 = refusedV1(paypal);
        assertThat(v1.path("code").asText()).isEqualTo("INVALID_USERNAME");
        assertThat(v1.path("message").asText()).isEqualTo("Username harus memakai huruf dari satu aksara saja; huruf Latin"
                + " hanya boleh digabung dengan aksara Tionghoa, Jepang, atau Korea. Koneksi ditutup.");
        JsonNode obrol = refusedObrol(paypal);
        assertThat(obrol.path("code").asText()).isEqualTo("INVALID_USERNAME");
        assertThat(obrol.path("message").asText()).isEqualTo("Username must use the letters of one script; Latin may be"
                + " combined only with Chinese, Japanese or Korean. Connection closed.");
        assertThat(running.sut().directory().size()).isZero();
    }

    @Test
    void eachNewRefusalHasItsOwnReasonInBothLanguages() throws Exception {
        record Case(String name, String english, String indonesian) {}
        List<Case> cases = List.of(
                new Case("ali\u200Bce", "Username must not contain invisible characters or text-direction controls.",
                        "Username tidak boleh berisi karakter tak terlihat atau kontrol arah teks."),
                new Case("\u3164", "Username must not contain invisible characters or text-direction controls.",
                        "Username tidak boleh berisi karakter tak terlihat atau kontrol arah teks."),
                new Case("evil\u202Etxt", "Username must not contain invisible characters or text-direction controls.",
                        "Username tidak boleh berisi karakter tak terlihat atau kontrol arah teks."),
                new Case("Rene\u0301\u0301", "Username must not contain a mark that cannot be seen (the same accent twice, or a dot on i).",
                        "Username tidak boleh berisi tanda yang tidak terlihat (aksen yang sama dua kali, atau titik di atas i)."),
                new Case("a1\u0661", "Username must not mix digits of different scripts (such as 1 and \u0661).",
                        "Username tidak boleh mencampur angka dari aksara yang berbeda (misalnya 1 dan \u0661)."));
        for (Case c : cases) {
            JsonNode obrol = refusedObrol(c.name());
            assertThat(obrol.path("code").asText()).as(c.name()).isEqualTo("INVALID_USERNAME");
            assertThat(obrol.path("message").asText()).as(c.name()).isEqualTo(c.english() + " Connection closed.");
            JsonNode v1 = refusedV1(c.name());
            assertThat(v1.path("code").asText()).as(c.name()).isEqualTo("INVALID_USERNAME");
            assertThat(v1.path("message").asText()).as(c.name()).isEqualTo(c.indonesian() + " Koneksi ditutup.");
        }
        assertThat(running.sut().directory().size()).isZero();
    }

    @Test
    void wholeNamesInOneScriptAndLatinWithJapaneseAreAccepted() throws Exception {
        for (String name : List.of("\u0414\u043C\u0438\u0442\u0440\u0438\u0439", "\u0391\u03BB\u03AD\u03BE\u03B1\u03BD\u03B4\u03C1\u03BF\u03C2",
                "\u7530\u4E2D\u305F\u306A\u304B", "tanaka_\u7530\u4E2D", "\u0639\u0644\u064A")) {
            try (WireClient c = WireClient.v1(running.address(), name)) {
                c.send(object("LIST"));
                assertThat(c.receive().path("type").asText()).as(name).isEqualTo("CLIENT_LIST");
            }
        }
    }
}
