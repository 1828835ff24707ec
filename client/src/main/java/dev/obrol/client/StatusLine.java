package dev.obrol.client;

import dev.obrol.protocol.Text;

/** Turns a {@link StatusModel.Snapshot} into the status line's text, in the user's language. */
final class StatusLine {
    private StatusLine() {}

    static String render(StatusModel.Snapshot s, Texts texts) {
        String to = s.partner() == null ? texts.get("status.noPartner") : texts.get("status.partner", Text.escapeControls(s.partner()));
        String offers = texts.get("status.offers", s.pendingOffers());
        String transfers = s.transfers().isEmpty()
                ? texts.get("status.noTransfers")
                : texts.get("status.transfers", s.transfers().size(), Text.escapeControls(String.join(", ", s.transfers().values())));
        return texts.get("status.line", Text.escapeControls(s.server()), Text.escapeControls(s.username()), to, offers, transfers);
    }
}
