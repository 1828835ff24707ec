package dev.obrol.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Turns an accepted whole-file offer into a file in the download directory. Invalid Base64 is
 * refused before anything touches the disk. The streamed path to come will feed
 * {@link ReceivedFileStore.Incoming} chunk by chunk instead of decoding one string.
 */
public final class FileReceiver {
    private final ReceivedFileStore store;

    public FileReceiver(ReceivedFileStore store) {
        this.store = store;
    }

    /** The offer's bytes; fails when the offer is unusable for good (no data, invalid Base64). */
    public byte[] decode(PendingOffers.Offer offer) throws UserError {
        if (offer.filedata() == null) {
            throw new UserError("error.file.noData", offer.filename(), offer.from());
        }
        try {
            return Base64.getDecoder().decode(offer.filedata());
        } catch (IllegalArgumentException e) {
            throw new UserError("error.file.badData", offer.filename(), offer.from());
        }
    }

    /** Writes decoded bytes; fails when the disk says no, which trying again later may fix. */
    public Path store(PendingOffers.Offer offer, byte[] data) throws UserError {
        try {
            return store.save(offer.filename(), data);
        } catch (IOException e) {
            throw new UserError("error.file.write", offer.filename(), store.directory().toString(), String.valueOf(e.getMessage()));
        }
    }
}
