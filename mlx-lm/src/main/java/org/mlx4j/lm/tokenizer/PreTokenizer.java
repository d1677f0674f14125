package org.mlx4j.lm.tokenizer;

/**
 * A tokenizer.json {@code pre_tokenizer}: splits normalized text into the words the model encodes one by one.
 * {@code atStart} says whether the text begins at the start of the whole input (HF: its original offset is 0),
 * which Metaspace's {@code prepend_scheme: first} looks at.
 */
@FunctionalInterface
interface PreTokenizer {
    void split(String text, boolean atStart, PieceSink out);

    /** Receives the pieces of a split, in order. */
    @FunctionalInterface
    interface PieceSink {
        void accept(String piece, boolean atStart);
    }
}
