package dev.obrol.server;

import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.MessageEncoder;
import dev.obrol.server.transfer.OfferBook;
import dev.obrol.server.transfer.TransferRelay;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;

/** The server's logic wired as ObrolServer wires it, without sockets: for tests on embedded channels. */
final class HandlerWiring {
    private HandlerWiring() {}

    /** A sharable handler over one registry, logging traffic to {@code traffic}, English for v1 clients and the operator. */
    static ServerHandler handler(Limits limits, MessageCodec codec, MessageEncoder encoder, Logger traffic, Duration loginTimeout) {
        SessionRegistry registry = new SessionRegistry();
        OfferBook offers = new OfferBook();
        TrafficLog log = new TrafficLog(traffic);
        ServerTexts english = ServerTexts.forLocale(Locale.ENGLISH);
        Replies replies = new Replies(log, english);
        TransferRelay transfers = new TransferRelay(registry, log, Duration.ofMinutes(1), english);
        Logins logins = new Logins(registry, offers, log, replies, limits, transfers, english);
        PostOffice postOffice = new PostOffice(registry, offers, log, replies, limits, codec);
        return new ServerHandler(new RequestDispatcher(logins, postOffice, transfers, log, replies), logins, replies, log,
                english, loginTimeout, encoder);
    }
}
