package dev.obrol.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The protocol code's one per-thread copy space. Bytes of a direct buffer are copied here to be
 * searched as an array ({@link JsonBytes} eight at a time, the Base64 check of a chunk), because a
 * call per byte through {@code ByteBuf} cannot be. Used by the framer ({@link JsonFrameDecoder}, a
 * window at a time), the MSG fast path ({@link CanonicalMsg}) and the file-chunk checks ({@link
 * FileChunkCodec}).
 *
 * <p>Each thread has one array of {@link #CAPACITY} bytes, made on first use and never replaced:
 * callers copy at most that much at a time and go through a longer range in pieces, so a large
 * frame never leaves a large array behind on an event loop.
 *
 * <p>Not thread-safe, and needs none: {@link #get} returns the calling thread's instance. Its
 * contents last until the next copy on the same thread, so a caller copies and searches within one
 * method and never keeps the array across a call that may copy too. The framer's window is the one
 * longer use: it is refilled when another user copied in between ({@link #cover} checks who filled
 * it), and invalidated at the start of each {@code decode} call, where its buffer may have moved.
 */
final class ScratchBytes {
    /** Bytes kept per thread: a whole file-chunk frame (about 87 KiB) fits. */
    static final int CAPACITY = 128 * 1024;
    /** How much the framer copies at a time: a chat frame or two, not the rest of a large one. */
    static final int WINDOW = 4096;

    private static final FastThreadLocal<ScratchBytes> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected ScratchBytes initialValue() {
            return new ScratchBytes();
        }
    };

    private final byte[] bytes = new byte[CAPACITY];
    /** Who filled the array as a window (null after a plain copy or an invalidation). */
    private Object owner;
    /** The window holds {@code in[base, end)} at {@code bytes[0, end - base)}. */
    int base;
    int end;

    private ScratchBytes() {}

    /** The calling thread's copy space. */
    static ScratchBytes get() {
        return PER_THREAD.get();
    }

    /** The array, holding {@code in[index, index + length)} from its start; {@code length} at most {@link #CAPACITY}. */
    byte[] copy(ByteBuf in, int index, int length) {
        if (length > CAPACITY) {
            throw new IllegalArgumentException(length + " bytes do not fit in " + CAPACITY);
        }
        owner = null;
        in.getBytes(index, bytes, 0, length);
        return bytes;
    }

    /**
     * The array as {@code user}'s window on {@code in}: holding {@code in[at, ...)} from {@code
     * bytes[at - base]} up to {@code to} or {@link #WINDOW} bytes. Copies only when the current
     * window is someone else's or does not hold {@code at}.
     */
    byte[] cover(Object user, ByteBuf in, int at, int to) {
        if (owner != user || at < base || at >= end) {
            int length = Math.min(WINDOW, to - at);
            in.getBytes(at, bytes, 0, length);
            owner = user;
            base = at;
            end = at + length;
        }
        return bytes;
    }

    /** Forgets the window: the next {@link #cover} copies. */
    void invalidate() {
        owner = null;
    }

    /** Bytes held for the calling thread (tests: a large frame must not leave more behind). */
    static int keptBytes() {
        return get().bytes.length;
    }
}
