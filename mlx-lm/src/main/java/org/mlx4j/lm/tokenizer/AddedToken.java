package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of tokenizer.json's {@code added_tokens}: matched in the text before the model sees it.
 * {@code singleWord}: only as a whole word; {@code lstrip}/{@code rstrip}: swallows the whitespace on that side;
 * {@code normalized}: matched in the normalized text rather than the raw text; {@code special}: skipped by
 * {@code decode(ids, true)}.
 */
record AddedToken(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip, boolean normalized,
                  boolean special) {

    static AddedToken fromJson(JsonNode node) {
        if (!node.has("id") || !node.has("content")) {
            throw TokenizerJson.invalid("added_tokens", "entry " + node + " needs \"id\" and \"content\"");
        }
        boolean special = node.path("special").asBoolean(false);
        return new AddedToken(node.get("id").asInt(), node.get("content").asText(),
                node.path("single_word").asBoolean(false), node.path("lstrip").asBoolean(false),
                node.path("rstrip").asBoolean(false), node.path("normalized").asBoolean(!special), special);
    }
}
