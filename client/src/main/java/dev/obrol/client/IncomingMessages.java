package dev.obrol.client;

import dev.obrol.protocol.Base64Data;
import dev.obrol.protocol.Message;
import dev.obrol.protocol.RawText;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.protocol.Text;
import dev.obrol.protocol.Usernames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shows what the server sends, one line per event in the colour of its meaning, records file
 * offers for /acceptfile, and keeps {@link OnlineUsers} current for completion. Every piece of
 * text from the network is escaped before it is shown or styled: a peer cannot move the cursor,
 * clear the screen or reverse text on our terminal. Called on the event loop only; the list pages
 * and watch answers it is told to expect are thread-safe.
 */
final class IncomingMessages {
    /** Up to this many arrivals (or departures) in one batch are shown a line each, like single notices. */
    static final int ONE_LINE_EACH = 3;

    /** A username among the arguments: escaped, then coloured by the {@link Styler}. */
    private record Name(String name) {}

    private final String username;
    private final Texts texts;
    private final Ui ui;
    private final ClientState state;
    private final Styler styler;
    private final boolean bell;
    private final ListRequests lists;
    private final ListPages pages;
    private final WatchAnswers watchAnswers;

    IncomingMessages(String username, Texts texts, Ui ui, ClientState state, Styler styler, boolean bell, ListRequests lists,
            ListPages pages, WatchAnswers watchAnswers) {
        this.username = username;
        this.texts = texts;
        this.ui = ui;
        this.state = state;
        this.styler = styler;
        this.bell = bell;
        this.lists = lists;
        this.pages = pages;
        this.watchAnswers = watchAnswers;
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
        } else if (message instanceof ServerMessage.PresenceBatch m) {
            presenceBatch(m);
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

    /**
     * Several changes at once (coalesced by the server), or the answer to a {@code WATCH}. A few
     * changes read like single notices, one line each; more make one line per direction.
     */
    private void presenceBatch(ServerMessage.PresenceBatch m) {
        List<String> online = names(m.online());
        List<String> offline = names(m.offline());
        online.forEach(state.online()::online);
        offline.forEach(state.online()::offline);
        Optional<WatchAnswers.Occasion> answer = watchAnswers.answer(online, offline);
        if (answer.isPresent()) {
            if (!online.isEmpty()) {
                show(Tone.NOTICE, texts.get("in.watch.online", NameLines.join(online, styler, texts)));
            }
            // After a login only who is here matters; after /watch, the user asked about each name.
            if (!offline.isEmpty() && answer.get() == WatchAnswers.Occasion.REQUEST) {
                show(Tone.NOTICE, texts.get("in.watch.offline", NameLines.join(offline, styler, texts)));
            }
            return;
        }
        changes(online, "in.presence.online", "in.presence.online.many");
        changes(offline, "in.presence.offline", "in.presence.offline.many");
    }

    private void changes(List<String> names, String eachKey, String manyKey) {
        if (names.size() <= ONE_LINE_EACH) {
            names.forEach(name -> say(Tone.NOTICE, eachKey, new Name(name)));
        } else {
            show(Tone.NOTICE, texts.get(manyKey, names.size(), NameLines.join(names, styler, texts)));
        }
    }

    /** The names of a batch, leaving out what no user can be called (a server's mistake). */
    private static List<String> names(List<String> names) {
        return names == null ? List.of() : names.stream().filter(name -> name != null && !name.isEmpty()).toList();
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

    /**
     * Lists everyone online with ourselves marked, whether the server marked us (obrol) or left us
     * out (v1). An obrol server that pages the list says how many are online; then we are on
     * whichever page our name falls, and the line after the page says where in the list it is.
     */
    private void list(ServerMessage.ClientList m) {
        String self = Usernames.key(username);
        List<ServerMessage.ClientList.Entry> clients = m.clients() == null ? List.of() : m.clients();
        boolean paged = m.online() != null;
        boolean more = Boolean.TRUE.equals(m.more());
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
        ListRequests.Purpose purpose = lists.answered(List.copyOf(known)); // as the server sent them: v1 leaves us out
        int onPage = known.size();
        String last = known.isEmpty() ? null : known.get(known.size() - 1);
        if (!seenSelf && !paged) {
            known.add(username);
            shown.add(0, texts.get("in.list.you", styler.name(Text.escapeControls(username))));
        }
        if (purpose == ListRequests.Purpose.SHOW_NEXT) {
            state.online().addPage(known);
        } else if (more) {
            state.online().replaceWithFirstPage(known);
        } else {
            state.online().replace(known);
        }
        if (purpose != ListRequests.Purpose.SHOW_FIRST && purpose != ListRequests.Purpose.SHOW_NEXT) {
            return;
        }
        ListPages.Page page = pages.shown(purpose == ListRequests.Purpose.SHOW_FIRST, onPage, last, more);
        ui.show(texts.get("in.list", shown.size(), String.join(", ", shown)));
        if (more || purpose == ListRequests.Purpose.SHOW_NEXT) {
            int online = paged ? m.online() : page.to();
            ui.show(texts.get(more ? "in.list.paged.more" : "in.list.paged", online, page.from(), page.to()));
        }
    }

    private void show(Tone tone, String text) {
        ui.show(styler.line(tone, text));
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
