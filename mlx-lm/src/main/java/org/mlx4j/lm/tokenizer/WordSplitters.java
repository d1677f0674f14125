package org.mlx4j.lm.tokenizer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splitters that isolate each match of a word pattern (HF: {@code Split} with behavior {@code Isolated}, and
 * ByteLevel's GPT-2 split): every match and every gap between matches becomes a piece.
 */
final class WordSplitters {
    private WordSplitters() {}

    static PreTokenizer forRegex(String regex) {
        return isolating(TextPattern.regex(regex));
    }

    static PreTokenizer isolating(Pattern pattern) {
        return (text, atStart, out) -> {
            Matcher m = pattern.matcher(text);
            int previous = 0;
            while (m.find()) {
                int start = m.start();
                int end = m.end();
                if (start > previous) out.accept(text.substring(previous, start), atStart && previous == 0);
                if (end > start) out.accept(text.substring(start, end), atStart && start == 0);
                previous = end;
            }
            if (previous < text.length()) out.accept(text.substring(previous), atStart && previous == 0);
        };
    }
}
