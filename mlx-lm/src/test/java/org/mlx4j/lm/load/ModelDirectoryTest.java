package org.mlx4j.lm.load;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.lm.models.Architectures;
import org.mlx4j.lm.models.LanguageModel;
import org.mlx4j.lm.models.Llama;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.nn.Module;
import org.mlx4j.nn.Nn;
import org.mlx4j.nn.QuantizedLinear;
import org.mlx4j.utils.Tree;

class ModelDirectoryTest {
    private static final ModelConfig CONFIG = ModelConfig.llama(96, 64, 2, 4, 2, 128);
    private static final Array IDS = Mx.array(new int[] {3, 17, 42, 5, 88, 1, 0, 64}, 2, 4);

    /** A model with random weights (norms around one), evaluated. */
    private static Module randomModel(ModelConfig config, long seed) {
        Module m = (Module) Architectures.create(config);
        Map<String, Array> fresh = new LinkedHashMap<>();
        int i = 0;
        for (var e : Tree.flatten(m.parameters()).entrySet()) {
            Array a = Random.normal(e.getValue().shape(), DType.FLOAT32, 0.0, 0.2, Random.key(seed * 100 + i++));
            fresh.put(e.getKey(), e.getKey().endsWith("norm.weight") ? a.add(Mx.array(1.0f)) : a);
        }
        m.loadWeights(fresh, true);
        Mx.eval(m);
        return m;
    }

    private static Path save(Module model, Path dir) {
        model.saveWeights(dir.resolve("model.safetensors"));
        ((LanguageModel) model).config().save(dir.resolve("config.json"));
        return dir;
    }

    private static float[] logits(Object model) { return ((LanguageModel) model).forward(IDS, null).astype(DType.FLOAT32).toFloatArray(); }

    @Test
    void singleFileRoundTripsExactly(@TempDir Path dir) {
        Module model = randomModel(CONFIG, 1);
        try (ModelDirectory d = ModelDirectory.open(save(model, dir))) {
            assertThat(d.config()).isEqualTo(CONFIG);
            assertThat(d.tensorNames()).contains("model.layers.1.mlp.down_proj.weight", "lm_head.weight");
            assertThat(logits(d.loadModel())).containsExactly(logits(model));
        }
    }

    @Test
    void shardsListedByTheIndexLoadAndAMissingShardIsNamed(@TempDir Path dir) throws IOException {
        Module model = randomModel(CONFIG.with("tie_word_embeddings", true), 2);
        Map<String, Array> flat = Tree.flatten(model.parameters());
        Map<String, Array> first = new LinkedHashMap<>(), second = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder("{\"metadata\": {}, \"weight_map\": {");
        int i = 0;
        for (var e : flat.entrySet()) {
            boolean one = i++ % 2 == 0;
            (one ? first : second).put(e.getKey(), e.getValue());
            index.append(i > 1 ? ", " : "").append('"').append(e.getKey()).append("\": \"model-0000").append(one ? 1 : 2).append("-of-00002.safetensors\"");
        }
        Mx.saveSafetensors(dir.resolve("model-00001-of-00002.safetensors"), first);
        Mx.saveSafetensors(dir.resolve("model-00002-of-00002.safetensors"), second);
        Files.writeString(dir.resolve("model.safetensors.index.json"), index.append("}}").toString());
        ((LanguageModel) model).config().save(dir.resolve("config.json"));
        try (ModelDirectory d = ModelDirectory.open(dir)) {
            assertThat(logits(d.loadModel())).containsExactly(logits(model));
        }
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model.safetensors.index.json").hasMessageContaining("model-00002-of-00002.safetensors");
    }

    @Test
    void bfloat16CheckpointsStayBfloat16UnlessCast(@TempDir Path dir) {
        Module model = randomModel(CONFIG, 3);
        model.setDtype(DType.BFLOAT16);
        Mx.eval(model);
        try (ModelDirectory d = ModelDirectory.open(save(model, dir))) {
            Module loaded = (Module) d.loadModel();
            assertThat(Tree.flatten(loaded.parameters()).get("model.norm.weight").dtype()).isEqualTo(DType.BFLOAT16);
            assertThat(logits(loaded)).containsExactly(logits(model));
            Module cast = (Module) d.loadModel(LoadOptions.defaults().withDtype(DType.FLOAT32));
            assertThat(Tree.flatten(cast.parameters()).get("model.layers.0.self_attn.q_proj.weight").dtype()).isEqualTo(DType.FLOAT32);
        }
    }

    @Test
    void quantizedCheckpointsWithPerLayerBitsLoadAsSaved(@TempDir Path dir) {
        Module model = randomModel(CONFIG, 4);
        Nn.quantize(model, 64, 4, (p, m) -> !p.contains("mlp"));
        Nn.quantize(model, 32, 8, (p, m) -> p.contains("mlp"));
        Mx.eval(model);
        save(model, dir);
        ModelConfig config = CONFIG.with("quantization", Map.of("group_size", 64, "bits", 4));
        config.save(dir.resolve("config.json"));
        try (ModelDirectory d = ModelDirectory.open(dir)) {
            Module loaded = (Module) d.loadModel();
            assertThat(loaded.namedModules().get("model.layers.0.mlp.up_proj")).isInstanceOf(QuantizedLinear.class);
            assertThat(loaded.namedModules().get("model.layers.1.self_attn.q_proj")).isInstanceOf(QuantizedLinear.class);
            assertThat(logits(loaded)).containsExactly(logits(model));
        }
    }

    @Test
    void quantizeOnLoadEqualsQuantizingTheFloatModelAndStaysClose(@TempDir Path dir) {
        Module model = randomModel(CONFIG, 5);
        save(model, dir);
        float[] full = logits(model);
        try (ModelDirectory d = ModelDirectory.open(dir)) {
            for (int bits : new int[] {8, 4}) {
                Module q = (Module) d.loadModel(LoadOptions.defaults().withQuantization(bits, 32));
                assertThat(q.namedModules().get("lm_head")).isInstanceOf(QuantizedLinear.class);
                Module reference = randomModel(CONFIG, 5);
                Nn.quantize(reference, 32, bits, null);
                float[] got = logits(q), same = logits(reference);
                for (int i = 0; i < got.length; i++) assertThat(got[i]).isCloseTo(same[i], within(1e-4f));
                double se = 0, ss = 0;
                for (int i = 0; i < full.length; i++) {
                    se += (got[i] - full[i]) * (got[i] - full[i]);
                    ss += full[i] * full[i];
                }
                double rel = Math.sqrt(se / ss);
                System.out.printf("quantized on load, %d-bit group 32: relative RMS logit error %.4f%n", bits, rel);
                // random weights are the hard case for quantization; 8-bit stays within a few per cent
                assertThat(rel).as("%d-bit relative RMS logit error", bits).isLessThan(bits == 8 ? 0.05 : 0.5);
            }
        }
    }

    @Test
    void ggufOfALlamaLoadsWithQueryAndKeyRowsRestored(@TempDir Path dir) {
        Module model = randomModel(CONFIG, 6);
        Map<String, Array> hf = Tree.flatten(model.parameters());
        Map<String, Array> gguf = new LinkedHashMap<>();
        gguf.put("token_embd.weight", hf.get("model.embed_tokens.weight"));
        gguf.put("output_norm.weight", hf.get("model.norm.weight"));
        gguf.put("output.weight", hf.get("lm_head.weight").astype(DType.FLOAT16));
        for (int l = 0; l < 2; l++) {
            String p = "model.layers." + l + ".", b = "blk." + l + ".";
            gguf.put(b + "attn_norm.weight", hf.get(p + "input_layernorm.weight"));
            gguf.put(b + "attn_q.weight", llamaCppPermute(hf.get(p + "self_attn.q_proj.weight"), 4));
            gguf.put(b + "attn_k.weight", llamaCppPermute(hf.get(p + "self_attn.k_proj.weight"), 2));
            gguf.put(b + "attn_v.weight", hf.get(p + "self_attn.v_proj.weight"));
            gguf.put(b + "attn_output.weight", hf.get(p + "self_attn.o_proj.weight"));
            gguf.put(b + "ffn_norm.weight", hf.get(p + "post_attention_layernorm.weight"));
            gguf.put(b + "ffn_gate.weight", hf.get(p + "mlp.gate_proj.weight"));
            gguf.put(b + "ffn_up.weight", hf.get(p + "mlp.up_proj.weight"));
            gguf.put(b + "ffn_down.weight", hf.get(p + "mlp.down_proj.weight"));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("general.architecture", "llama");
        meta.put("llama.embedding_length", Mx.array(64).astype(DType.UINT32));
        meta.put("llama.block_count", Mx.array(2).astype(DType.UINT32));
        meta.put("llama.feed_forward_length", Mx.array(128).astype(DType.UINT32));
        meta.put("llama.attention.head_count", Mx.array(4).astype(DType.UINT32));
        meta.put("llama.attention.head_count_kv", Mx.array(2).astype(DType.UINT32));
        meta.put("llama.attention.layer_norm_rms_epsilon", Mx.array(1e-5f));
        meta.put("llama.rope.freq_base", Mx.array(10000f));
        meta.put("llama.context_length", Mx.array(2048).astype(DType.UINT32));
        Path file = Mx.saveGguf(dir.resolve("tiny.gguf"), gguf, meta);
        float[] expected = logits(model);
        for (Path p : List.of(file, dir)) {
            try (ModelDirectory d = ModelDirectory.open(p)) {
                assertThat(d.config().numKeyValueHeads()).isEqualTo(2);
                assertThat(d.config().tieWordEmbeddings()).isFalse();
                float[] got = logits(d.loadModel(LoadOptions.defaults().withDtype(DType.FLOAT32)));
                for (int i = 0; i < got.length; i++) assertThat(got[i]).isCloseTo(expected[i], within(2e-2f));
            }
        }

        // Q8_0 and Q4_0 (llama.cpp's quantizers): kept quantized, they give the logits of the same file dequantized
        for (String type : List.of("Q8_0", "Q4_0")) {
            Map<String, String> types = new LinkedHashMap<>();
            gguf.forEach((name, a) -> { if (a.ndim() == 2) types.put(name, type); });
            Path q = org.mlx4j.core.io.ArrayIO.saveGguf(dir.resolve("tiny-" + type + ".gguf"), gguf, meta, types);
            try (ModelDirectory d = ModelDirectory.open(q)) {
                Module quantized = (Module) d.loadModel(LoadOptions.defaults().withDtype(DType.FLOAT32)); // scales float16 -> float32
                assertThat(quantized.namedModules().get("model.layers.1.self_attn.k_proj")).isInstanceOf(QuantizedLinear.class);
                org.mlx4j.core.io.GgufFile plain = Mx.loadGguf(q, org.mlx4j.core.io.GgufQuantized.DEQUANTIZE);
                Module reference = (Module) Architectures.create(d.config());
                reference.loadWeights(GgufLlama.weights(q, plain, d.config()), true);
                float[] got = logits(quantized), want = logits(reference);
                double scale = 0;
                for (float w : want) scale = Math.max(scale, Math.abs(w));
                for (int i = 0; i < got.length; i++) assertThat((double) got[i]).as("%s logit %d", type, i).isCloseTo(want[i], within(1e-3 * scale));
            }
        }
    }

    /** llama.cpp's convert_hf_to_gguf {@code permute}: rows (h, j, i) of each head become (h, i, j), in float64 loops. */
    private static Array llamaCppPermute(Array w, int heads) {
        int rows = w.shape(0), cols = w.shape(1), d = rows / heads, half = d / 2;
        float[] in = w.toFloatArray(), out = new float[in.length];
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < half; i++) {
                    System.arraycopy(in, (h * d + j * half + i) * cols, out, (h * d + 2 * i + j) * cols, cols);
                }
            }
        }
        return Mx.array(out, rows, cols);
    }

    @Test
    void badDirectoriesAndTensorsAreNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ModelDirectory.open(dir.resolve("nope"))).hasMessageContaining("nope").hasMessageContaining("no such");
        assertThatThrownBy(() -> ModelDirectory.open(dir)).hasMessageContaining("no config.json");
        Module model = randomModel(CONFIG, 7);
        Map<String, Array> flat = new LinkedHashMap<>(Tree.flatten(model.parameters()));
        CONFIG.save(dir.resolve("config.json"));
        assertThatThrownBy(() -> ModelDirectory.open(dir)).hasMessageContaining("has no weights");

        Array q = flat.remove("model.layers.1.self_attn.q_proj.weight");
        Mx.saveSafetensors(dir.resolve("model.safetensors"), flat);
        try (ModelDirectory d = ModelDirectory.open(dir)) {
            assertThatThrownBy(d::loadModel).hasMessageContaining("missing tensor model.layers.1.self_attn.q_proj.weight")
                    .hasMessageContaining("[64, 64]");
        }
        flat.put("model.layers.1.self_attn.q_proj.weight", Mx.zeros(new int[] {64, 32}, DType.FLOAT32));
        Mx.saveSafetensors(dir.resolve("model.safetensors"), flat);
        try (ModelDirectory d = ModelDirectory.open(dir)) {
            assertThatThrownBy(d::loadModel).hasMessageContaining("model.safetensors")
                    .hasMessageContaining("model.layers.1.self_attn.q_proj.weight").hasMessageContaining("[64, 32]")
                    .hasMessageContaining("[64, 64]");
        }
        flat.put("model.layers.1.self_attn.q_proj.weight", q);
        flat.put("model.layers.1.self_attn.extra.weight", q);
        Mx.saveSafetensors(dir.resolve("model.safetensors"), flat);
        try (ModelDirectory d = ModelDirectory.open(dir)) {
            assertThatThrownBy(d::loadModel).hasMessageContaining("model.layers.1.self_attn.extra.weight");
        }
        flat.remove("model.layers.1.self_attn.extra.weight");
        Mx.saveSafetensors(dir.resolve("model.safetensors"), flat);
        long size = Files.size(dir.resolve("model.safetensors"));
        try (FileChannel ch = FileChannel.open(dir.resolve("model.safetensors"), StandardOpenOption.WRITE)) {
            ch.truncate(size - 10);
        }
        assertThatThrownBy(() -> ModelDirectory.open(dir)).hasMessageContaining("model.safetensors").hasMessageContaining("truncated");
        CONFIG.with("model_type", "mamba").save(dir.resolve("config.json"));
        Mx.saveSafetensors(dir.resolve("model.safetensors"), flat);
        try (ModelDirectory d = ModelDirectory.open(dir)) {
            assertThatThrownBy(d::loadModel).hasMessageContaining("unknown architecture").hasMessageContaining("mamba");
        }
        assertThatThrownBy(() -> LoadOptions.defaults().withQuantization(3, 64)).hasMessageContaining("4 or 8");
        assertThat(new Llama(CONFIG)).isNotNull();
    }
}
