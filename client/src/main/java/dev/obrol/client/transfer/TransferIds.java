package dev.obrol.client.transfer;

import java.security.SecureRandom;

/** Makes transfer ids: 6 random lower-case letters and digits, short enough to type in /acceptfile. */
final class TransferIds {
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no l/1, o/0 to misread
    private static final SecureRandom RANDOM = new SecureRandom();

    private TransferIds() {}

    static String next() {
        char[] id = new char[6];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }
}
