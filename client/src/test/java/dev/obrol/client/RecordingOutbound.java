package dev.obrol.client;

import dev.obrol.protocol.ClientMessage;
import dev.obrol.protocol.FileChunk;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/** An {@link Outbound} that keeps what was sent, for session tests without sockets. */
final class RecordingOutbound implements Outbound {
    final List<ClientMessage> sent = new CopyOnWriteArrayList<>();
    volatile boolean finished;
    /** How the server answers each confirmed request; by default it handles it without an error. */
    volatile Function<ClientMessage, Delivery> answers = message -> Delivery.DONE;
    /** Runs after each message is recorded: a test answers here as a server would (a LIST, say). */
    volatile Consumer<ClientMessage> onSend = message -> {};

    @Override
    public void send(ClientMessage message) {
        sent.add(message);
        onSend.accept(message);
    }

    @Override
    public CompletableFuture<Delivery> sendConfirmed(ClientMessage message) {
        sent.add(message);
        return CompletableFuture.completedFuture(answers.apply(message));
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
