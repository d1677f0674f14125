package org.mlx4j.it.docs;

import java.util.Arrays;
import java.util.List;

/** A word-level tokenizer over a ten-word vocabulary; {@code "."} is the end of sequence. */
public final class ToyTokenizer {
    static final List<String> WORDS = List.of("mlx4j", "streams", "every", "token", "one", "step", "ahead", "of", "demand", ".");

    public int vocabularySize() {
        return WORDS.size();
    }

    /** The ids of the space-separated words of {@code text}. */
    public int[] encode(String text) {
        return Arrays.stream(text.strip().split("\\s+")).mapToInt(w -> {
            int id = WORDS.indexOf(w);
            if (id < 0) throw new IllegalArgumentException("ToyTokenizer: unknown word `" + w + "`");
            return id;
        }).toArray();
    }

    public String decode(int id) {
        return WORDS.get(id);
    }

    /** The end-of-sequence id. */
    public int eos() {
        return WORDS.indexOf(".");
    }
}
