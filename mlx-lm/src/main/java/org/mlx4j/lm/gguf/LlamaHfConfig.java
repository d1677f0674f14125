package org.mlx4j.lm.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * The hyper-parameters of a Hugging Face Llama {@code config.json} that a GGUF file records: sizes, norm epsilon,
 * rope base (transformers' {@code rope_theta} or transformers 5's {@code rope_parameters}) and rope scaling.
 *
 * @param ropeScaling {@code rope_scaling} (or the scaling part of {@code rope_parameters}); null when absent or
 *                    of type {@code default}
 */
record LlamaHfConfig(int hiddenSize, int layers, int heads, int kvHeads, int headDim, int intermediateSize, int vocabSize,
        int contextLength, double rmsNormEps, double ropeTheta, boolean tiedEmbeddings, JsonNode ropeScaling,
        Integer bosTokenId, Integer eosTokenId) {

    static LlamaHfConfig read(Path configJson) {
        JsonNode c = Json.read(configJson);
        String file = configJson.toString();
        String arch = c.path("model_type").asText("");
        if (!arch.equals("llama")) {
            throw new IllegalArgumentException("LlamaGgufExport: " + file + " has model_type \"" + arch + "\" (valid: llama)");
        }
        int hidden = Json.requiredInt(c, "hidden_size", file), heads = Json.requiredInt(c, "num_attention_heads", file);
        int kvHeads = c.path("num_key_value_heads").asInt(heads);
        int headDim = c.hasNonNull("head_dim") ? c.get("head_dim").asInt() : hidden / heads;
        JsonNode rope = c.path("rope_parameters");
        double theta = c.hasNonNull("rope_theta") ? c.get("rope_theta").asDouble() : rope.path("rope_theta").asDouble(10000.0);
        JsonNode scaling = c.hasNonNull("rope_scaling") ? c.get("rope_scaling") : rope.isObject() ? rope : null;
        if (scaling != null && ropeType(scaling).equals("default")) scaling = null;
        return new LlamaHfConfig(hidden, Json.requiredInt(c, "num_hidden_layers", file), heads, kvHeads, headDim,
                Json.requiredInt(c, "intermediate_size", file), Json.requiredInt(c, "vocab_size", file),
                c.path("max_position_embeddings").asInt(2048), c.path("rms_norm_eps").asDouble(1e-6), theta,
                c.path("tie_word_embeddings").asBoolean(false), scaling,
                c.hasNonNull("bos_token_id") && c.get("bos_token_id").isInt() ? c.get("bos_token_id").asInt() : null,
                c.hasNonNull("eos_token_id") && c.get("eos_token_id").isInt() ? c.get("eos_token_id").asInt() : null);
    }

    /** The scaling's {@code rope_type} (or the older {@code type}), lower case; {@code default} when absent. */
    static String ropeType(JsonNode scaling) {
        String t = scaling.path("rope_type").asText(scaling.path("type").asText("default"));
        return t.toLowerCase(java.util.Locale.ROOT);
    }
}
