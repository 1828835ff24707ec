package dev.obrol.server;

import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.WireFormat;
import dev.obrol.server.transfer.OfferBook;
import dev.obrol.server.transfer.TransferRelay;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;

/** The server's logic wired as ObrolServer wires it, without sockets: for tests on embedded channels. */
final class HandlerWiring {
    private HandlerWiring() {}

    /** A sharable handler over one registry, logging traffic to {@code traffic}, English texts for v1 clients. */
    static ServerHandler handler(Limits limits, MessageCodec codec, WireFormat format, Logger traffic, Duration loginTimeout) {
        SessionRegistry registry = new SessionRegistry();
        OfferBook offers = new OfferBook();
        TrafficLog log = new TrafficLog(traffic);
        Replies replies = new Replies(log);
        TransferRelay transfers = new TransferRelay(registry, log, Duration.ofMinutes(1));
        Logins logins = new Logins(registry, offers, log, replies, limits, transfers);
        PostOffice postOffice = new PostOffice(registry, offers, log, replies, limits, codec);
        return new ServerHandler(new RequestDispatcher(logins, postOffice, transfers, log, replies), logins, replies, log,
                ServerTexts.forLocale(Locale.ENGLISH), loginTimeout, format);
    }
}
