package org.mlx4j.lm.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reading the JSON files of a model directory, with errors naming the file and the missing field. */
final class Json {
    private Json() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("LlamaGgufExport: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static int requiredInt(JsonNode node, String field, String file) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("LlamaGgufExport: " + file + " has no integer \"" + field + "\"");
        }
        return v.asInt();
    }
}
