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

    /** Writes the offer's data; returns the file written. */
    public Path receive(PendingOffers.Offer offer) throws UserError {
        byte[] data = decode(offer);
        try {
            return store.save(offer.filename(), data);
        } catch (IOException e) {
            throw new UserError("error.file.write", offer.filename(), store.directory(), String.valueOf(e.getMessage()));
        }
    }

    private static byte[] decode(PendingOffers.Offer offer) throws UserError {
        if (offer.filedata() == null) {
            throw new UserError("error.file.noData", offer.filename(), offer.from());
        }
        try {
            return Base64.getDecoder().decode(offer.filedata());
        } catch (IllegalArgumentException e) {
            throw new UserError("error.file.badData", offer.filename(), offer.from());
        }
    }
}
