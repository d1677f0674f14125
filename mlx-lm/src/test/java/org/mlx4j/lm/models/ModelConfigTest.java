package org.mlx4j.lm.models;

import static org.assertj.core.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {
    /** A Llama 3.2 config.json as the hub has it: rope_theta beside rope_scaling, eos as a list. */
    private static final String HUB = """
            {
              "architectures": ["LlamaForCausalLM"],
              "attention_bias": false,
              "bos_token_id": 128000,
              "eos_token_id": [128001, 128008, 128009],
              "head_dim": 64,
              "hidden_act": "silu",
              "hidden_size": 2048,
              "intermediate_size": 8192,
              "max_position_embeddings": 131072,
              "model_type": "llama",
              "num_attention_heads": 32,
              "num_hidden_layers": 16,
              "num_key_value_heads": 8,
              "rms_norm_eps": 1e-05,
              "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                               "original_max_position_embeddings": 8192, "rope_type": "llama3"},
              "rope_theta": 500000.0,
              "tie_word_embeddings": true,
              "torch_dtype": "bfloat16",
              "vocab_size": 128256
            }""";

    /** The same model as transformers 5 writes it: rope_parameters. */
    private static final String V5 = """
            {"model_type": "llama", "hidden_size": 2048, "num_attention_heads": 32, "num_hidden_layers": 16,
             "num_key_value_heads": 8, "vocab_size": 128256, "intermediate_size": 8192, "tie_word_embeddings": true,
             "rope_parameters": {"rope_type": "llama3", "rope_theta": 500000.0, "factor": 32.0, "high_freq_factor": 4.0,
                                 "low_freq_factor": 1.0, "original_max_position_embeddings": 8192}}""";

    @Test
    void readsBothRopeStylesTheSame() {
        ModelConfig hub = ModelConfig.parse(HUB), v5 = ModelConfig.parse(V5);
        for (ModelConfig c : new ModelConfig[] {hub, v5}) {
            assertThat(c.ropeTheta()).isEqualTo(500000.0);
            assertThat(c.ropeScaling()).get().satisfies(s -> {
                assertThat(s.get("rope_type")).isEqualTo("llama3");
                assertThat(s.get("factor")).isEqualTo(32.0);
                assertThat(s).doesNotContainKey("rope_theta");
            });
            assertThat(c.headDim()).isEqualTo(64);
            assertThat(c.numKeyValueHeads()).isEqualTo(8);
            assertThat(c.tieWordEmbeddings()).isTrue();
        }
        assertThat(hub.ropeScaling()).isEqualTo(v5.ropeScaling());
        assertThat(hub.rmsNormEps()).isEqualTo(1e-5);
        assertThat(hub.get("eos_token_id")).contains(java.util.List.of(128001, 128008, 128009));
    }

    @Test
    void toJsonRoundTripsBothStylesKeyForKey(@TempDir Path dir) throws Exception {
        for (String text : new String[] {HUB, V5}) {
            ModelConfig c = ModelConfig.parse(text);
            ModelConfig again = ModelConfig.parse(c.toJson());
            assertThat(again).isEqualTo(c);
            assertThat(again.values().keySet()).containsExactlyElementsOf(c.values().keySet());
            Path file = dir.resolve("config.json");
            c.save(file);
            assertThat(ModelConfig.fromJson(file)).isEqualTo(c);
            // the style read is the style written
            assertThat(Files.readString(file).contains("rope_parameters")).isEqualTo(text == V5);
        }
        ModelConfig built = ModelConfig.llama(100, 64, 3, 8, 2, 256).with("rope_scaling", Map.of("rope_type", "linear", "factor", 2.0));
        assertThat(ModelConfig.parse(built.toJson())).isEqualTo(built);
    }

    @Test
    void defaultsFollowTransformers() {
        ModelConfig c = ModelConfig.parse("""
                {"model_type": "mistral", "vocab_size": 10, "hidden_size": 64, "num_hidden_layers": 1, "num_attention_heads": 4}""");
        assertThat(c.numKeyValueHeads()).isEqualTo(4);
        assertThat(c.headDim()).isEqualTo(16);
        assertThat(c.ropeTheta()).isEqualTo(10000.0);
        assertThat(c.ropeScaling()).isEmpty();
        assertThat(c.tieWordEmbeddings()).isFalse();
        assertThat(c.with("model_type", "gemma2").tieWordEmbeddings()).isTrue();
        assertThat(c.quantization()).isEmpty();
        assertThat(c.with("quantization", Map.of("group_size", 64, "bits", 4)).quantization()).get()
                .satisfies(q -> assertThat(q).containsExactly(64, 4));
        assertThat(c.with("rope_scaling", Map.of("rope_type", "default")).ropeScaling()).isEmpty();
    }

    @Test
    void badFilesAreClearErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ModelConfig.parse("{\"model_type\": \"llama\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vocab_size");
        assertThatThrownBy(() -> ModelConfig.parse("[1, 2")).hasMessageContaining("not a JSON object");
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"model_type\": 3");
        assertThatThrownBy(() -> ModelConfig.fromJson(file)).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> ModelConfig.fromJson(dir.resolve("missing.json"))).hasMessageContaining("no config.json");
        assertThatThrownBy(() -> ModelConfig.parse(HUB).with("hidden_size", "big").hiddenSize())
                .hasMessageContaining("hidden_size").hasMessageContaining("integer");
        assertThatThrownBy(() -> ModelConfig.llama(10, 30, 1, 4, 2, 8)).hasMessageContaining("heads must divide hiddenSize");
    }
}
