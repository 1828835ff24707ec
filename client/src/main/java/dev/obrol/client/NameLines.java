package dev.obrol.client;

import dev.obrol.protocol.Text;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Names for one line of output: escaped (they come from the network), coloured by the {@link
 * Styler}, separated by commas; past {@link #SHOWN} names, how many more instead of the rest, so
 * a thousand people arriving at once make one readable line.
 */
final class NameLines {
    /** Names written out in one line; the rest are counted. */
    static final int SHOWN = 10;

    private NameLines() {}

    static String join(List<String> names, Styler styler, Texts texts) {
        String written = names.stream().limit(SHOWN)
                .map(name -> styler.name(Text.escapeControls(name)))
                .collect(Collectors.joining(", "));
        return names.size() <= SHOWN ? written : texts.get("names.more", written, names.size() - SHOWN);
    }
}
