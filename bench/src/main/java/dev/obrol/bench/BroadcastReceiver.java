package dev.obrol.bench;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** A {@code broadcast} recipient: reports the arrival of the current round's BROADCAST; counts ERRORs. */
final class BroadcastReceiver implements FrameSink {
    private static final byte[] BROADCAST = FrameFields.bytes("BROADCAST");
    private static final byte[] ERROR = FrameFields.bytes("ERROR");

    private final AtomicReference<BroadcastRound> current;
    private final LongAdder errors;

    BroadcastReceiver(AtomicReference<BroadcastRound> current, LongAdder errors) {
        this.current = current;
        this.errors = errors;
    }

    @Override
    public void onFrame(ReceivedLine fields, ByteBuf frame) {
        long now = System.nanoTime();
        if (fields.typeIs(BROADCAST)) {
            BroadcastRound round = current.get();
            // Another round's text (a straggler) or someone else's broadcast is not this round's arrival.
            if (round != null && fields.message().equals(round.text)) {
                round.arrived(now);
            }
        } else if (fields.typeIs(ERROR)) {
            errors.increment();
        }
    }
}
