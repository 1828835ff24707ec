package dev.obrol.bench;

import io.netty.buffer.ByteBuf;

/** What a scenario does with the lines (frames) a logged-in bench connection receives (on its event loop). */
interface FrameSink {
    /** A frame as scanned by the connection's {@link ChatWire} into {@code fields}; the frame is released after the call. */
    void onFrame(ReceivedLine fields, ByteBuf frame);

    /**
     * A frame before its fields are scanned; true if this sink handled it (it is then not scanned).
     * For frames too long to scan for nothing, such as file chunks. Released after the call.
     */
    default boolean onRawFrame(ByteBuf frame) {
        return false;
    }

    /** End of one read batch: the moment to flush what the frames caused to be written. */
    default void onReadComplete() {}

    /** The connection closed or failed; {@code cause} is null for an orderly close. */
    default void onClosed(Throwable cause) {}

    /** Swallows everything: idle clients. */
    FrameSink IGNORE = (fields, frame) -> {};
}
