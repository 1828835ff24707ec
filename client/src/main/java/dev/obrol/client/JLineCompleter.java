package dev.obrol.client;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Hands JLine the candidates {@link ChatCompletion} finds for the word under the cursor. */
final class JLineCompleter implements Completer {
    private final ChatCompletion completion;

    JLineCompleter(ChatCompletion completion) {
        this.completion = completion;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String typed = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        for (Suggestion s : completion.complete(line.words(), line.wordIndex(), typed)) {
            candidates.add(new Candidate(s.value(), s.display(), null, null, null, null, s.complete()));
        }
    }
}
