package org.mlx4j.lm.generate;

import static org.assertj.core.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.lm.cache.RotatingKVCache;
import org.mlx4j.lm.models.Architectures;
import org.mlx4j.lm.models.LanguageModel;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.lm.tokenizer.Tokenizer;
import org.mlx4j.nn.Module;
import org.mlx4j.utils.Tree;

class GenerateTest {
    private static final Tokenizer TOKENIZER = Tokenizer.load(Path.of("src/test/resources/golden/tokenizer/llama3"));

    /** A random model whose greedy continuations vary (larger weights than the default initialisation). */
    private static LanguageModel model(String type, int vocab, long seed) {
        return model(ModelConfig.llama(vocab, 64, 2, 4, 2, 96).with("model_type", type).with("sliding_window", 6), seed);
    }

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

    /** Greedy decoding the slow way: the whole sequence through the model at every step, no cache. */
    private static int[] greedyWithoutCache(LanguageModel model, int[] prompt, int n) {
        int[] seq = prompt.clone();
        int[] out = new int[n];
        for (int t = 0; t < n; t++) {
            Array logits = model.forward(Mx.array(seq, 1, seq.length), null);
            float[] last = Mx.slice(logits, new int[] {0, seq.length - 1, 0}, logits.shape(), new int[] {1, 1, 1}).toFloatArray();
            int best = 0;
            for (int v = 1; v < last.length; v++) if (last[v] > last[best]) best = v;
            out[t] = best;
            seq = Arrays.copyOf(seq, seq.length + 1);
            seq[seq.length - 1] = best;
        }
        return out;
    }

    private static int[] tokens(TokenGenerator g) {
        List<Integer> out = new ArrayList<>();
        while (g.hasNext()) out.add(g.next());
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void greedyDecodingWithChunkedPrefillEqualsTheUncachedLoop() {
        LanguageModel model = model("llama", 97, 1);
        int[] prompt = {5, 17, 3, 88, 42, 9, 1, 60, 33};
        int[] expected = greedyWithoutCache(model, prompt, 12);
        for (int chunk : new int[] {2048, 4, 1}) {
            GenerationOptions o = GenerationOptions.defaults().withPrefillStepSize(chunk);
            try (TokenGenerator g = new TokenGenerator(new DecodeStep(model, o), prompt, 12)) {
                assertThat(tokens(g)).as("prefill chunk %d", chunk).containsExactly(expected);
            }
        }
        assertThat(Arrays.stream(expected).distinct().count()).as("the continuation is not one repeated token").isGreaterThan(2);
    }

    @Test
    void rotatingCacheEqualsASlidingWindowModel() {
        // Llama with a rotating cache of 6 attends like Mistral with a window of 6 and a growing cache
        LanguageModel llama = model("llama", 97, 2), mistral = model("mistral", 97, 2);
        int[] prompt = {5, 17, 3, 88, 42, 9, 1, 60, 33, 2, 7};
        int[] expected = greedyWithoutCache(mistral, prompt, 10);
        try (TokenGenerator g = new TokenGenerator(new DecodeStep(llama, GenerationOptions.defaults().withMaxKvSize(6).withPrefillStepSize(4)), prompt, 10)) {
            assertThat(tokens(g)).containsExactly(expected);
        }
        RotatingKVCache c = new RotatingKVCache(6);
        assertThat(c.isTrimmable()).isFalse();
        assertThatThrownBy(() -> c.trim(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void quantizedCacheStaysCloseToTheFloatCache() {
        LanguageModel model = model(ModelConfig.llama(97, 64, 2, 2, 1, 96), 3); // head_dim 32: one quantization group
        Array ids = Mx.array(new int[] {5, 17, 3, 88, 42, 9, 1, 60}, 1, 8);
        List<KVCache> plain = model.newCache();
        List<KVCache> quantized = DecodeStep.newCache(model, GenerationOptions.defaults().withKvQuantization(8, 32));
        float[] a = model.forward(ids, plain).toFloatArray(), b = model.forward(ids, quantized).toFloatArray();
        double err = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            err = Math.max(err, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        System.out.printf("8-bit KV cache: max |logit error| %.4f of a logit scale %.3f%n", err, scale);
        assertThat(err / scale).isLessThan(0.05);
        assertThat(quantized.get(0).state()[0].dtype()).isEqualTo(DType.UINT32);
    }

    @Test
    void seededSamplingRepeatsAndDiffersAcrossSeeds() {
        LanguageModel model = model("llama", 97, 4);
        int[] prompt = {1, 2, 3};
        GenerationOptions o = GenerationOptions.defaults().withTemperature(1.5).withTopK(40).withMinP(0.01);
        int[] a = TextGenerator.generate(model, null, Set.of(), prompt, o.withSeed(7).withMaxTokens(16), null, null).ids();
        int[] b = TextGenerator.generate(model, null, Set.of(), prompt, o.withSeed(7).withMaxTokens(16), null, null).ids();
        int[] c = TextGenerator.generate(model, null, Set.of(), prompt, o.withSeed(8).withMaxTokens(16), null, null).ids();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void textStopsAtEosAndStopStringsAndStreamsWhatItReturns() {
        LanguageModel model = model("llama", TOKENIZER.vocabSize(), 5);
        int[] prompt = TOKENIZER.encode("The quick brown fox");
        GenerationOptions o = GenerationOptions.defaults().withMaxTokens(40).withIgnoreEos(true);
        GenerationResult free = TextGenerator.generate(model, TOKENIZER, Set.of(), prompt, o, null, null);
        assertThat(free.ids()).hasSize(40);
        assertThat(free.finishReason()).isEqualTo("length");
        assertThat(free.text()).isEqualTo(TOKENIZER.decode(free.ids()));
        assertThat(free.stats().generationTokens()).isEqualTo(40);
        assertThat(free.stats().promptTokens()).isEqualTo(prompt.length);

        // a stop string from the middle of that text: generation ends before it, streamed text equals the result
        String text = free.text();
        int at = text.length() / 2;
        String stop = text.substring(at, Math.min(text.length(), at + 3));
        int first = text.indexOf(stop);
        StringBuilder streamed = new StringBuilder();
        GenerationResult stopped = TextGenerator.generate(model, TOKENIZER, Set.of(), prompt, o.withStopStrings(List.of(stop)), null, streamed::append);
        assertThat(stopped.text()).isEqualTo(text.substring(0, first));
        assertThat(streamed.toString()).isEqualTo(stopped.text());
        assertThat(stopped.finishReason()).isEqualTo("stop");

        // the fifth greedy token as EOS: four ids, finish "stop"
        GenerationResult eos = TextGenerator.generate(model, TOKENIZER, Set.of(free.ids()[4]), prompt,
                GenerationOptions.defaults().withMaxTokens(40), null, null);
        int firstEos = 0;
        while (free.ids()[firstEos] != free.ids()[4]) firstEos++;
        assertThat(eos.ids()).containsExactly(Arrays.copyOf(free.ids(), firstEos));
        assertThat(eos.finishReason()).isEqualTo("stop");
        assertThatThrownBy(() -> TextGenerator.generate(model, null, Set.of(), prompt, o.withStopStrings(List.of("x")), null, null))
                .hasMessageContaining("stop strings need a tokenizer");
    }

    @Test
    void promptCacheReusesTheCommonPrefixWithTheSameResult() {
        LanguageModel model = model("llama", 97, 6);
        GenerationOptions o = GenerationOptions.defaults().withMaxTokens(6);
        int[] first = {5, 17, 3, 88, 42, 9, 1, 60};
        int[] second = {5, 17, 3, 88, 42, 9, 11, 12, 13};
        try (PromptCache cache = new PromptCache()) {
            GenerationResult a = TextGenerator.generate(model, null, Set.of(), first, o, cache, null);
            assertThat(a.ids()).containsExactly(TextGenerator.generate(model, null, Set.of(), first, o, null, null).ids());
            assertThat(cache.cachedTokens()).isBetween(first.length + 5, first.length + 6);
            GenerationResult b = TextGenerator.generate(model, null, Set.of(), second, o, cache, null);
            assertThat(b.stats().promptTokens()).isEqualTo(3);
            assertThat(b.ids()).containsExactly(TextGenerator.generate(model, null, Set.of(), second, o, null, null).ids());
            // with a repetition penalty the reused prefix still counts: the same ids as without the cache
            GenerationOptions penalised = o.withRepetitionPenalty(3.0, 64);
            assertThat(TextGenerator.generate(model, null, Set.of(), first, penalised, cache, null).ids())
                    .containsExactly(TextGenerator.generate(model, null, Set.of(), first, penalised, null, null).ids());
            TextGenerator.generate(model, null, Set.of(), second, o, cache, null);
            // the same prompt again: everything but its last token is reused
            GenerationResult c = TextGenerator.generate(model, null, Set.of(), second, o, cache, null);
            assertThat(c.stats().promptTokens()).isEqualTo(1);
            assertThat(c.ids()).containsExactly(b.ids());
        }
    }

    @Test
    void badPromptsAreClearErrors() {
        LanguageModel model = model("llama", 97, 7);
        GenerationOptions o = GenerationOptions.defaults();
        assertThatThrownBy(() -> TextGenerator.generate(model, null, Set.of(), new int[0], o, null, null)).hasMessageContaining("prompt is empty");
        assertThatThrownBy(() -> TextGenerator.generate(model, null, Set.of(), new int[] {3, 97}, o, null, null))
                .hasMessageContaining("97").hasMessageContaining("[0, 97)");
        assertThatThrownBy(() -> o.withKvQuantization(3, 64)).hasMessageContaining("kvBits");
        assertThatThrownBy(() -> o.withTopP(0)).hasMessageContaining("topP");
    }
}
