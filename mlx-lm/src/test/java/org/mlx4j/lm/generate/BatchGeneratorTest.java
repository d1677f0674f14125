package org.mlx4j.lm.generate;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.lm.models.Architectures;
import org.mlx4j.lm.models.LanguageModel;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.nn.Module;
import org.mlx4j.utils.Tree;

class BatchGeneratorTest {
    private static final int[][] PROMPTS = {{5, 17, 3, 88, 42, 9, 1}, {60, 33}, {2, 7, 11, 13, 19}, {70}};

    private static LanguageModel model(ModelConfig config, long seed) {
        LanguageModel m = Architectures.create(config);
        Map<String, Array> fresh = new LinkedHashMap<>();
        int i = 0;
        for (var e : Tree.flatten(((Module) m).parameters()).entrySet()) {
            Array a = Random.normal(e.getValue().shape(), DType.FLOAT32, 0.0, 0.25, Random.key(seed * 100 + i++));
            fresh.put(e.getKey(), e.getKey().endsWith("norm.weight") ? a.add(Mx.array(1.0f)) : a);
        }
        ((Module) m).loadWeights(fresh, true);
        Mx.eval(m);
        return m;
    }

    private static int[] single(LanguageModel model, int[] prompt, GenerationOptions o) {
        try (TokenGenerator g = new TokenGenerator(new DecodeStep(model, o), prompt, o.maxTokens())) {
            List<Integer> out = new ArrayList<>();
            while (g.hasNext()) out.add(g.next());
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Polls until the request ends, with a generous deadline. */
    private static int[] drain(BatchRequest r) {
        List<Integer> out = new ArrayList<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!(r.isDone() && r.buffered() == 0)) {
            Integer id = r.poll();
            if (id != null) out.add(id);
            else Thread.onSpinWait();
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
        }
        assertThat(r.error()).isNull();
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void batchedEqualsSingle(LanguageModel model, GenerationOptions base) throws Exception {
        try (BatchGenerator batch = new BatchGenerator(model, 3)) {
            List<BatchRequest> requests = new ArrayList<>();
            List<int[]> expected = new ArrayList<>();
            for (int i = 0; i < PROMPTS.length; i++) {
                GenerationOptions o = base.withMaxTokens(6 + 3 * i);
                expected.add(single(model, PROMPTS[i], o));
                requests.add(batch.submit(PROMPTS[i], o, Set.of(), 64));
                if (i == 1) Thread.sleep(50); // the later ones join a batch already stepping
            }
            for (int i = 0; i < requests.size(); i++) {
                assertThat(drain(requests.get(i))).as("sequence %d", i).containsExactly(expected.get(i));
            }
            assertThat(batch.steps()).isGreaterThan(0);
        }
    }

    @Test
    void batchedGreedyEqualsEachSequenceAlone() throws Exception {
        batchedEqualsSingle(model(ModelConfig.llama(97, 64, 2, 4, 2, 96), 1), GenerationOptions.defaults());
    }

    @Test
    void batchedSlidingWindowsAndSoftCapsEqualEachSequenceAlone() throws Exception {
        batchedEqualsSingle(model(ModelConfig.llama(97, 64, 2, 4, 2, 96).with("model_type", "mistral").with("sliding_window", 4), 2),
                GenerationOptions.defaults());
        batchedEqualsSingle(model(ModelConfig.llama(97, 64, 2, 4, 1, 96).with("model_type", "gemma2").with("head_dim", 16)
                .with("sliding_window", 4).with("attn_logit_softcapping", 3.0).with("final_logit_softcapping", 5.0), 3),
                GenerationOptions.defaults());
    }

    @Test
    void batchedSeededSamplingEqualsEachSequenceAlone() throws Exception {
        batchedEqualsSingle(model(ModelConfig.llama(97, 64, 2, 4, 2, 96), 4),
                GenerationOptions.defaults().withTemperature(1.2).withTopK(30).withSeed(11).withRepetitionPenalty(1.3, 8));
    }

    @Test
    void aSlowReaderPausesItsSequenceOnlyAndResumesWhereItStopped() {
        LanguageModel model = model(ModelConfig.llama(97, 64, 2, 4, 2, 96), 5);
        GenerationOptions o = GenerationOptions.defaults().withMaxTokens(12);
        try (BatchGenerator batch = new BatchGenerator(model, 4)) {
            BatchRequest slow = batch.submit(PROMPTS[0], o, Set.of(), 2);
            BatchRequest fast = batch.submit(PROMPTS[1], o.withMaxTokens(20), Set.of(), 64);
            assertThat(drain(fast)).containsExactly(single(model, PROMPTS[1], o.withMaxTokens(20)));
            assertThat(slow.isDone()).isFalse();
            assertThat(slow.buffered()).isEqualTo(2);
            assertThat(drain(slow)).containsExactly(single(model, PROMPTS[0], o));
        }
    }

    @Test
    void cancelAndEosEndASequence() {
        LanguageModel model = model(ModelConfig.llama(97, 64, 2, 4, 2, 96), 6);
        GenerationOptions o = GenerationOptions.defaults().withMaxTokens(10);
        int[] alone = single(model, PROMPTS[2], o);
        try (BatchGenerator batch = new BatchGenerator(model, 4)) {
            BatchRequest eos = batch.submit(PROMPTS[2], o, Set.of(alone[3]), 64);
            int firstEos = 0;
            while (alone[firstEos] != alone[3]) firstEos++;
            assertThat(drain(eos)).containsExactly(java.util.Arrays.copyOf(alone, firstEos));
            BatchRequest cancelled = batch.submit(PROMPTS[0], o.withMaxTokens(100000), Set.of(), 1);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (cancelled.buffered() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
            cancelled.cancel();
            while (!cancelled.isDone() && System.nanoTime() < deadline) Thread.onSpinWait();
            assertThat(cancelled.isDone()).isTrue();
            assertThat(batch.activeRows()).isZero();
        }
        assertThatThrownBy(() -> new BatchGenerator(model, 0)).hasMessageContaining("maxBatch");
    }
}
