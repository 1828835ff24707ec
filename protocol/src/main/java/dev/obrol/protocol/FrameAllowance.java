package dev.obrol.protocol;

/**
 * Lets one connection's frame in progress grow past the small-frame limit, a chunk at a time, so
 * that only a few large frames (whole-file offers) are buffered at once across the whole server.
 *
 * <p>Called only from the connection's event loop. Whatever was granted is given back with {@link
 * #release()} when the frame is complete, fails, or the connection closes.
 */
public interface FrameAllowance {
    /** What {@link #grow} decided. */
    enum Grant {
        /** The frame may take the extra bytes. */
        GRANTED,
        /** This connection may not send a frame this large (e.g. it has not logged in). */
        TOO_LONG,
        /** The server has no room for another large frame right now. */
        BUSY
    }

    /** Asks for {@code bytes} more for the current frame. */
    Grant grow(int bytes);

    /** Gives back everything granted to the current frame. Idempotent. */
    void release();

    /** An allowance that grants everything (frames are then bounded by the hard limit only). */
    FrameAllowance UNLIMITED = new FrameAllowance() {
        @Override
        public Grant grow(int bytes) {
            return Grant.GRANTED;
        }

        @Override
        public void release() {}
    };
}
