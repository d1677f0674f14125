package org.mlx4j.lm.tokenizer;

/** A tokenizer.json {@code model}: turns one pre-tokenized word into token ids, and holds the vocabulary. */
interface TokenModel {
    /** Appends the ids of {@code word} to {@code out}. */
    void encode(String word, IntList out);

    /** The model's vocabulary. */
    Vocabulary vocab();

    /** The token of {@code id}, or null when the vocabulary has no such id. */
    default String idToToken(int id) { return vocab().token(id); }

    /** The id of {@code token}, or -1. */
    default int tokenToId(String token) { return vocab().id(token); }

    /** The vocabulary: token to id. */
    default java.util.Map<String, Integer> vocabulary() { return vocab().ids; }
}
