package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * tokenizer.json's {@code model} object, read from a streaming parser: the {@code vocab} object and the
 * {@code merges} list straight into a map and a list (a JSON tree of a 128k vocabulary and 280k merges would cost
 * far more than the data), every other field as a small tree in {@code settings}.
 *
 * @param settings the other fields ({@code type}, {@code unk_token}, {@code byte_fallback} ...)
 * @param vocab token to id, or null when the model has no {@code vocab} object
 * @param merges each merge as {@code {"a b"}} (the older layout) or {@code {a, b}}, or null when absent
 */
record ModelSection(ObjectNode settings, Map<String, Integer> vocab, List<String[]> merges) {

    /** Reads the model object the parser stands at (its START_OBJECT). */
    static ModelSection read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw TokenizerJson.invalid("model", "is not an object");
        ObjectNode settings = TokenizerJson.MAPPER.createObjectNode();
        Map<String, Integer> vocab = null;
        List<String[]> merges = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("vocab") && value == JsonToken.START_OBJECT) {
                vocab = readVocab(p);
            } else if (name.equals("merges") && value == JsonToken.START_ARRAY) {
                merges = readMerges(p);
            } else {
                JsonNode tree = p.readValueAsTree();
                settings.set(name, tree);
            }
        }
        return new ModelSection(settings, vocab, merges);
    }

    private static Map<String, Integer> readVocab(JsonParser p) throws IOException {
        Map<String, Integer> vocab = new HashMap<>(1 << 16);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String token = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
                throw TokenizerJson.invalid("model", "vocab gives token " + token + " the id " + p.getText()
                        + "; ids are integers from 0");
            }
            vocab.put(token, p.getIntValue());
        }
        return vocab;
    }

    private static List<String[]> readMerges(JsonParser p) throws IOException {
        List<String[]> merges = new ArrayList<>(1 << 16);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                merges.add(new String[] {p.getText()});
            } else if (t == JsonToken.START_ARRAY) {
                List<String> pair = new ArrayList<>(2);
                while (p.nextToken() == JsonToken.VALUE_STRING) pair.add(p.getText());
                if (p.currentToken() != JsonToken.END_ARRAY || pair.size() != 2) {
                    throw TokenizerJson.invalid("BPE model", "merge " + merges.size() + " is not two tokens");
                }
                merges.add(pair.toArray(String[]::new));
            } else {
                throw TokenizerJson.invalid("BPE model", "merge " + merges.size() + " is " + t
                        + "; expected \"a b\" or [\"a\", \"b\"]");
            }
        }
        return merges;
    }
}
