package dev.obrol.server.transfer;

import java.util.List;

/**
 * Something that knows file transfers in flight, for the operator console. The whole-file offers
 * ({@link OfferBook}) are one source; a streaming transfer engine adds itself as another.
 */
@FunctionalInterface
public interface TransferView {
    /** A snapshot of the transfers this source knows, oldest first. */
    List<TransferRow> transfers();
}
