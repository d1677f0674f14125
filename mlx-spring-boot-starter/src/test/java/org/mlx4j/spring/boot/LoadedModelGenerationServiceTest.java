package org.mlx4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlx4j.lm.generate.BatchGenerator;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.reactive.LanguageModelFlux;
import reactor.core.publisher.Flux;

class LoadedModelGenerationServiceTest {
    private static LoadedModel model;

    @BeforeAll
    static void load() { model = LoadedModel.load(Path.of("../models/kjv-llama")); }

    private static LoadedModelGenerationService service(SimpleMeterRegistry registry) {
        Admission admission = new Admission(4, 4, 1L << 30, 1);
        return new LoadedModelGenerationService(model, "kjv-llama", admission, new GenerationMetrics(registry, admission));
    }

    @Test
    void tokensJoinToMlxLmTextAndReportUsageAndMetrics() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LoadedModelGenerationService service = service(registry);
        int[] prompt = service.encode("And God said");
        GenerationOptions options = GenerationOptions.defaults().withMaxTokens(20).withTemperature(0.8).withSeed(3);
        AtomicReference<FinishedGeneration> finished = new AtomicReference<>();
        List<Token> tokens = service.generate(prompt, options, finished::set).collectList().block(Duration.ofSeconds(60));
        String expected = String.join("", LanguageModelFlux.text(model, prompt, options).collectList().block());
        assertThat(tokens.stream().map(Token::text).reduce("", String::concat)).isEqualTo(expected);
        assertThat(finished.get()).isEqualTo(new FinishedGeneration(prompt.length, tokens.size(), "length"));
        assertThat(registry.get("mlx4j.generation.tokens").counter().count()).isEqualTo(20);
        assertThat(registry.get("mlx4j.generation.time.to.first.token").timer().count()).isEqualTo(1);
        assertThat(service.admission().active()).isZero();
    }

    @Test
    void concurrentRequestsInTheContinuousBatchGetTheirSingleRequestTexts() {
        Admission admission = new Admission(8, 8, 1L << 30, 1);
        try (BatchGenerator batch = new BatchGenerator(model.model(), 8)) {
            LoadedModelGenerationService service = new LoadedModelGenerationService(model, "kjv-llama", admission,
                    new GenerationMetrics(new SimpleMeterRegistry(), admission), batch);
            List<String> prompts = List.of("And God said", "Blessed are the", "In the beginning", "Thus saith the LORD", "Jesus");
            List<Flux<String>> runs = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                int[] prompt = service.encode(prompts.get(i));
                GenerationOptions options = GenerationOptions.defaults().withMaxTokens(12 + 3 * i).withTemperature(0.8).withSeed(i);
                expected.add(String.join("", LanguageModelFlux.text(model, prompt, options).collectList().block()));
                runs.add(service.generate(prompt, options, f -> {}).map(Token::text).reduce("", String::concat).flux());
            }
            List<String> got = Flux.mergeSequential(runs).collectList().block(Duration.ofSeconds(120));
            assertThat(got).isEqualTo(expected);
            assertThat(admission.active()).isZero();
        }
    }

    @Test
    void aCancelStopsDecodingWithinOneStepAndReleasesTheAdmission() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LoadedModelGenerationService service = service(registry);
        GenerationOptions options = GenerationOptions.defaults().withMaxTokens(200).withIgnoreEos(true);
        List<Token> got = Collections.synchronizedList(new ArrayList<>());
        Flux<Token> tokens = service.generate(service.encode("In the beginning"), options, f -> {});
        tokens.take(5).doOnNext(got::add).blockLast(Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (service.admission().active() > 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(service.admission().active()).isZero();
        assertThat(got).hasSize(5);
        // Generation's contract: a cancel at token n leaves n + 2 steps started; counted tokens are delivered ones
        assertThat(registry.get("mlx4j.generation.tokens").counter().count()).isEqualTo(5);
        assertThat(registry.get("mlx4j.generation.cancelled").counter().count()).isEqualTo(1);
    }

    @Test
    void shutdownCancelsRunningStreamsAfterTheGraceAndRefusesNewOnes() {
        LoadedModelGenerationService service = service(new SimpleMeterRegistry());
        GenerationOptions options = GenerationOptions.defaults().withMaxTokens(250).withIgnoreEos(true);
        // a slow client: it asks for one token and no more
        AtomicReference<Boolean> longDone = new AtomicReference<>(false);
        service.generate(service.encode("Jesus wept"), options, f -> {}).limitRate(1)
                .subscribe(new reactor.core.publisher.BaseSubscriber<Token>() {
                    @Override protected void hookOnSubscribe(org.reactivestreams.Subscription s) { s.request(1); }
                    @Override protected void hookOnComplete() { longDone.set(true); }
                });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (service.admission().active() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        service.shutdown(Duration.ofMillis(100));
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (service.admission().active() > 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(service.admission().active()).isZero();
        assertThat(longDone.get()).isTrue();
        assertThatThrownBy(() -> service.generate(new int[] {0}, options, f -> {}).blockLast(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(Overloaded.class, e -> assertThat(e.status()).isEqualTo(503));
    }
}
