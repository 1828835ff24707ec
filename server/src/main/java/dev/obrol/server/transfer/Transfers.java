package dev.obrol.server.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every {@link TransferView} of the server in one list, for the console's {@code transfers} and {@code stats}. Thread-safe. */
public final class Transfers implements TransferView {
    private final List<TransferView> sources = new CopyOnWriteArrayList<>();

    /** Adds a source of transfers (called while the server is built). */
    public void add(TransferView source) {
        sources.add(source);
    }

    @Override
    public List<TransferRow> transfers() {
        List<TransferRow> all = new ArrayList<>();
        for (TransferView source : sources) {
            all.addAll(source.transfers());
        }
        return all;
    }
}
