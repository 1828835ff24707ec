package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.Limits;
import dev.obrol.protocol.MessageCodec;
import dev.obrol.protocol.ServerMessage;
import dev.obrol.server.transfer.OfferBook;
import dev.obrol.server.transfer.TransferRelay;
import dev.obrol.testing.TrafficRecorder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestDispatcherTest {

    @Test
    void everyMessageTypeAClientMaySendHasARoute() {
        Topology topology = Topology.local(new MessageCodec());
        TrafficLog log = new TrafficLog(new TrafficRecorder().logger());
        ServerTexts english = ServerTexts.forLocale(Locale.ENGLISH);
        Replies replies = new Replies(log, english);
        ServerStats stats = new ServerStats();
        TransferRelay transfers = new TransferRelay(topology.directory(), log, Duration.ofMinutes(1), stats, english);
        OfferBook offers = new OfferBook();
        Logins logins = new Logins(topology.directory(), log, replies, Limits.defaults(), List.of(), english);
        PostOffice postOffice = new PostOffice(topology, offers, log, replies, Limits.defaults(), new MessageCodec(), stats);
        RequestDispatcher sut = new RequestDispatcher(logins, postOffice, topology.presence(), transfers, log, replies);

        Set<Class<?>> routed = new HashSet<>(sut.routedTypes());
        assertThat(routed).as("a client type added to the protocol needs a route here")
                .containsExactlyInAnyOrderElementsOf(concreteClientTypes());
    }

    /** Every record a client may send, found through the sealed hierarchy (server-only records left out). */
    private static Set<Class<?>> concreteClientTypes() {
        Set<Class<?>> found = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(ClientMessage.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (type.isSealed()) {
                todo.addAll(List.of(type.getPermittedSubclasses()));
            } else if (ClientMessage.class.isAssignableFrom(type) && !isServerOnly(type)) {
                found.add(type);
            }
        }
        return found;
    }

    private static boolean isServerOnly(Class<?> type) {
        return ServerMessage.class.isAssignableFrom(type) && !ClientMessage.class.isAssignableFrom(type);
    }
}
