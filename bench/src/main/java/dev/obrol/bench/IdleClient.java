package dev.obrol.bench;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** What an idle client of the {@code connections} scenario does with frames: counts errors and unexpected closes. */
final class IdleClient implements FrameSink {
    private static final byte[] ERROR = FrameFields.bytes("ERROR");

    private final LongAdder errors;
    private final AtomicBoolean closing;

    /** {@code closing} turns true when the bench itself starts closing the connections. */
    IdleClient(LongAdder errors, AtomicBoolean closing) {
        this.errors = errors;
        this.closing = closing;
    }

    @Override
    public void onFrame(ReceivedLine fields, ByteBuf frame) {
        if (fields.typeIs(ERROR)) {
            errors.increment();
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (!closing.get()) {
            errors.increment();
        }
    }
}
