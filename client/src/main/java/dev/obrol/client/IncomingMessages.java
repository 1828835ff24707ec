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
 * Shows what the server sends, one line per event in the colour of its meaning, records file
 * offers for /acceptfile, and keeps {@link OnlineUsers} current for completion. Every piece of
 * text from the network is escaped before it is shown or styled: a peer cannot move the cursor,
 * clear the screen or reverse text on our terminal. Called on the event loop only.
 */
final class IncomingMessages {
    /** A username among the arguments: escaped, then coloured by the {@link Styler}. */
    private record Name(String name) {}

    private final String username;
    private final Texts texts;
    private final Ui ui;
    private final ClientState state;
    private final Styler styler;
    private final boolean bell;
    private final ListRequests lists;

    IncomingMessages(String username, Texts texts, Ui ui, ClientState state, Styler styler, boolean bell, ListRequests lists) {
        this.username = username;
        this.texts = texts;
        this.ui = ui;
        this.state = state;
        this.styler = styler;
        this.bell = bell;
        this.lists = lists;
    }

    void show(Object message) {
        if (message instanceof ServerMessage.PeerMsg m) {
            say(Tone.DIRECT, "in.peer", new Name(m.fromUsername()), m.message());
            if (bell) {
                ui.bell();
            }
        } else if (message instanceof ServerMessage.ServerMsg m) {
            say(Tone.SERVER, "in.server", m.message());
        } else if (message instanceof ServerMessage.Broadcast m) {
            say(Tone.BROADCAST, "in.broadcast", m.message());
        } else if (message instanceof ServerMessage.Info m) {
            say(Tone.NOTICE, "in.info", m.message());
        } else if (message instanceof ServerMessage.Error m) {
            say(Tone.ERROR, "in.error", m.message());
        } else if (message instanceof ServerMessage.Success m) {
            say(Tone.NOTICE, "in.info", m.message());
        } else if (message instanceof ServerMessage.Presence m) {
            presence(m);
        } else if (message instanceof ServerMessage.FileOffer m) {
            offer(m);
        } else if (message instanceof ServerMessage.FileAccepted m) {
            say(Tone.FILE, m.filename() == null ? "in.file.accepted.unnamed" : "in.file.accepted", new Name(m.fromUsername()), nonNull(m.filename()));
        } else if (message instanceof ServerMessage.FileRejected m) {
            say(Tone.FILE, m.filename() == null ? "in.file.rejected.unnamed" : "in.file.rejected", new Name(m.fromUsername()), nonNull(m.filename()));
        } else if (message instanceof ServerMessage.ClientList m) {
            list(m);
        } else if (message instanceof RawText raw) {
            say(Tone.PLAIN, "in.raw", raw.text());
        } else if (message instanceof Message m) {
            // A client-to-server type coming from the server: not ours to act on.
            say(Tone.PLAIN, "in.raw", m.type());
        }
    }

    private void presence(ServerMessage.Presence m) {
        String status = nonNull(m.status());
        String key = switch (status) {
            case ServerMessage.Presence.ONLINE -> "in.presence.online";
            case ServerMessage.Presence.OFFLINE -> "in.presence.offline";
            default -> "in.presence.other";
        };
        if (status.equals(ServerMessage.Presence.OFFLINE)) {
            state.online().offline(m.username());
        } else {
            state.online().online(m.username());
        }
        say(Tone.NOTICE, key, new Name(nonNull(m.username())), status);
    }

    private void offer(ServerMessage.FileOffer m) {
        long size = m.size() != null ? m.size() : m.filedata() != null ? Base64Data.decodedSize(m.filedata()) : -1;
        int waiting = state.offers().add(new PendingOffers.Offer(m.fromUsername(), m.filename(), m.filedata(), size));
        String shownSize = size >= 0 ? Sizes.human(size, texts) : texts.get("size.unknown");
        say(Tone.FILE, "in.file.offer", new Name(m.fromUsername()), m.filename(), shownSize);
        say(Tone.FILE, "in.file.offer.how", m.fromUsername());
        if (waiting > 1) {
            say(Tone.FILE, "in.file.offer.queued", m.fromUsername(), waiting);
        }
    }

    /** Lists everyone online with ourselves marked, whether the server marked us (obrol) or left us out (v1). */
    private void list(ServerMessage.ClientList m) {
        String self = Usernames.key(username);
        List<ServerMessage.ClientList.Entry> clients = m.clients() == null ? List.of() : m.clients();
        boolean serverMarked = clients.stream().anyMatch(e -> e != null && Boolean.TRUE.equals(e.you()));
        List<String> known = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        boolean seenSelf = false;
        for (ServerMessage.ClientList.Entry entry : clients) {
            if (entry == null || entry.username() == null) {
                continue;
            }
            known.add(entry.username());
            boolean you = serverMarked ? Boolean.TRUE.equals(entry.you()) : Usernames.key(entry.username()).equals(self);
            seenSelf |= you;
            String name = styler.name(Text.escapeControls(entry.username()));
            shown.add(you ? texts.get("in.list.you", name) : name);
        }
        boolean show = lists.answered(List.copyOf(known)); // as the server sent them: v1 leaves us out
        if (!seenSelf) {
            known.add(username);
            shown.add(0, texts.get("in.list.you", styler.name(Text.escapeControls(username))));
        }
        state.online().replace(known);
        if (show) {
            ui.show(texts.get("in.list", shown.size(), String.join(", ", shown)));
        }
    }

    private void say(Tone tone, String key, Object... args) {
        Object[] safe = args.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] instanceof String s) {
                safe[i] = Text.escapeControls(s);
            } else if (safe[i] instanceof Name n) {
                safe[i] = styler.name(Text.escapeControls(nonNull(n.name())));
            }
        }
        ui.show(styler.line(tone, texts.get(key, safe)));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
