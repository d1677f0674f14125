package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;

/** HF's WordLevel model: each word is one vocabulary entry, or the unknown token. */
final class WordLevelModel implements TokenModel {
    private final Vocabulary vocab;
    private final String unkToken;

    WordLevelModel(ModelSection model) {
        JsonNode node = model.settings();
        vocab = new Vocabulary(model, "WordLevel model");
        unkToken = node.path("unk_token").asText("<unk>");
    }

    @Override
    public void encode(String word, IntList out) {
        int id = vocab.id(word);
        if (id < 0) id = vocab.id(unkToken);
        if (id < 0) {
            throw new IllegalArgumentException("WordLevel model: the word \"" + word + "\" is not in the vocabulary "
                    + "and neither is the unknown token " + unkToken);
        }
        out.add(id);
    }

    @Override
    public Vocabulary vocab() {
        return vocab;
    }
}
