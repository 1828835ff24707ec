package dev.obrol.bench;

import java.util.concurrent.ThreadLocalRandom;

/** Short random prefixes for bench usernames, so runs against a shared server never collide. */
final class RunIds {
    private RunIds() {}

    /** E.g. "bk3x9": 'b' and four base-36 characters; usernames built on it stay far below 32 characters. */
    static String next() {
        int n = ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36);
        StringBuilder id = new StringBuilder("b");
        for (int i = 0; i < 4; i++) {
            id.append(Character.forDigit(n % 36, 36));
            n /= 36;
        }
        return id.toString();
    }
}
