package org.mlx4j.lm.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The hyper-parameters of a BERT-family encoder (transformers' {@code BertConfig}, which MiniLM, BGE, E5 and GTE
 * checkpoints use).
 *
 * <pre>{@code
 * import org.mlx4j.lm.embed.BertConfig;
 *
 * BertConfig c = BertConfig.parse("{\"vocab_size\": 100, \"hidden_size\": 32, \"num_hidden_layers\": 2,"
 *         + " \"num_attention_heads\": 4, \"intermediate_size\": 64}");
 * assert c.headDim() == 8 && c.maxPositionEmbeddings() == 512 && c.hiddenAct().equals("gelu");
 * }</pre>
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}
 * @param numHiddenLayers {@code num_hidden_layers}
 * @param numAttentionHeads {@code num_attention_heads}
 * @param intermediateSize {@code intermediate_size}
 * @param maxPositionEmbeddings {@code max_position_embeddings} (default 512)
 * @param typeVocabSize {@code type_vocab_size} (default 2)
 * @param layerNormEps {@code layer_norm_eps} (default 1e-12)
 * @param hiddenAct {@code hidden_act}: {@code gelu} (erf), {@code gelu_new}/{@code gelu_pytorch_tanh} (tanh
 *     approximation) or {@code relu} (default {@code gelu})
 */
public record BertConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads, int intermediateSize,
                         int maxPositionEmbeddings, int typeVocabSize, double layerNormEps, String hiddenAct) {
    private static final Set<String> ACTIVATIONS = Set.of("gelu", "gelu_new", "gelu_pytorch_tanh", "relu");

    /**
     * A configuration, checked.
     *
     * @param vocabSize vocabulary size
     * @param hiddenSize width
     * @param numHiddenLayers depth
     * @param numAttentionHeads heads, dividing {@code hiddenSize}
     * @param intermediateSize feed-forward width
     * @param maxPositionEmbeddings positions
     * @param typeVocabSize token types
     * @param layerNormEps layer-norm epsilon
     * @param hiddenAct activation name
     * @throws IllegalArgumentException if a size is not positive, the heads do not divide the width, or the
     *     activation is not one of {@code gelu}, {@code gelu_new}, {@code gelu_pytorch_tanh}, {@code relu}
     */
    public BertConfig {
        if (vocabSize <= 0 || hiddenSize <= 0 || numHiddenLayers <= 0 || numAttentionHeads <= 0 || intermediateSize <= 0
                || maxPositionEmbeddings <= 0 || typeVocabSize <= 0) {
            throw new IllegalArgumentException("BertConfig: sizes must be positive: " + this);
        }
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("BertConfig: num_attention_heads (" + numAttentionHeads
                    + ") must divide hidden_size (" + hiddenSize + ")");
        }
        if (!ACTIVATIONS.contains(hiddenAct)) {
            throw new IllegalArgumentException("BertConfig: hidden_act '" + hiddenAct + "' is not supported; valid: "
                    + ACTIVATIONS);
        }
    }

    /**
     * The width of one attention head.
     *
     * @return {@code hiddenSize / numAttentionHeads}
     */
    public int headDim() { return hiddenSize / numAttentionHeads; }

    /**
     * Reads a {@code config.json}.
     *
     * @param configJson the file
     * @return the configuration
     * @throws UncheckedIOException if it cannot be read
     * @throws IllegalArgumentException naming the file if a required key is missing or a value is invalid
     */
    public static BertConfig fromJson(Path configJson) {
        try {
            return parse(java.nio.file.Files.readString(configJson));
        } catch (IOException e) {
            throw new UncheckedIOException("BertConfig: cannot read " + configJson, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(configJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text of a {@code config.json}, with transformers' defaults for the optional keys.
     *
     * @param json one JSON object
     * @return the configuration
     * @throws IllegalArgumentException if it is not JSON, a required key ({@code vocab_size}, {@code hidden_size},
     *     {@code num_hidden_layers}, {@code num_attention_heads}, {@code intermediate_size}) is missing or a value
     *     is invalid
     */
    public static BertConfig parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("BertConfig: not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("BertConfig: config.json is not a JSON object");
        return new BertConfig(required(root, "vocab_size"), required(root, "hidden_size"), required(root, "num_hidden_layers"),
                required(root, "num_attention_heads"), required(root, "intermediate_size"),
                root.path("max_position_embeddings").asInt(512), root.path("type_vocab_size").asInt(2),
                root.path("layer_norm_eps").asDouble(1e-12), root.path("hidden_act").asText("gelu"));
    }

    private static int required(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || !v.canConvertToInt()) throw new IllegalArgumentException("BertConfig: config.json has no integer \"" + key + "\"");
        return v.asInt();
    }
}
