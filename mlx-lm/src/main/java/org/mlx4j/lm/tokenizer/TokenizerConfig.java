package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What transformers keeps beside tokenizer.json: tokenizer_config.json's named tokens ({@code bos_token},
 * {@code eos_token}, ... as a string or an {@code {"content": ...}} object), its {@code chat_template} (a string, or
 * a list of named templates of which {@code default} is taken) or chat_template.jinja (transformers 5), and
 * {@code clean_up_tokenization_spaces} (which transformers 5 ignores for BPE models unless
 * {@code clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output} is set).
 */
record TokenizerConfig(String bosToken, String eosToken, String unkToken, String padToken, String chatTemplate,
                       boolean cleanUpTokenizationSpaces, boolean cleanUpEvenForBpe) {

    static final TokenizerConfig NONE = new TokenizerConfig(null, null, null, null, null, false, false);

    static TokenizerConfig read(Path modelDir) {
        Path configFile = modelDir.resolve("tokenizer_config.json");
        JsonNode config = Files.exists(configFile) ? TokenizerJson.readTree(configFile)
                : TokenizerJson.MAPPER.createObjectNode();
        String template = template(config.get("chat_template"), configFile);
        Path jinja = modelDir.resolve("chat_template.jinja");
        if (Files.exists(jinja)) {
            try {
                template = Files.readString(jinja);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jinja, e);
            }
        }
        return new TokenizerConfig(token(config.get("bos_token")), token(config.get("eos_token")),
                token(config.get("unk_token")), token(config.get("pad_token")), template,
                config.path("clean_up_tokenization_spaces").asBoolean(false),
                config.path("clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output").asBoolean(false));
    }

    private static String token(JsonNode node) {
        if (node == null || node.isNull()) return null;
        return node.isObject() ? node.path("content").asText(null) : node.asText();
    }

    private static String template(JsonNode node, Path file) {
        if (node == null || node.isNull()) return null;
        if (node.isTextual()) return node.asText();
        if (node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText())) return named.path("template").asText();
            }
            if (!node.isEmpty()) return node.get(0).path("template").asText(null);
            return null;
        }
        throw new IllegalArgumentException(file + ": chat_template must be a string or a list of "
                + "{\"name\", \"template\"} objects, got " + node.getNodeType());
    }
}
