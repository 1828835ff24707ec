package dev.obrol.server.transfer;

/** An offer the server relayed and whose answer it awaits. Holds no file bytes. */
public record FileOffer(String sender, String receiver, String filename, long size) {}
