package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.lm.generate.BatchGenerator;
import org.mlx4j.lm.generate.DecodeStep;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.generate.GenerationResult;
import org.mlx4j.lm.generate.TextGenerator;
import org.mlx4j.lm.generate.TokenGenerator;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.lm.models.Llama;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.utils.Tree;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class LanguageModelFluxTest {
    private static final int[] PROMPT = {5, 17, 3, 88, 42};

    private static Llama model(int vocab) {
        Llama m = new Llama(ModelConfig.llama(vocab, 64, 2, 4, 2, 96));
        Map<String, Array> fresh = new LinkedHashMap<>();
        int i = 0;
        for (var e : Tree.flatten(m.parameters()).entrySet()) {
            Array a = Random.normal(e.getValue().shape(), DType.FLOAT32, 0.0, 0.25, Random.key(40 + i++));
            fresh.put(e.getKey(), e.getKey().endsWith("norm.weight") ? a.add(Mx.array(1.0f)) : a);
        }
        m.loadWeights(fresh, true);
        Mx.eval(m);
        return m;
    }

    private static List<Integer> greedy(Llama model, int n) {
        try (TokenGenerator g = new TokenGenerator(new DecodeStep(model, GenerationOptions.defaults()), PROMPT, n)) {
            List<Integer> out = new java.util.ArrayList<>();
            while (g.hasNext()) out.add(g.next());
            return out;
        }
    }

    @Test
    void tokensEqualTheSynchronousGeneratorAndEndBeforeEos() {
        Llama model = model(97);
        List<Integer> expected = greedy(model, 10);
        GenerationOptions o = GenerationOptions.defaults().withMaxTokens(10);
        assertThat(LanguageModelFlux.tokens(model, PROMPT, o, Set.of()).collectList().block(TestSupport.TIMEOUT)).isEqualTo(expected);
        int eos = expected.get(3);
        List<Integer> untilEos = expected.subList(0, expected.indexOf(eos));
        assertThat(LanguageModelFlux.tokens(model, PROMPT, o, Set.of(eos)).collectList().block(TestSupport.TIMEOUT)).isEqualTo(untilEos);
        assertThat(LanguageModelFlux.tokens(model, PROMPT, o.withIgnoreEos(true), Set.of(eos)).collectList().block(TestSupport.TIMEOUT))
                .isEqualTo(expected);
    }

    @Test
    void oneTokenAtATimeAndACancelFreesTheCaches() {
        Llama model = model(97);
        List<Integer> expected = greedy(model, 4);
        long baseline = TestSupport.settledMemory();
        StepVerifier.create(LanguageModelFlux.tokens(model, PROMPT, GenerationOptions.defaults().withMaxTokens(200), Set.of()), 0)
                .thenRequest(1).expectNext(expected.get(0))
                .thenRequest(1).expectNext(expected.get(1))
                .thenRequest(2).expectNext(expected.get(2), expected.get(3))
                .thenCancel()
                .verify(TestSupport.TIMEOUT);
        TestSupport.awaitMemory(baseline);
        assertThat(Memory.activeMemory()).isLessThanOrEqualTo(baseline);
    }

    @Test
    void textPiecesJoinToTheSynchronousTextWithStopStrings(@TempDir Path dir) throws Exception {
        Path tokenizer = Path.of("../mlx-lm/src/test/resources/golden/tokenizer/llama3");
        Llama model = model(600); // the tokenizer's vocabulary size
        model.saveWeights(dir.resolve("model.safetensors"));
        model.config().save(dir.resolve("config.json"));
        for (String f : List.of("tokenizer.json", "tokenizer_config.json")) Files.copy(tokenizer.resolve(f), dir.resolve(f));
        LoadedModel loaded = LoadedModel.load(dir);
        GenerationOptions o = GenerationOptions.defaults().withMaxTokens(30).withIgnoreEos(true);
        GenerationResult free = TextGenerator.generate(loaded, PROMPT, o, null);
        String stop = free.text().substring(free.text().length() / 2, free.text().length() / 2 + 2);
        for (GenerationOptions options : List.of(o, o.withStopStrings(List.of(stop)))) {
            String expected = TextGenerator.generate(loaded, PROMPT, options, null).text();
            String joined = String.join("", LanguageModelFlux.text(loaded, PROMPT, options).collectList().block(TestSupport.TIMEOUT));
            assertThat(joined).isEqualTo(expected);
        }
    }

    private static List<Integer> greedy(Llama model, int[] prompt, int n) {
        try (TokenGenerator g = new TokenGenerator(new DecodeStep(model, GenerationOptions.defaults()), prompt, n)) {
            List<Integer> out = new java.util.ArrayList<>();
            while (g.hasNext()) out.add(g.next());
            return out;
        }
    }

    @Test
    void batchedStreamsEachEqualTheirSequenceAloneAndASlowOneStallsNoOther() {
        Llama model = model(97);
        try (BatchGenerator batch = new BatchGenerator(model, 8)) {
            // a subscriber that takes one id and then nothing more: its sequence pauses after 2 buffered ids
            List<Integer> slowIds = new java.util.concurrent.CopyOnWriteArrayList<>();
            var slow = new reactor.core.publisher.BaseSubscriber<Integer>() {
                @Override
                protected void hookOnSubscribe(org.reactivestreams.Subscription s) { s.request(1); }

                @Override
                protected void hookOnNext(Integer id) { slowIds.add(id); }
            };
            LanguageModelFlux.batched(batch, new int[] {9, 8, 7}, GenerationOptions.defaults().withMaxTokens(50), Set.of(), 2).subscribe(slow);
            List<Flux<List<Integer>>> streams = new java.util.ArrayList<>();
            List<List<Integer>> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int[] prompt = {i + 1, 2 * i + 3, 50 - i};
                GenerationOptions o = GenerationOptions.defaults().withMaxTokens(5 + i);
                expected.add(greedy(model, prompt, 5 + i));
                streams.add(LanguageModelFlux.batched(batch, prompt, o, Set.of(), 4).collectList().flux());
            }
            List<List<Integer>> got = Flux.mergeSequential(streams).collectList().block(TestSupport.TIMEOUT);
            assertThat(got).isEqualTo(expected);
            assertThat(slowIds).hasSize(1).containsExactly(greedy(model, new int[] {9, 8, 7}, 1).get(0));
            slow.cancel();
            TestSupport.await("the cancelled sequence leaves the batch", () -> batch.activeRows() == 0);
        }
    }
}
