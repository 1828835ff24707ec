package dev.obrol.protocol;

/**
 * Text between JSON objects that is not JSON. A v1 client sends any input that is not a command
 * this way; the server only logs it.
 */
public record RawText(String text) implements Inbound {}
