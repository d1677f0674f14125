package org.mlx4j.lm.models;

import static org.assertj.core.api.Assertions.*;
import static org.mlx4j.lm.models.ModelTesting.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.nn.Losses;
import org.mlx4j.nn.Nn;
import org.mlx4j.nn.ValueAndGradTree;
import org.mlx4j.utils.Tree;

class LlamaTest {
    private static final int VOCAB = 48, HIDDEN = 32, LAYERS = 2, HEADS = 4, KV_HEADS = 2, INTER = 40;

    private static ModelConfig config() { return ModelConfig.llama(VOCAB, HIDDEN, LAYERS, HEADS, KV_HEADS, INTER); }

    private static LlamaReference reference(ModelConfig c, Map<String, double[]> w, double[] periods) {
        return new LlamaReference(w, LlamaReference.Spec.llama(c, periods));
    }

    private static double[][][] expected(LlamaReference ref, int[][] ids) {
        double[][][] out = new double[ids.length][][];
        for (int i = 0; i < ids.length; i++) out[i] = ref.logits(ids[i]);
        return out;
    }

    private static void checkAgainstReference(ModelConfig c, double[] periods, long seed) {
        Llama model = new Llama(c);
        Map<String, double[]> w = randomize(model, seed);
        int[][] ids = randomIds(2, 9, c.vocabSize(), seed);
        assertLogits(model.forward(idsArray(ids), null), expected(reference(c, w, periods), ids));
    }

    @Test
    void untiedGroupedQueryLogitsMatchFloat64Reference() {
        checkAgainstReference(config(), LlamaReference.plainPeriods(HIDDEN / HEADS, 10000), 1);
    }

    @Test
    void tiedEmbeddingsAndMultiQueryAttentionMatchFloat64Reference() {
        ModelConfig c = ModelConfig.llama(VOCAB, HIDDEN, LAYERS, HEADS, 1, INTER).with("tie_word_embeddings", true)
                .with("rope_theta", 500000.0).with("rms_norm_eps", 1e-6);
        checkAgainstReference(c, LlamaReference.plainPeriods(HIDDEN / HEADS, 500000), 2);
        assertThat(Tree.flatten(new Llama(c).parameters())).doesNotContainKey("lm_head.weight");
    }

    @Test
    void explicitHeadDimDifferentFromHiddenOverHeads() {
        ModelConfig c = config().with("head_dim", 12);
        Llama model = new Llama(c);
        assertThat(Tree.flatten(model.parameters()).get("model.layers.0.self_attn.q_proj.weight").shape())
                .containsExactly(HEADS * 12, HIDDEN);
        checkAgainstReference(c, LlamaReference.plainPeriods(12, 10000), 3);
    }

    /** Llama 3.1's scaling with a short original context, so that all three bands (kept, blended, scaled) occur. */
    private static Map<String, Object> llama3Scaling() {
        return Map.of("rope_type", "llama3", "factor", 8.0, "low_freq_factor", 1.0, "high_freq_factor", 4.0,
                "original_max_position_embeddings", 64);
    }

    /** transformers' _compute_llama3_parameters, written again: inverse frequencies, turned into periods. */
    private static double[] llama3Periods(int dims, double base) {
        double[] periods = new double[dims / 2];
        double lowWavelen = 64 / 1.0, highWavelen = 64 / 4.0;
        for (int i = 0; i < periods.length; i++) {
            double invFreq = 1 / Math.pow(base, 2.0 * i / dims);
            double wavelen = 2 * Math.PI / invFreq;
            double scaled = wavelen > lowWavelen ? invFreq / 8.0 : invFreq;
            double smooth = (64 / wavelen - 1.0) / (4.0 - 1.0);
            double smoothed = (1 - smooth) * scaled / 8.0 + smooth * scaled;
            boolean medium = !(wavelen < highWavelen) && !(wavelen > lowWavelen);
            periods[i] = 1 / (medium ? smoothed : scaled);
        }
        return periods;
    }

    @Test
    void llama3RopeScalingInBothConfigStylesMatchesFloat64Reference() {
        double[] periods = llama3Periods(HIDDEN / HEADS, 10000);
        // the three bands all occur for head_dim 8 and an original context of 64
        double[] plain = LlamaReference.plainPeriods(HIDDEN / HEADS, 10000);
        assertThat(periods[0]).isEqualTo(plain[0]);
        assertThat(periods[1]).isBetween(plain[1] * 1.01, plain[1] * 7.99);
        assertThat(periods[3]).isCloseTo(plain[3] * 8, within(1e-9));

        ModelConfig older = config().with("rope_scaling", llama3Scaling());
        checkAgainstReference(older, periods, 4);
        Map<String, Object> params = new java.util.LinkedHashMap<>(llama3Scaling());
        params.put("rope_theta", 10000.0);
        ModelConfig v5 = config().without("rope_theta").without("rope_scaling").with("rope_parameters", params);
        assertThat(v5.ropeScaling()).isEqualTo(older.ropeScaling());
        checkAgainstReference(v5, periods, 4);
    }

    @Test
    void linearRopeScalingDividesPositions() {
        double[] periods = LlamaReference.plainPeriods(HIDDEN / HEADS, 10000);
        for (int i = 0; i < periods.length; i++) periods[i] *= 4;
        checkAgainstReference(config().with("rope_scaling", Map.of("type", "linear", "factor", 4.0)), periods, 5);
    }

    @Test
    void unsupportedRopeTypeIsAClearError() {
        ModelConfig c = config().with("rope_scaling", Map.of("rope_type", "banana", "factor", 2.0));
        assertThatThrownBy(() -> new Llama(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("banana").hasMessageContaining("llama3");
    }

    @Test
    void parameterNamesAreTransformers() {
        Set<String> expected = new TreeSet<>(List.of("model.embed_tokens.weight", "model.norm.weight", "lm_head.weight"));
        for (int l = 0; l < LAYERS; l++) {
            for (String s : List.of("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                    "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj", "input_layernorm", "post_attention_layernorm")) {
                expected.add("model.layers." + l + "." + s + ".weight");
            }
        }
        Map<String, Array> flat = Tree.flatten(new Llama(config()).parameters());
        assertThat(new TreeSet<>(flat.keySet())).isEqualTo(expected);
        assertThat(flat.get("model.layers.1.self_attn.k_proj.weight").shape()).containsExactly(KV_HEADS * HIDDEN / HEADS, HIDDEN);
        assertThat(flat.get("model.layers.1.mlp.down_proj.weight").shape()).containsExactly(HIDDEN, INTER);
        assertThat(flat.get("lm_head.weight").shape()).containsExactly(VOCAB, HIDDEN);
        ModelConfig biased = config().with("attention_bias", true).with("mlp_bias", true);
        Map<String, Array> b = Tree.flatten(new Llama(biased).parameters());
        assertThat(b).containsKeys("model.layers.0.self_attn.q_proj.bias", "model.layers.0.self_attn.o_proj.bias",
                "model.layers.0.mlp.up_proj.bias");
    }

    @Test
    void cachedPrefillInChunksAndDecodeEqualTheFullForward() {
        Llama model = new Llama(config());
        randomize(model, 6);
        int[][] ids = randomIds(2, 10, VOCAB, 6);
        float[] full = model.forward(idsArray(ids), null).toFloatArray();
        List<KVCache> cache = model.newCache();
        assertThat(cache).hasSize(LAYERS);
        List<Array> steps = new ArrayList<>();
        int[][] cuts = {{0, 4}, {4, 7}, {7, 8}, {8, 9}, {9, 10}};
        for (int[] cut : cuts) {
            int[][] part = new int[2][];
            for (int i = 0; i < 2; i++) part[i] = java.util.Arrays.copyOfRange(ids[i], cut[0], cut[1]);
            Array out = model.forward(idsArray(part), cache);
            Mx.eval(out);
            steps.add(out);
        }
        assertThat(cache.get(0).offset()).isEqualTo(10);
        float[] chunked = Mx.concatenate(steps, 1).toFloatArray();
        assertThat(chunked).hasSameSizeAs(full);
        for (int i = 0; i < full.length; i++) assertThat(chunked[i]).as("logit %d", i).isCloseTo(full[i], within(2e-4f));
    }

    @Test
    void gradientsMatchCentralDifferencesInFloat64() {
        Llama model = new Llama(ModelConfig.llama(16, 16, 1, 2, 1, 24));
        randomize(model, 7);
        model.setDtype(DType.FLOAT64);
        Array ids = idsArray(randomIds(1, 5, 16, 7));
        Array targets = idsArray(randomIds(1, 5, 16, 8));
        var lossAndGrad = Nn.valueAndGrad(model, a -> List.of(Losses.crossEntropy(model.forward(a.get(0), null), a.get(1), "mean")));
        ValueAndGradTree out = lossAndGrad.apply(List.of(ids, targets));
        Map<String, Array> grads = Tree.flatten(out.grads());
        Map<String, Array> params = Tree.flatten(model.parameters());
        for (String name : List.of("model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight",
                "model.layers.0.self_attn.k_proj.weight", "model.layers.0.mlp.up_proj.weight", "model.norm.weight",
                "model.layers.0.input_layernorm.weight", "lm_head.weight")) {
            double[] g = grads.get(name).toDoubleArray();
            double[] p = params.get(name).toDoubleArray();
            int[] shape = params.get(name).shape();
            java.util.Random r = new java.util.Random(name.hashCode());
            for (int trial = 0; trial < 3; trial++) {
                int i = r.nextInt(p.length);
                double h = 1e-5;
                double up = lossWith(model, name, p, shape, i, h, ids, targets);
                double down = lossWith(model, name, p, shape, i, -h, ids, targets);
                model.loadWeights(Map.of(name, Mx.array(p, DType.FLOAT64, shape)), false);
                assertThat(g[i]).as("%s[%d]", name, i).isCloseTo((up - down) / (2 * h), within(1e-6 + 1e-5 * Math.abs(g[i])));
            }
        }
    }

    private static double lossWith(Llama model, String name, double[] p, int[] shape, int i, double h, Array ids, Array targets) {
        double[] q = p.clone();
        q[i] += h;
        model.loadWeights(Map.of(name, Mx.array(q, DType.FLOAT64, shape)), false);
        return Losses.crossEntropy(model.forward(ids, null), targets, "mean").doubleValue();
    }

    @Test
    void savedWeightsAndConfigReloadIntoTheSameModel(@TempDir Path dir) {
        Llama a = new Llama(config());
        randomize(a, 9);
        a.saveWeights(dir.resolve("model.safetensors"));
        a.config().save(dir.resolve("config.json"));
        Llama b = new Llama(ModelConfig.fromJson(dir.resolve("config.json")));
        b.loadWeights(dir.resolve("model.safetensors"), true);
        Array ids = idsArray(randomIds(1, 6, VOCAB, 9));
        assertThat(b.forward(ids, null).toFloatArray()).containsExactly(a.forward(ids, null).toFloatArray());
        assertThat(Files.exists(dir.resolve("config.json"))).isTrue();
    }

    @Test
    void badInputsAreClearErrors() {
        Llama model = new Llama(config());
        assertThatThrownBy(() -> model.forward(Mx.array(new float[] {1, 2}, 1, 2), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Llama.forward").hasMessageContaining("FLOAT32");
        assertThatThrownBy(() -> model.forward(Mx.array(new int[] {1, 2}, 2), null))
                .hasMessageContaining("[batch, length]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> model.forward(Mx.array(new int[] {1, 2}, 1, 2), List.of(new KVCache())))
                .hasMessageContaining("one entry per layer");
        assertThatThrownBy(() -> new Llama(config().with("num_key_value_heads", 3)))
                .hasMessageContaining("num_key_value_heads (3)");
    }
}
