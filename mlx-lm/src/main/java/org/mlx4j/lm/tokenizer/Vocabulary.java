package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A model's {@code vocab} object (token to id) with the reverse table. */
final class Vocabulary {
    final Map<String, Integer> ids;
    final String[] tokens;

    Vocabulary(ModelSection model, String where) {
        if (model.vocab() == null) throw TokenizerJson.invalid(where, "has no \"vocab\" object");
        ids = model.vocab();
        int max = -1;
        for (int id : ids.values()) max = Math.max(max, id);
        tokens = new String[max + 1];
        ids.forEach((token, id) -> tokens[id] = token);
    }

    int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    /** The id of an optional named token ({@code unk_token}): -1 when the name is null or unknown. */
    int optionalId(JsonNode name) {
        return name == null || name.isNull() ? -1 : id(name.asText());
    }
}
