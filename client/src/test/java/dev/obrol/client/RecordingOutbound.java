package dev.obrol.client;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.FileChunk;
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

    final List<String> chunks = new CopyOnWriteArrayList<>();

    @Override
    public void sendChunk(FileChunk chunk) {
        chunks.add(chunk.transferId() + "@" + chunk.offset());
        chunk.release();
    }

    @Override
    public void finish() {
        finished = true;
    }
}
