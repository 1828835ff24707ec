package dev.obrol.protocol;

/**
 * What the decoding stages hand on for each frame a peer sent: a {@link Message}, {@link RawText}
 * (a v1 user's plain text), or a {@link MessageDecoder.DecodeFailure}. Sealed, so the code that
 * handles inbound frames covers every kind.
 */
public sealed interface Inbound permits Message, RawText, MessageDecoder.DecodeFailure {}
