package dev.obrol.server.transfer;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues transfer ids: {@code t}, a random node prefix chosen once per server process, a dash, and
 * a counter, e.g. {@code tq7m2xa-1f}. The prefix makes ids unique beyond one process (two nodes
 * of a cluster, or a restarted server, never issue the same id) without asking anyone; the
 * counter makes them unique within it. Every id fits {@code StreamLimits.isValidId}. Thread-safe.
 */
public final class TransferIds {
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int PREFIX_CHARS = 6; // 36^6: about 2.2e9 prefixes; short enough to type

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    /** Ids with a random node prefix. */
    public TransferIds() {
        this(randomPrefix());
    }

    /** Ids with a given node prefix (a cluster may name its nodes; tests). */
    public TransferIds(String nodePrefix) {
        this.prefix = "t" + nodePrefix + "-";
    }

    public String next() {
        return prefix + Long.toString(counter.incrementAndGet(), 36);
    }

    private static String randomPrefix() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(PREFIX_CHARS);
        for (int i = 0; i < PREFIX_CHARS; i++) {
            out.append(DIGITS.charAt(random.nextInt(DIGITS.length())));
        }
        return out.toString();
    }
}
