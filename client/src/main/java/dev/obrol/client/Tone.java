package dev.obrol.client;

/** What a shown line means, which decides its colour on a terminal. */
public enum Tone {
    /** Ordinary output: lists, help, answers to commands. */
    PLAIN,
    /** A direct message from someone. */
    DIRECT,
    /** A message the operator sent to this user only. */
    SERVER,
    /** A message the operator sent to everyone. */
    BROADCAST,
    /** Something went wrong, or was refused. */
    ERROR,
    /** A file offered, answered or saved. */
    FILE,
    /** Quiet notices: who came and went, confirmations. */
    NOTICE
}
