package org.mlx4j.lm.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's {@code config.json}, as Hugging Face transformers writes it: every key kept as read (so that
 * {@link #toJson()} round-trips, unknown keys included), with typed accessors for what the architectures read
 * and transformers' defaults for the keys a file leaves out.
 *
 * <p>Both RoPE styles are read: {@code rope_theta} with an optional {@code rope_scaling} object (what most hub
 * checkpoints have), and transformers 5's {@code rope_parameters} object holding {@code rope_theta} and the
 * scaling keys. {@link #toJson()} writes back the style that was read.
 *
 * <pre>{@code
 * import org.mlx4j.lm.models.ModelConfig;
 *
 * ModelConfig config = ModelConfig.llama(256, 64, 2, 4, 2, 128);
 * ModelConfig again = ModelConfig.parse(config.toJson());
 * assert again.equals(config) && again.numKeyValueHeads() == 2 && again.headDim() == 16;
 * }</pre>
 */
public final class ModelConfig {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> values;

    private ModelConfig(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        for (String key : List.of("model_type", "vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads")) {
            if (!values.containsKey(key)) throw new IllegalArgumentException("ModelConfig: config.json has no \"" + key + "\"");
        }
    }

    /**
     * Reads a {@code config.json}.
     *
     * @param configJson the file
     * @return the configuration
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException naming the file if it is not a JSON object with the keys every architecture needs
     */
    public static ModelConfig fromJson(Path configJson) {
        String text;
        try {
            text = Files.readString(configJson);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("ModelConfig: no config.json at " + configJson, e);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelConfig: cannot read " + configJson, e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(configJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text of a {@code config.json}.
     *
     * @param json the JSON text, one object
     * @return the configuration
     * @throws IllegalArgumentException if the text is not a JSON object with {@code model_type}, {@code vocab_size},
     *     {@code hidden_size}, {@code num_hidden_layers} and {@code num_attention_heads}
     */
    public static ModelConfig parse(String json) {
        Map<String, Object> map;
        try {
            map = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ModelConfig: not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (map == null) throw new IllegalArgumentException("ModelConfig: not a JSON object: null");
        return new ModelConfig(map);
    }

    /**
     * A configuration from its keys and values (JSON-like: strings, numbers, booleans, lists, maps, null).
     *
     * @param values the keys of {@code config.json} and their values
     * @return the configuration
     * @throws IllegalArgumentException if a key every architecture needs is missing
     */
    public static ModelConfig of(Map<String, Object> values) { return new ModelConfig(values); }

    /**
     * A Llama configuration as transformers' {@code LlamaConfig} writes it, with untied embeddings, RMS norm epsilon
     * {@code 1e-5}, {@code rope_theta} 10000, 2048 positions and float32 weights; change any key with
     * {@link #with(String, Object)}.
     *
     * @param vocabSize tokens in the vocabulary
     * @param hiddenSize the model width
     * @param layers decoder layers
     * @param heads query heads
     * @param kvHeads key/value heads (dividing {@code heads})
     * @param intermediateSize the MLP width
     * @return the configuration
     * @throws IllegalArgumentException if a size is not positive, or {@code kvHeads} does not divide {@code heads}
     *     or {@code heads} does not divide {@code hiddenSize}
     */
    public static ModelConfig llama(int vocabSize, int hiddenSize, int layers, int heads, int kvHeads, int intermediateSize) {
        if (vocabSize <= 0 || hiddenSize <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || intermediateSize <= 0
                || heads % kvHeads != 0 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException("ModelConfig.llama: sizes must be positive, kvHeads must divide heads and heads"
                    + " must divide hiddenSize, got vocab " + vocabSize + ", hidden " + hiddenSize + ", layers " + layers
                    + ", heads " + heads + ", kvHeads " + kvHeads + ", intermediate " + intermediateSize);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architectures", List.of("LlamaForCausalLM"));
        m.put("attention_bias", false);
        m.put("attention_dropout", 0.0);
        m.put("bos_token_id", 1);
        m.put("eos_token_id", 2);
        m.put("head_dim", hiddenSize / heads);
        m.put("hidden_act", "silu");
        m.put("hidden_size", hiddenSize);
        m.put("initializer_range", 0.02);
        m.put("intermediate_size", intermediateSize);
        m.put("max_position_embeddings", 2048);
        m.put("mlp_bias", false);
        m.put("model_type", "llama");
        m.put("num_attention_heads", heads);
        m.put("num_hidden_layers", layers);
        m.put("num_key_value_heads", kvHeads);
        m.put("rms_norm_eps", 1e-5);
        m.put("rope_scaling", null);
        m.put("rope_theta", 10000.0);
        m.put("tie_word_embeddings", false);
        m.put("torch_dtype", "float32");
        m.put("use_cache", true);
        m.put("vocab_size", vocabSize);
        return new ModelConfig(m);
    }

    /**
     * This configuration with {@code key} set to {@code value} (null writes a JSON null).
     *
     * @param key the config.json key
     * @param value its new value
     * @return a new configuration
     */
    public ModelConfig with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new ModelConfig(m);
    }

    /**
     * This configuration without {@code key}.
     *
     * @param key the config.json key
     * @return a new configuration
     */
    public ModelConfig without(String key) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.remove(key);
        return new ModelConfig(m);
    }

    /**
     * The configuration as {@code config.json} text, every key as read or set, in order.
     *
     * @return indented JSON
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(values) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ModelConfig.toJson: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes {@link #toJson()} to a file.
     *
     * @param configJson the file to write
     * @throws UncheckedIOException if it cannot be written
     */
    public void save(Path configJson) {
        try {
            Files.writeString(configJson, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("ModelConfig: cannot write " + configJson, e);
        }
    }

    /**
     * Every key and value, as read.
     *
     * @return an unmodifiable map in the file's order
     */
    public Map<String, Object> values() { return values; }

    /**
     * The raw value of {@code key}.
     *
     * @param key the config.json key
     * @return the value, or empty when absent or null
     */
    public Optional<Object> get(String key) { return Optional.ofNullable(values.get(key)); }

    // ---- typed accessors -------------------------------------------------------------------------------------

    /**
     * The architecture family: {@code model_type}.
     *
     * @return e.g. {@code llama}, {@code qwen2}
     */
    public String modelType() { return string("model_type", null); }

    /**
     * Tokens in the vocabulary: {@code vocab_size}.
     *
     * @return the vocabulary size
     */
    public int vocabSize() { return integer("vocab_size", 0); }

    /**
     * The model width: {@code hidden_size}.
     *
     * @return the hidden size
     */
    public int hiddenSize() { return integer("hidden_size", 0); }

    /**
     * The MLP width: {@code intermediate_size}.
     *
     * @return the intermediate size
     */
    public int intermediateSize() { return integer("intermediate_size", 4 * hiddenSize()); }

    /**
     * Decoder layers: {@code num_hidden_layers}.
     *
     * @return the number of layers
     */
    public int numHiddenLayers() { return integer("num_hidden_layers", 0); }

    /**
     * Query heads: {@code num_attention_heads}.
     *
     * @return the number of query heads
     */
    public int numAttentionHeads() { return integer("num_attention_heads", 0); }

    /**
     * Key/value heads: {@code num_key_value_heads}, else as many as the query heads.
     *
     * @return the number of key/value heads
     */
    public int numKeyValueHeads() { return integer("num_key_value_heads", numAttentionHeads()); }

    /**
     * Features per head: {@code head_dim}, else {@code hidden_size / num_attention_heads}.
     *
     * @return the head size
     */
    public int headDim() { return integer("head_dim", hiddenSize() / numAttentionHeads()); }

    /**
     * The RMS norm epsilon: {@code rms_norm_eps} (default {@code 1e-6}).
     *
     * @return the epsilon
     */
    public double rmsNormEps() { return number("rms_norm_eps", 1e-6); }

    /**
     * Positions the model was trained for: {@code max_position_embeddings} (default 2048).
     *
     * @return the context length
     */
    public int maxPositionEmbeddings() { return integer("max_position_embeddings", 2048); }

    /**
     * Whether the output projection shares the embedding matrix: {@code tie_word_embeddings}, defaulting as
     * transformers' class for the model type does (true for Gemma, false otherwise).
     *
     * @return whether the embeddings are tied
     */
    public boolean tieWordEmbeddings() { return bool("tie_word_embeddings", modelType().startsWith("gemma")); }

    /**
     * Whether the attention projections have biases: {@code attention_bias} (default false).
     *
     * @return whether q/k/v/o have biases
     */
    public boolean attentionBias() { return bool("attention_bias", false); }

    /**
     * Whether the MLP projections have biases: {@code mlp_bias} (default false).
     *
     * @return whether gate/up/down have biases
     */
    public boolean mlpBias() { return bool("mlp_bias", false); }

    /**
     * The RoPE base: {@code rope_parameters.rope_theta}, else {@code rope_theta}, else 10000.
     *
     * @return the base of the rotary frequencies
     */
    public double ropeTheta() {
        if (values.get("rope_parameters") instanceof Map<?, ?> p && p.get("rope_theta") instanceof Number n) return n.doubleValue();
        return number("rope_theta", 10000.0);
    }

    /**
     * The RoPE scaling, from either style: {@code rope_scaling}, or {@code rope_parameters} without its
     * {@code rope_theta}; the type is under {@code rope_type} (older files say {@code type}; both are read).
     *
     * @return the scaling keys ({@code rope_type}, {@code factor}, ...), or empty for plain RoPE
     */
    public Optional<Map<String, Object>> ropeScaling() {
        Object raw = values.get("rope_parameters");
        if (!(raw instanceof Map<?, ?>)) raw = values.get("rope_scaling");
        if (!(raw instanceof Map<?, ?> m)) return Optional.empty();
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        out.remove("rope_theta");
        if (!out.containsKey("rope_type") && out.containsKey("type")) out.put("rope_type", out.get("type"));
        Object type = out.get("rope_type");
        if (type == null || "default".equals(type)) return Optional.empty();
        return Optional.of(Collections.unmodifiableMap(out));
    }

    /**
     * The checkpoint's quantization, as mlx-community writes it: {@code quantization: {group_size, bits}}.
     *
     * @return {@code [groupSize, bits]}, or empty for an unquantized checkpoint
     */
    public Optional<int[]> quantization() {
        Object q = values.get("quantization");
        if (q == null) q = values.get("quantization_config");
        if (!(q instanceof Map<?, ?> m) || !(m.get("group_size") instanceof Number g) || !(m.get("bits") instanceof Number b)) {
            return Optional.empty();
        }
        return Optional.of(new int[] {g.intValue(), b.intValue()});
    }

    // ---- raw helpers -------------------------------------------------------------------------------------------

    /**
     * The integer at {@code key}.
     *
     * @param key the config.json key
     * @param fallback the value when the key is absent or null
     * @return the value
     * @throws IllegalArgumentException if the value is not a whole number
     */
    public int integer(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        throw new IllegalArgumentException("ModelConfig: \"" + key + "\" must be an integer, got " + v);
    }

    /**
     * The number at {@code key}.
     *
     * @param key the config.json key
     * @param fallback the value when the key is absent or null
     * @return the value
     * @throws IllegalArgumentException if the value is not a number
     */
    public double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("ModelConfig: \"" + key + "\" must be a number, got " + v);
    }

    /**
     * The boolean at {@code key}.
     *
     * @param key the config.json key
     * @param fallback the value when the key is absent or null
     * @return the value
     * @throws IllegalArgumentException if the value is not a boolean
     */
    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException("ModelConfig: \"" + key + "\" must be true or false, got " + v);
    }

    /**
     * The string at {@code key}.
     *
     * @param key the config.json key
     * @param fallback the value when the key is absent or null
     * @return the value
     * @throws IllegalArgumentException if the value is not a string
     */
    public String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof String s) return s;
        throw new IllegalArgumentException("ModelConfig: \"" + key + "\" must be a string, got " + v);
    }

    @Override
    public boolean equals(Object o) { return o instanceof ModelConfig c && c.values.equals(values); }

    @Override
    public int hashCode() { return values.hashCode(); }

    @Override
    public String toString() { return "ModelConfig" + values; }
}
