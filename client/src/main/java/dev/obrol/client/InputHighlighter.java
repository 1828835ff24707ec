package dev.obrol.client;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours what the user types, which stays on screen as their own lines: chat text in green, a
 * known command in bold cyan, an unknown one in red, so a typo shows before Enter.
 */
final class InputHighlighter implements Highlighter {
    private static final AttributedStyle OWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

    private final CommandTable commands;

    InputHighlighter(CommandTable commands) {
        this.commands = commands;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (!buffer.startsWith("/") || buffer.startsWith("//")) {
            return out.styled(OWN, buffer).toAttributedString();
        }
        int end = 1;
        while (end < buffer.length() && !Character.isWhitespace(buffer.charAt(end))) {
            end++;
        }
        String word = buffer.substring(0, end);
        // While the name is still being typed it is a prefix, not yet a mistake.
        boolean known = commands.find(word.substring(1)).isPresent()
                || end == buffer.length() && commands.specs().stream().anyMatch(s -> s.name().startsWith(word.substring(1)));
        out.styled(known ? COMMAND : UNKNOWN, word);
        out.append(buffer.substring(end));
        return out.toAttributedString();
    }
}
