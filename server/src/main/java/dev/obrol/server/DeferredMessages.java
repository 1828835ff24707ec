package dev.obrol.server;

import dev.obrol.protocol.ServerMessage;
import java.util.List;

/**
 * Messages made only when a connection's outbox reaches them in its queue, so that whatever
 * changed until then goes out once, in order with what was queued before and after (presence
 * changes coalesced per recipient). {@link #messages} runs on the connection's event loop.
 */
@FunctionalInterface
public interface DeferredMessages {
    List<? extends ServerMessage> messages();
}
