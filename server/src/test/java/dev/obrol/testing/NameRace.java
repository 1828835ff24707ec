package dev.obrol.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/** Raw v1 clients that connect, wait for each other, then all ask for a name at once. */
public final class NameRace {
    private NameRace() {}

    /**
     * Races one client per entry of {@code names} (the same name or several, in any case) against
     * {@code server}; returns how many were let in. Closes every client before returning.
     */
    public static int winners(InetSocketAddress server, List<String> names) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(names.size());
        AtomicInteger wins = new AtomicInteger();
        List<WireClient> clients = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (String name : names) {
            Thread t = new Thread(() -> {
                try {
                    WireClient c = new WireClient(server);
                    clients.add(c);
                    barrier.await();
                    c.send("{\"type\":\"SET_USERNAME\",\"username\":" + WireClient.quote(name) + "}");
                    if (c.receive().path("type").asText().equals("SUCCESS")) {
                        wins.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(20).toMillis());
        }
        int won = wins.get();
        for (WireClient c : clients) {
            c.close();
        }
        return won;
    }
}
