package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The golden tokenizer directories of {@code src/test/resources/golden/tokenizer/} (made by the generate.py beside
 * them with HF tokenizers and transformers): tokenizer.json, tokenizer_config.json, chat_template.jinja, golden.json.
 */
final class GoldenTokenizers {
    static final List<String> NAMES = List.of("gpt2", "llama3", "llama31", "qwen2", "qwen3", "llama2", "mistral", "gemma",
            "bert", "roberta", "features", "splits");

    private GoldenTokenizers() {}

    static Path dir(String name) {
        try {
            return Path.of(GoldenTokenizers.class.getResource("/golden/tokenizer/" + name + "/tokenizer.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode golden(String name) {
        try {
            return new ObjectMapper().readTree(Files.readAllBytes(dir(name).resolve("golden.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = array.get(i).asInt();
        return ids;
    }
}
