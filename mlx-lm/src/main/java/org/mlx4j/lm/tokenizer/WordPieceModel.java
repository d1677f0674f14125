package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * HF's WordPiece model (BERT): greedy longest-match-first pieces of each word, later pieces with the
 * {@code continuing_subword_prefix} ({@code ##}); a word with an unmatched rest, or longer than
 * {@code max_input_chars_per_word} characters, becomes the unknown token.
 */
final class WordPieceModel implements TokenModel {
    private final Vocabulary vocab;
    private final String unkToken;
    private final String prefix;
    private final int maxChars;

    WordPieceModel(ModelSection model) {
        JsonNode node = model.settings();
        vocab = new Vocabulary(model, "WordPiece model");
        unkToken = node.path("unk_token").asText("[UNK]");
        prefix = node.path("continuing_subword_prefix").asText("##");
        maxChars = node.path("max_input_chars_per_word").asInt(100);
    }

    @Override
    public void encode(String word, IntList out) {
        if (word.codePointCount(0, word.length()) > maxChars) {
            out.add(unknown());
            return;
        }
        IntList pieces = new IntList(4);
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            int found = -1;
            while (start < end) {
                String piece = word.substring(start, end);
                found = vocab.id(start > 0 ? prefix + piece : piece);
                if (found >= 0) break;
                end -= Character.charCount(word.codePointBefore(end));
            }
            if (found < 0) {
                out.add(unknown());
                return;
            }
            pieces.add(found);
            start = end;
        }
        out.addAll(pieces.toArray());
    }

    private int unknown() {
        int id = vocab.id(unkToken);
        if (id < 0) {
            throw new IllegalStateException("WordPiece model: the unknown token " + unkToken
                    + " is not in the vocabulary, so a word without pieces cannot be encoded");
        }
        return id;
    }

    @Override
    public Vocabulary vocab() {
        return vocab;
    }
}
