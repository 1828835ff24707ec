package dev.obrol.server;

import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.WireFormat;
import dev.obrol.server.transfer.OfferBook;
import dev.obrol.server.transfer.TransferRelay;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/** The server's logic wired as ObrolServer wires it, without sockets: for tests on embedded channels. */
final class HandlerWiring {
    private HandlerWiring() {}

    /** A sharable handler over a local topology, logging traffic to {@code traffic}, English for v1 clients and the operator. */
    static ServerHandler handler(Limits limits, MessageCodec codec, WireFormat format, Logger traffic, Duration loginTimeout) {
        Topology topology = Topology.local(codec);
        OfferBook offers = new OfferBook();
        TrafficLog log = new TrafficLog(traffic);
        ServerTexts english = ServerTexts.forLocale(Locale.ENGLISH);
        Replies replies = new Replies(log, english);
        ServerStats stats = new ServerStats();
        TransferRelay transfers = new TransferRelay(topology.directory(), topology.presence(), log, Duration.ofMinutes(1), stats, english);
        Logins logins = new Logins(topology.directory(), log, replies, limits, List.of(topology.presence(), offers, transfers),
                english);
        PostOffice postOffice = new PostOffice(topology, offers, log, replies, limits, codec, stats);
        return new ServerHandler(new RequestDispatcher(logins, postOffice, topology.presence(), transfers, log, replies), logins,
                replies, log, english, loginTimeout, format);
    }
}
