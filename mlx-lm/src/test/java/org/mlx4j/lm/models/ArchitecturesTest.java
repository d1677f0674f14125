package org.mlx4j.lm.models;

import static org.assertj.core.api.Assertions.*;
import static org.mlx4j.lm.models.ModelTesting.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.nn.Module;
import org.mlx4j.utils.Tree;

class ArchitecturesTest {
    private static ModelConfig base(String type) {
        return ModelConfig.llama(40, 32, 3, 4, 2, 48).with("model_type", type);
    }

    private static double[] periods(ModelConfig c) { return LlamaReference.plainPeriods(c.headDim(), c.ropeTheta()); }

    private static void check(ModelConfig c, LlamaReference.Spec spec, long seed, int length) {
        LanguageModel model = Architectures.create(c);
        Map<String, double[]> w = unfuse(randomize((Module) model, seed), c);
        LlamaReference ref = new LlamaReference(w, spec);
        int[][] ids = randomIds(2, length, c.vocabSize(), seed);
        double[][][] expected = new double[ids.length][][];
        for (int i = 0; i < ids.length; i++) expected[i] = ref.logits(ids[i]);
        assertLogits(model.forward(idsArray(ids), null), expected);
        checkCachedDecode(model, ids);
    }

    /** Phi-3's fused tensors split by rows into the separate projections the reference reads. */
    private static Map<String, double[]> unfuse(Map<String, double[]> w, ModelConfig c) {
        Map<String, double[]> out = new LinkedHashMap<>(w);
        int hidden = c.hiddenSize(), qRows = c.numAttentionHeads() * c.headDim(), kvRows = c.numKeyValueHeads() * c.headDim();
        w.forEach((name, v) -> {
            if (name.endsWith("qkv_proj.weight")) {
                String p = name.substring(0, name.length() - "qkv_proj.weight".length());
                out.put(p + "q_proj.weight", Arrays.copyOfRange(v, 0, qRows * hidden));
                out.put(p + "k_proj.weight", Arrays.copyOfRange(v, qRows * hidden, (qRows + kvRows) * hidden));
                out.put(p + "v_proj.weight", Arrays.copyOfRange(v, (qRows + kvRows) * hidden, v.length));
            } else if (name.endsWith("gate_up_proj.weight")) {
                String p = name.substring(0, name.length() - "gate_up_proj.weight".length());
                out.put(p + "gate_proj.weight", Arrays.copyOfRange(v, 0, v.length / 2));
                out.put(p + "up_proj.weight", Arrays.copyOfRange(v, v.length / 2, v.length));
            }
        });
        return out;
    }

    /** Prefill of 5, then one token at a time, equals the full forward. */
    private static void checkCachedDecode(LanguageModel model, int[][] ids) {
        float[] full = model.forward(idsArray(ids), null).toFloatArray();
        List<KVCache> cache = model.newCache();
        List<Array> parts = new ArrayList<>();
        int length = ids[0].length;
        for (int start = 0; start < length; start = start == 0 ? 5 : start + 1) {
            int end = start == 0 ? 5 : start + 1;
            int[][] part = new int[ids.length][];
            for (int i = 0; i < ids.length; i++) part[i] = Arrays.copyOfRange(ids[i], start, end);
            Array out = model.forward(idsArray(part), cache);
            Mx.eval(out);
            parts.add(out);
        }
        float[] cached = Mx.concatenate(parts, 1).toFloatArray();
        double scale = 0;
        for (float f : full) scale = Math.max(scale, Math.abs(f));
        for (int i = 0; i < full.length; i++) assertThat((double) cached[i]).as("logit %d", i).isCloseTo(full[i], within(2e-5 * scale));
    }

    @Test
    void mistralSlidesEveryLayer() {
        ModelConfig c = base("mistral").with("sliding_window", 4);
        check(c, LlamaReference.Spec.llama(c, periods(c)).withWindows(4, 4, 4), 11, 9);
    }

    @Test
    void qwen2HasQkvBiasesButNoOutputBias() {
        ModelConfig c = base("qwen2").with("tie_word_embeddings", true);
        Map<String, Array> p = Tree.flatten(((Module) Architectures.create(c)).parameters());
        assertThat(p).containsKeys("model.layers.0.self_attn.q_proj.bias", "model.layers.0.self_attn.v_proj.bias")
                .doesNotContainKeys("model.layers.0.self_attn.o_proj.bias", "lm_head.weight");
        check(c, LlamaReference.Spec.llama(c, periods(c)).withQkvBias(), 12, 8);
    }

    @Test
    void qwen3NormalisesEachHeadsQueriesAndKeysWithAnExplicitHeadDim() {
        ModelConfig c = base("qwen3").with("head_dim", 12).with("rope_theta", 1000000.0);
        assertThat(Tree.flatten(((Module) Architectures.create(c)).parameters()).get("model.layers.2.self_attn.k_norm.weight").shape())
                .containsExactly(12);
        check(c, LlamaReference.Spec.llama(c, periods(c)).withQkNorm(), 13, 8);
    }

    @Test
    void phi3FusesQkvAndGateUp() {
        ModelConfig c = base("phi3");
        Map<String, Array> p = Tree.flatten(((Module) Architectures.create(c)).parameters());
        assertThat(p.get("model.layers.0.self_attn.qkv_proj.weight").shape()).containsExactly((4 + 2 * 2) * 8, 32);
        assertThat(p.get("model.layers.0.mlp.gate_up_proj.weight").shape()).containsExactly(2 * 48, 32);
        assertThat(p).doesNotContainKey("model.layers.0.self_attn.q_proj.weight");
        check(c, LlamaReference.Spec.llama(c, periods(c)), 14, 8);
        ModelConfig windowed = c.with("sliding_window", 3);
        check(windowed, LlamaReference.Spec.llama(windowed, periods(windowed)).withWindows(3, 3, 3), 15, 8);
    }

    @Test
    void gemma2ScalesCapsAndAlternatesWindows() {
        ModelConfig c = base("gemma2").without("tie_word_embeddings").with("head_dim", 16).with("query_pre_attn_scalar", 24)
                .with("attn_logit_softcapping", 2.0).with("final_logit_softcapping", 3.0).with("sliding_window", 3)
                .with("hidden_activation", "gelu_pytorch_tanh").with("rms_norm_eps", 1e-6);
        Map<String, Array> p = Tree.flatten(((Module) Architectures.create(c)).parameters());
        assertThat(p).containsKeys("model.layers.1.pre_feedforward_layernorm.weight", "model.layers.1.post_feedforward_layernorm.weight")
                .doesNotContainKey("lm_head.weight");
        LlamaReference.Spec spec = LlamaReference.Spec.llama(c, periods(c)).withWindows(3, 0, 3).withGemma(1 / Math.sqrt(24), 2.0, 3.0);
        check(c, spec, 16, 9);
        // transformers 5 names each layer's attention instead
        ModelConfig typed = c.with("layer_types", List.of("full_attention", "sliding_attention", "full_attention"));
        check(typed, LlamaReference.Spec.llama(typed, periods(typed)).withWindows(0, 3, 0).withGemma(1 / Math.sqrt(24), 2.0, 3.0), 17, 9);
    }

    @Test
    void unknownArchitectureNamesTheSupportedOnes() {
        assertThatThrownBy(() -> Architectures.create(base("gpt_neox")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpt_neox").hasMessageContaining("llama").hasMessageContaining("gemma2");
        assertThat(Architectures.supports("qwen3")).isTrue();
    }
}
