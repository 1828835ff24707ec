package dev.obrol.protocol;

import java.util.regex.Pattern;

/**
 * The fixed numbers of streamed transfers (protocol 2, feature {@value #FEATURE}): chunk size,
 * flow-control window and the shape of transfer ids. Both sides use the same constants; the
 * server enforces them, so a sender that ignores them loses its transfer, not the server's memory.
 */
public final class StreamLimits {
    /** The feature name in SUCCESS.features and SET_USERNAME.features. */
    public static final String FEATURE = "stream_files";

    /**
     * The feature name of binary chunk frames ({@link BinaryChunkFrame}): a client that announces it
     * in SET_USERNAME.features, to a server that lists it in SUCCESS.features, sends and receives
     * file chunks as raw bytes instead of Base64 in JSON.
     */
    public static final String BINARY_FEATURE = "binary_chunks";

    /**
     * Largest chunk payload before Base64 (64 KiB): about 87 KiB of JSON, far below every frame
     * limit, so chunks never need the large-frame allowance that whole-file offers use.
     */
    public static final int MAX_CHUNK_BYTES = 64 * 1024;

    /**
     * Most file bytes a sender may have sent beyond what the receiver acknowledged (4 MiB). It
     * bounds what sits in the server and the sockets for one transfer (about 5.5 MB of JSON). A
     * smaller window was the limit on a busy machine while acknowledgements crossed three
     * processes (docs/BENCHMARKS.md).
     */
    public static final int WINDOW_BYTES = 64 * MAX_CHUNK_BYTES;

    /**
     * The receiver acknowledges at least every this many bytes (and at the end). A quarter of the
     * window keeps the pipe full while cutting acknowledgements, and the wake-ups they cost on
     * three processes, to one per four chunks.
     */
    public static final int ACK_EVERY_BYTES = WINDOW_BYTES / 4;

    /**
     * Largest payload of a binary chunk frame. Chosen by measurement (docs/BENCHMARKS.md, "Binary
     * chunks"): larger chunks mean fewer frames, wake-ups and system calls per byte.
     */
    public static final int MAX_BINARY_CHUNK_BYTES = 256 * 1024;

    /**
     * The flow-control window of a sender that sends binary chunks: most file bytes sent and not
     * acknowledged. Chosen by measurement (docs/BENCHMARKS.md, "Binary chunks"); the server
     * enforces it for such senders, and {@link #WINDOW_BYTES} for the others.
     */
    public static final int BINARY_WINDOW_BYTES = 8 * 1024 * 1024;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private StreamLimits() {}

    /** Largest chunk payload in {@code encoding}. */
    public static int maxChunkBytes(FileChunk.Encoding encoding) {
        return encoding == FileChunk.Encoding.BINARY ? MAX_BINARY_CHUNK_BYTES : MAX_CHUNK_BYTES;
    }

    /** The flow-control window of a sender that negotiated binary chunks ({@code binary}) or did not. */
    public static int windowBytes(boolean binary) {
        return binary ? BINARY_WINDOW_BYTES : WINDOW_BYTES;
    }

    /** Transfer ids are chosen by the sender: 1 to 40 of A-Z a-z 0-9 _ -, so they need no escaping. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
