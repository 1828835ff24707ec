package dev.obrol.server;

import java.util.List;

/**
 * Who is told when a user comes and goes. Presence goes to those who care (people the user has
 * exchanged messages with, people who watch the user) rather than to everyone, so a login costs
 * the same with 10 or 10,000 users online. As a {@link LoginListener} it hears every login and
 * logout. A cluster puts here a presence that also hears of users on other nodes.
 */
public interface Presence extends LoginListener {

    /** A message from {@code from} reached {@code to}: from now on each hears when the other comes and goes. */
    void conversed(User from, User to);

    /** {@code watcher} wants to hear when these users come and go; it is told their state now. */
    void watch(Session watcher, List<String> names);

    /** {@code watcher} no longer wants to hear of these users (unless it talks with them). */
    void unwatch(Session watcher, List<String> names);
}
