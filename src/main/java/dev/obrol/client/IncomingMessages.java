package dev.obrol.client;

import dev.obrol.protocol.Base64Data;
import dev.obrol.protocol.Message;
import dev.obrol.protocol.RawText;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.Text;
import dev.obrol.protocol.Usernames;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows what the server sends, one line per event, and records file offers for /acceptfile.
 * Every piece of text from the network is escaped before it is shown: a peer cannot move the
 * cursor, clear the screen or reverse text on our terminal. Called on the event loop only.
 */
final class IncomingMessages {
    private final String username;
    private final Texts texts;
    private final Ui ui;
    private final PendingOffers offers;

    IncomingMessages(String username, Texts texts, Ui ui, PendingOffers offers) {
        this.username = username;
        this.texts = texts;
        this.ui = ui;
        this.offers = offers;
    }

    void show(Object message) {
        if (message instanceof ServerMessage.PeerMsg m) {
            say("in.peer", m.fromUsername(), m.message());
        } else if (message instanceof ServerMessage.ServerMsg m) {
            say("in.server", m.message());
        } else if (message instanceof ServerMessage.Broadcast m) {
            say("in.broadcast", m.message());
        } else if (message instanceof ServerMessage.Info m) {
            say("in.info", m.message());
        } else if (message instanceof ServerMessage.Error m) {
            say("in.error", m.message());
        } else if (message instanceof ServerMessage.Success m) {
            say("in.info", m.message());
        } else if (message instanceof ServerMessage.Presence m) {
            presence(m);
        } else if (message instanceof ServerMessage.FileOffer m) {
            offer(m);
        } else if (message instanceof ServerMessage.FileAccepted m) {
            say(m.filename() == null ? "in.file.accepted.unnamed" : "in.file.accepted", m.fromUsername(), nonNull(m.filename()));
        } else if (message instanceof ServerMessage.FileRejected m) {
            say(m.filename() == null ? "in.file.rejected.unnamed" : "in.file.rejected", m.fromUsername(), nonNull(m.filename()));
        } else if (message instanceof ServerMessage.ClientList m) {
            list(m);
        } else if (message instanceof RawText raw) {
            say("in.raw", raw.text());
        } else if (message instanceof Message m) {
            // A client-to-server type coming from the server: not ours to act on.
            say("in.raw", m.type());
        }
    }

    private void presence(ServerMessage.Presence m) {
        String key = switch (nonNull(m.status())) {
            case ServerMessage.Presence.ONLINE -> "in.presence.online";
            case ServerMessage.Presence.OFFLINE -> "in.presence.offline";
            default -> "in.presence.other";
        };
        say(key, nonNull(m.username()), nonNull(m.status()));
    }

    private void offer(ServerMessage.FileOffer m) {
        long size = m.size() != null ? m.size() : m.filedata() != null ? Base64Data.decodedSize(m.filedata()) : -1;
        int waiting = offers.add(new PendingOffers.Offer(m.fromUsername(), m.filename(), m.filedata(), size));
        String shownSize = size >= 0 ? Sizes.human(size, texts) : texts.get("size.unknown");
        say("in.file.offer", m.fromUsername(), m.filename(), shownSize);
        say("in.file.offer.how", m.fromUsername());
        if (waiting > 1) {
            say("in.file.offer.queued", m.fromUsername(), waiting);
        }
    }

    /** Lists everyone online with ourselves marked, whether the server marked us (obrol) or left us out (v1). */
    private void list(ServerMessage.ClientList m) {
        String self = Usernames.key(username);
        List<ServerMessage.ClientList.Entry> clients = m.clients() == null ? List.of() : m.clients();
        boolean serverMarked = clients.stream().anyMatch(e -> e != null && Boolean.TRUE.equals(e.you()));
        List<String> names = new ArrayList<>();
        boolean seenSelf = false;
        for (ServerMessage.ClientList.Entry entry : clients) {
            if (entry == null || entry.username() == null) {
                continue;
            }
            boolean you = serverMarked ? Boolean.TRUE.equals(entry.you()) : Usernames.key(entry.username()).equals(self);
            seenSelf |= you;
            String name = Text.escapeControls(entry.username());
            names.add(you ? texts.get("in.list.you", name) : name);
        }
        if (!seenSelf) {
            names.add(0, texts.get("in.list.you", Text.escapeControls(username)));
        }
        ui.show(texts.get("in.list", names.size(), String.join(", ", names)));
    }

    private void say(String key, Object... args) {
        Object[] safe = args.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] instanceof String s) {
                safe[i] = Text.escapeControls(s);
            }
        }
        ui.show(texts.get(key, safe));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
