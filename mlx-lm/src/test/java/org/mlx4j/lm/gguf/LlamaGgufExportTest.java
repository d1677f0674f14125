package org.mlx4j.lm.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.ArrayIO;
import org.mlx4j.core.io.GgufFile;

/**
 * A tiny random Llama directory exported as GGUF and read back with mlx-core's reader: llama.cpp's tensor names
 * and shapes, the query/key permutation (against index arithmetic written out here), values per precision, the
 * {@code llama.*} and {@code tokenizer.ggml.*} metadata, rope scaling, and bad directories.
 */
class LlamaGgufExportTest {
    @TempDir
    Path dir;

    private static final int VOCAB = 12;

    private record Dims(int hidden, int layers, int heads, int kvHeads, int intermediate) {
        int headDim() { return hidden / heads; }
    }

    private static final Dims SMALL = new Dims(64, 2, 4, 2, 96);

    private Map<String, float[]> weights;

    private Path model(String name, Dims d, boolean tied, String extraConfig) throws IOException {
        Path m = Files.createDirectories(dir.resolve(name));
        Random rnd = new Random(name.hashCode());
        weights = new LinkedHashMap<>();
        Map<String, Array> arrays = new LinkedHashMap<>();
        int kvRows = d.kvHeads() * d.headDim();
        put(arrays, rnd, "model.embed_tokens.weight", VOCAB, d.hidden());
        for (int l = 0; l < d.layers(); l++) {
            String p = "model.layers." + l + ".";
            put(arrays, rnd, p + "input_layernorm.weight", d.hidden());
            put(arrays, rnd, p + "self_attn.q_proj.weight", d.hidden(), d.hidden());
            put(arrays, rnd, p + "self_attn.k_proj.weight", kvRows, d.hidden());
            put(arrays, rnd, p + "self_attn.v_proj.weight", kvRows, d.hidden());
            put(arrays, rnd, p + "self_attn.o_proj.weight", d.hidden(), d.hidden());
            put(arrays, rnd, p + "post_attention_layernorm.weight", d.hidden());
            put(arrays, rnd, p + "mlp.gate_proj.weight", d.intermediate(), d.hidden());
            put(arrays, rnd, p + "mlp.up_proj.weight", d.intermediate(), d.hidden());
            put(arrays, rnd, p + "mlp.down_proj.weight", d.hidden(), d.intermediate());
        }
        put(arrays, rnd, "model.norm.weight", d.hidden());
        if (!tied) put(arrays, rnd, "lm_head.weight", VOCAB, d.hidden());
        ArrayIO.saveSafetensors(m.resolve("model.safetensors"), arrays);
        Files.writeString(m.resolve("config.json"), """
                {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": %d, "num_hidden_layers": %d,
                 "num_attention_heads": %d, "num_key_value_heads": %d, "intermediate_size": %d, "vocab_size": %d,
                 "max_position_embeddings": 256, "rms_norm_eps": 1e-5, "rope_theta": 50000.0, "tie_word_embeddings": %b,
                 "bos_token_id": 5, "eos_token_id": 6%s}
                """.formatted(d.hidden(), d.layers(), d.heads(), d.kvHeads(), d.intermediate(), VOCAB, tied, extraConfig));
        Files.writeString(m.resolve("tokenizer.json"), """
                {"version": "1.0",
                 "added_tokens": [{"id": 5, "content": "<|bos|>", "special": true}, {"id": 6, "content": "<|eos|>", "special": true}],
                 "normalizer": null,
                 "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
                 "decoder": {"type": "ByteLevel"},
                 "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4}, "merges": ["a b", ["ab", "c"]]}}
                """);
        Files.writeString(m.resolve("tokenizer_config.json"), """
                {"bos_token": "<|bos|>", "eos_token": {"content": "<|eos|>"}, "chat_template": "{{ messages }}"}
                """);
        return m;
    }

    private void put(Map<String, Array> arrays, Random rnd, String name, int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        weights.put(name, v);
        arrays.put(name, Mx.array(v, shape));
    }

    /** llama.cpp's permutation written with indices: row {@code h*d + 2i + j} takes row {@code h*d + j*d/2 + i}. */
    private static float[] permuted(float[] w, int rows, int cols, int heads) {
        int d = rows / heads;
        float[] out = new float[w.length];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < d / 2; i++) {
                for (int j = 0; j < 2; j++) {
                    System.arraycopy(w, (h * d + j * d / 2 + i) * cols, out, (h * d + 2 * i + j) * cols, cols);
                }
            }
        }
        return out;
    }

    /** A uint32 scalar of the metadata: llama.cpp reads only 0-d values as scalars. */
    private static long u32(GgufFile f, String key) {
        Array a = (Array) f.metadata().get(key);
        assertThat(a.ndim()).as(key).isZero();
        assertThat(a.dtype()).as(key).isEqualTo(org.mlx4j.core.DType.UINT32);
        return (long) a.item();
    }

    @Test
    void float32ExportHasLlamaCppNamesShapesPermutationAndMetadata() throws IOException {
        Path m = model("tied", SMALL, true, "");
        GgufFile f = ArrayIO.loadGguf(LlamaGgufExport.export(m, dir.resolve("out"), LlamaGgufExport.Precision.F32));
        Set<String> expected = new java.util.HashSet<>(List.of("token_embd.weight", "output_norm.weight"));
        for (int l = 0; l < 2; l++) {
            for (String t : List.of("attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm", "ffn_gate", "ffn_up", "ffn_down")) {
                expected.add("blk." + l + "." + t + ".weight");
            }
        }
        assertThat(f.arrays().keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(f.arrays().get("blk.1.attn_k.weight").shape()).containsExactly(32, 64);
        assertThat(f.arrays().get("blk.0.ffn_down.weight").shape()).containsExactly(64, 96);
        assertThat(f.arrays().get("token_embd.weight").shape()).containsExactly(VOCAB, 64);
        assertThat(f.tensorTypes().values()).containsOnly("F32");
        assertThat(f.arrays().get("blk.1.attn_q.weight").toFloatArray())
                .containsExactly(permuted(weights.get("model.layers.1.self_attn.q_proj.weight"), 64, 64, 4));
        assertThat(f.arrays().get("blk.0.attn_k.weight").toFloatArray())
                .containsExactly(permuted(weights.get("model.layers.0.self_attn.k_proj.weight"), 32, 64, 2));
        assertThat(f.arrays().get("blk.0.attn_v.weight").toFloatArray()).containsExactly(weights.get("model.layers.0.self_attn.v_proj.weight"));

        assertThat(f.metadata()).containsEntry("general.architecture", "llama").containsEntry("tokenizer.ggml.model", "gpt2")
                .containsEntry("tokenizer.ggml.pre", "gpt-2").containsEntry("tokenizer.chat_template", "{{ messages }}");
        assertThat(u32(f, "llama.block_count")).isEqualTo(2);
        assertThat(u32(f, "llama.embedding_length")).isEqualTo(64);
        assertThat(u32(f, "llama.feed_forward_length")).isEqualTo(96);
        assertThat(u32(f, "llama.attention.head_count")).isEqualTo(4);
        assertThat(u32(f, "llama.attention.head_count_kv")).isEqualTo(2);
        assertThat(u32(f, "llama.rope.dimension_count")).isEqualTo(16);
        assertThat(u32(f, "llama.context_length")).isEqualTo(256);
        assertThat(u32(f, "llama.vocab_size")).isEqualTo(VOCAB);
        assertThat(u32(f, "general.file_type")).isZero();
        assertThat(((Array) f.metadata().get("llama.attention.layer_norm_rms_epsilon")).ndim()).isZero();
        assertThat(((Array) f.metadata().get("llama.attention.layer_norm_rms_epsilon")).item()).isCloseTo(1e-5, within(1e-11));
        assertThat(((Array) f.metadata().get("llama.rope.freq_base")).item()).isEqualTo(50000.0);
        assertThat(f.metadata().get("tokenizer.ggml.tokens"))
                .isEqualTo(List.of("a", "b", "c", "ab", "abc", "<|bos|>", "<|eos|>", "[PAD7]", "[PAD8]", "[PAD9]", "[PAD10]", "[PAD11]"));
        assertThat(((Array) f.metadata().get("tokenizer.ggml.token_type")).toIntArray()).containsExactly(1, 1, 1, 1, 1, 3, 3, 5, 5, 5, 5, 5);
        assertThat(f.metadata().get("tokenizer.ggml.merges")).isEqualTo(List.of("a b", "ab c"));
        assertThat(u32(f, "tokenizer.ggml.bos_token_id")).isEqualTo(5);
        assertThat(u32(f, "tokenizer.ggml.eos_token_id")).isEqualTo(6);
    }

    @Test
    void quantizedExportsKeepNormsInFloat32AndValuesWithinTheBlockRounding() throws IOException {
        Path m = model("untied", SMALL, false, "");
        for (LlamaGgufExport.Precision p : LlamaGgufExport.Precision.values()) {
            GgufFile f = ArrayIO.loadGguf(LlamaGgufExport.export(m, dir.resolve("out-" + p), p));
            assertThat(f.arrays()).containsKey("output.weight");
            assertThat(f.tensorTypes()).containsEntry("blk.0.attn_norm.weight", "F32").containsEntry("output_norm.weight", "F32")
                    .containsEntry("blk.1.ffn_down.weight", p.name()).containsEntry("output.weight", p.name());
            assertThat(u32(f, "general.file_type")).isEqualTo(p.fileType);
            // a weight's relative error bound: Q4_0 steps of max/8, Q8_0 of max/127, F16 2^-11
            double step = switch (p) { case Q4_0 -> 1.0 / 8; case Q8_0 -> 1.0 / 127; case F16 -> 0x1p-10; case F32 -> 0; };
            float[] original = permuted(weights.get("model.layers.1.self_attn.q_proj.weight"), 64, 64, 4);
            float[] got = (p == LlamaGgufExport.Precision.F16 ? f.arrays().get("blk.1.attn_q.weight").astype(org.mlx4j.core.DType.FLOAT32)
                    : f.arrays().get("blk.1.attn_q.weight")).toFloatArray();
            for (int b = 0; b < original.length; b += 32) {
                double max = 0;
                for (int j = b; j < b + 32; j++) max = Math.max(max, Math.abs(original[j]));
                for (int j = b; j < b + 32; j++) {
                    assertThat((double) got[j]).as("%s element %d", p, j).isCloseTo(original[j], within(step * max * 1.01 + 1e-7));
                }
            }
        }
    }

    @Test
    void matricesWhoseRowsAreNotWholeBlocksAreWrittenAsFloat16() throws IOException {
        Path m = model("narrow", new Dims(48, 1, 3, 1, 64), true, "");
        GgufFile f = ArrayIO.loadGguf(LlamaGgufExport.export(m, dir.resolve("narrow"), LlamaGgufExport.Precision.Q4_0));
        assertThat(f.tensorTypes()).containsEntry("blk.0.attn_q.weight", "F16").containsEntry("token_embd.weight", "F16")
                .containsEntry("blk.0.ffn_down.weight", "Q4_0");
    }

    @Test
    void llama3RopeScalingGivesRopeFrequencyFactors() throws IOException {
        Path m = model("llama3", SMALL, true, """
                , "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                  "original_max_position_embeddings": 64}""");
        GgufFile f = ArrayIO.loadGguf(LlamaGgufExport.export(m, dir.resolve("l3"), LlamaGgufExport.Precision.F16));
        float[] factors = f.arrays().get("rope_freqs.weight").toFloatArray();
        assertThat(factors).hasSize(8);
        for (int i = 0; i < 8; i++) {
            double wavelen = 2 * Math.PI * Math.pow(50000.0, 2.0 * i / 16);
            double expected = wavelen < 64 / 4.0 ? 1 : wavelen > 64 ? 8 : 1 / ((1 - (64 / wavelen - 1) / 3) / 8 + (64 / wavelen - 1) / 3);
            assertThat((double) factors[i]).as("factor %d", i).isCloseTo(expected, within(1e-4 * expected));
        }
        assertThat(f.tensorTypes()).containsEntry("rope_freqs.weight", "F32");
    }

    @Test
    void directoriesThatAreNotLlamaCheckpointsAreRejected() throws IOException {
        Path m = model("bad", SMALL, true, ", \"rope_scaling\": {\"type\": \"yarn\", \"factor\": 4.0}");
        assertThatThrownBy(() -> LlamaGgufExport.export(m, dir.resolve("x"), LlamaGgufExport.Precision.F32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yarn").hasMessageContaining("valid");
        Files.writeString(m.resolve("config.json"), Files.readString(m.resolve("config.json")).replace("\"llama\"", "\"mistral\""));
        assertThatThrownBy(() -> LlamaGgufExport.export(m, dir.resolve("x"), LlamaGgufExport.Precision.F32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mistral").hasMessageContaining("valid: llama");
        Path extra = model("extra", SMALL, true, "");
        Map<String, Array> arrays = new LinkedHashMap<>(ArrayIO.loadSafetensors(extra.resolve("model.safetensors")).arrays());
        arrays.put("model.layers.0.self_attn.rotary_proj.weight", Mx.zeros(new int[] {2, 2}, org.mlx4j.core.DType.FLOAT32));
        ArrayIO.saveSafetensors(extra.resolve("model.safetensors"), arrays);
        assertThatThrownBy(() -> LlamaGgufExport.export(extra, dir.resolve("x"), LlamaGgufExport.Precision.F32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model.layers.0.self_attn.rotary_proj.weight");
    }
}
