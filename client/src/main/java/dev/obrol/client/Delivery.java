package dev.obrol.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What became of a request sent with {@link Outbound#sendConfirmed}, as far as the server's answers tell. */
public enum Delivery {
    /** The server handled it without an ERROR: a message was passed to its receiver, an offer was made. */
    DONE,
    /** The server answered it with an ERROR (which the session shows like any other). */
    REFUSED,
    /**
     * Nobody can tell: the connection ended first, the server is an original (v1) one that answers
     * no PING, or the server dropped a request for its rate and answers can no longer be paired.
     */
    UNKNOWN;

    /** How long a typed line waits for the server's answer to a request whose outcome it depends on. */
    public static final long ANSWER_WAIT_SECONDS = 10;

    /** Waits (at most {@link #ANSWER_WAIT_SECONDS}) for the server's answer; UNKNOWN when none comes. */
    public static Delivery awaited(CompletableFuture<Delivery> answer) {
        try {
            return answer.get(ANSWER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }
}
