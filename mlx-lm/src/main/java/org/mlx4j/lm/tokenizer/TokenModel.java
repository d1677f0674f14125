package org.mlx4j.lm.tokenizer;

/** A tokenizer.json {@code model}: turns one pre-tokenized word into token ids, and holds the vocabulary. */
interface TokenModel {
    /** Appends the ids of {@code word} to {@code out}. */
    void encode(String word, IntList out);

    /** The token of {@code id}, or null when the vocabulary has no such id. */
    String idToToken(int id);

    /** The id of {@code token}, or -1. */
    int tokenToId(String token);

    /** The vocabulary: token to id. */
    java.util.Map<String, Integer> vocabulary();
}
