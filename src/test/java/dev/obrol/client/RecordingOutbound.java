package dev.obrol.client;

import dev.obrol.protocol.ClientMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link Outbound} that keeps what was sent, for session tests without sockets. */
final class RecordingOutbound implements Outbound {
    final List<ClientMessage> sent = new CopyOnWriteArrayList<>();
    volatile boolean finished;

    @Override
    public void send(ClientMessage message) {
        sent.add(message);
    }

    @Override
    public void finish() {
        finished = true;
    }
}
