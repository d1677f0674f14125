package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class GenerationTest {
    private ToyModel model;
    private long baseline;

    @BeforeEach
    void setUp() {
        model = new ToyModel(32, 16, 7);
        Mx.eval(model.embedding, model.wIn, model.wRec, model.wOut);
        baseline = Memory.activeMemory();
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    private static int[] ints(List<Array> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) out[i] = tokens.get(i).intValue();
        return out;
    }

    private static void closeAll(List<Array> tokens) {
        tokens.forEach(Array::close);
    }

    /** Bytes of one buffer of {@code elements} 4-byte values, as the allocator rounds it (64-byte blocks). */
    private static long buffer(long elements) {
        return (elements * 4 + 63) / 64 * 64;
    }

    @Test
    void generatesTheReferenceSequenceAndReportsASummary() {
        baseline = TestSupport.settledMemory(); // handles forgotten by earlier tests are returned first
        Memory.resetPeakMemory();
        List<GenerationSummary> summaries = new CopyOnWriteArrayList<>();
        List<Array> tokens = model.generation(3).maxSteps(24).flux()
                .contextWrite(Generation.summaryTo(summaries::add))
                .collectList().block(TIMEOUT);
        long processPeak = Memory.peakMemory(); // nothing has been allocated since the run ended
        assertThat(tokens).hasSize(24);
        model.checkSequence(3, ints(tokens));
        assertThat(summaries).hasSize(1);
        GenerationSummary s = summaries.get(0);
        assertThat(s.end()).isEqualTo(GenerationSummary.End.COMPLETED);
        assertThat(s.tokens()).isEqualTo(24);
        assertThat(s.steps()).as("maxSteps: no step beyond the last token").isEqualTo(24);
        assertThat(s.tokensPerSecond()).isPositive();
        assertThat(s.elapsed()).isPositive();
        assertThat(s.timeToFirstToken()).isLessThanOrEqualTo(s.elapsed());
        // memory bounds from the sizes: the 24 emitted tokens (int32 [1]) are all held by collectList at the
        // end; besides them at most the state and the intermediates of the step being awaited and of the one
        // step in flight: x, x W, h V, their sum, tanh (each [1, H]), the logits [1, V] and the token
        int h = model.hiddenSize, v = model.vocab;
        long tokensHeld = 24 * buffer(1);
        long perStep = 5 * buffer(h) + buffer(v) + buffer(1);
        long bound = tokensHeld + buffer(1) + buffer(h) + 2 * perStep;
        assertThat(s.peakActiveMemory() - baseline).as("peak active memory above the model's weights")
                .isBetween(tokensHeld, bound);
        assertThat(s.peakMemory()).as("process peak: at least the step-boundary peak")
                .isGreaterThanOrEqualTo(s.peakActiveMemory());
        assertThat(s.peakMemory()).as("Memory.peakMemory() when the run ended").isEqualTo(processPeak);
        assertThat(s.peakMemory() - baseline).as("process peak, reset before the run").isLessThanOrEqualTo(bound);
        assertThat(model.stepsBuilt.get()).isEqualTo(24);
        closeAll(tokens);
        assertThat(Memory.activeMemory()).as("states released once the run ends").isEqualTo(baseline);
    }

    @Test
    void summaryIsReadableBeforeOnComplete() {
        AtomicReference<GenerationSummary> summary = new AtomicReference<>();
        AtomicReference<GenerationSummary> seenAtComplete = new AtomicReference<>();
        model.generation(1).maxSteps(5).flux(Array::intValue)
                .doOnComplete(() -> seenAtComplete.set(summary.get()))
                .contextWrite(Generation.summaryTo(summary::set))
                .blockLast(TIMEOUT);
        assertThat(seenAtComplete.get()).isNotNull();
        assertThat(seenAtComplete.get().tokens()).isEqualTo(5);
    }

    @Test
    void computesAtMostOneStepBeyondDemand() {
        List<Array> got = new ArrayList<>();
        StepVerifier.Step<Array> v = StepVerifier.create(model.generation(5).flux(), 0)
                .then(() -> sleep(50))
                .then(() -> assertThat(model.stepsBuilt.get()).as("nothing before the first request").isZero());
        for (int i = 1; i <= 6; i++) {
            int n = i;
            v = v.thenRequest(1)
                    .assertNext(got::add)
                    .then(() -> sleep(30))
                    .then(() -> assertThat(model.stepsBuilt.get()).as("steps after %d requested", n).isEqualTo(n + 1L));
        }
        v.thenCancel().verify(TIMEOUT);
        model.checkSequence(5, ints(got));
        closeAll(got);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void keepsExactlyOneStepInFlightAheadOfTheAwaitedToken() {
        // with unbounded demand, when token n is emitted steps n+1 and n+2 have been started, never n+3
        List<Long> startedAtEmission = new CopyOnWriteArrayList<>();
        model.generation(2).maxSteps(20).flux(Array::intValue)
                .doOnNext(t -> startedAtEmission.add(model.stepsBuilt.get()))
                .blockLast(TIMEOUT);
        TestSupport.awaitMemory(baseline);
        for (int n = 0; n < startedAtEmission.size(); n++) {
            assertThat(startedAtEmission.get(n)).as("started when token %d is emitted", n)
                    .isBetween((long) Math.min(n + 2, 20), (long) Math.min(n + 2, 20));
        }
    }

    @Test
    void stopsWithinOneStepOnCancelAndReleasesItsState() {
        List<GenerationSummary> summaries = new CopyOnWriteArrayList<>();
        List<Array> tokens = model.generation(9).flux()
                .take(4)
                .contextWrite(Generation.summaryTo(summaries::add))
                .collectList().block(TIMEOUT);
        assertThat(tokens).hasSize(4);
        TestSupport.await("summary after cancel", () -> !summaries.isEmpty());
        GenerationSummary s = summaries.get(0);
        assertThat(s.end()).isEqualTo(GenerationSummary.End.CANCELLED);
        assertThat(s.tokens()).isEqualTo(4);
        assertThat(s.steps()).as("take(4) requests 4: at most one more step").isLessThanOrEqualTo(5);
        sleep(50);
        assertThat(model.stepsBuilt.get()).isLessThanOrEqualTo(5);
        closeAll(tokens);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void untilStopsAfterTheMatchingToken() {
        List<Array> all = model.generation(4).maxSteps(40).flux().collectList().block(TIMEOUT);
        int[] seq = ints(all);
        closeAll(all);
        int stopToken = seq[6];
        int firstIndex = 0;
        while (seq[firstIndex] != stopToken) firstIndex++;
        model.stepsBuilt.set(0);
        List<Array> cut = model.generation(4).maxSteps(40).until(t -> t.intValue() == stopToken).flux().collectList().block(TIMEOUT);
        assertThat(cut).hasSize(firstIndex + 1);
        assertThat(ints(cut)[firstIndex]).isEqualTo(stopToken);
        assertThat(model.stepsBuilt.get()).isLessThanOrEqualTo(firstIndex + 3L);
        closeAll(cut);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void worksUnderLimitRatePublishOnTakeTimeoutAndBuffering() {
        Flux<Integer> gen = model.generation(6).maxSteps(30).flux(Array::intValue);
        int[] expected = gen.collectList().block(TIMEOUT).stream().mapToInt(Integer::intValue).toArray();
        model.checkSequence(6, expected);
        List<Flux<Integer>> variants = List.of(
                gen.limitRate(1),
                gen.publishOn(Schedulers.single(), 1),
                gen.publishOn(Schedulers.boundedElastic(), 2).limitRate(1),
                gen.timeout(Duration.ofSeconds(10)),
                gen.onBackpressureBuffer(64).publishOn(Schedulers.parallel(), 1),
                gen.onBackpressureBuffer().publishOn(Schedulers.parallel(), 1),
                gen.onBackpressureBuffer().limitRate(1).publishOn(Schedulers.single(), 1).take(30));
        for (Flux<Integer> f : variants) {
            StepVerifier.create(f).expectNext(box(expected)).expectComplete().verify(TIMEOUT);
        }
        StepVerifier.create(gen.take(7)).expectNext(box(java.util.Arrays.copyOf(expected, 7))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(gen.limitRate(1).take(3).publishOn(Schedulers.single(), 1))
                .expectNext(expected[0], expected[1], expected[2]).expectComplete().verify(TIMEOUT);
        TestSupport.awaitMemory(baseline);
    }

    private static Integer[] box(int[] a) {
        Integer[] b = new Integer[a.length];
        for (int i = 0; i < a.length; i++) b[i] = a[i];
        return b;
    }

    @Test
    void concurrentSubscribersEachRunTheirOwnGeneration() {
        Flux<Integer> gen = model.generation(11).maxSteps(16).flux(Array::intValue);
        List<List<Integer>> runs = Flux.range(0, 6)
                .flatMap(i -> gen.subscribeOn(Schedulers.parallel()).collectList(), 6)
                .collectList().block(TIMEOUT);
        assertThat(runs).hasSize(6);
        for (List<Integer> r : runs) {
            assertThat(r).hasSize(16);
            model.checkSequence(11, r.stream().mapToInt(Integer::intValue).toArray()); // each run, against float64
        }
        for (List<Integer> r : runs) assertThat(r).isEqualTo(runs.get(0));
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void aFailingStepFunctionSignalsOnErrorAndReleasesState() {
        AtomicInteger calls = new AtomicInteger();
        List<GenerationSummary> summaries = new CopyOnWriteArrayList<>();
        Generation<ToyModel.State, Array> g = Generation.of(() -> model.initial(1), s -> {
            if (calls.incrementAndGet() == 4) throw new IllegalStateException("step exploded");
            return model.step(s);
        });
        StepVerifier.create(g.flux(Array::intValue).contextWrite(Generation.summaryTo(summaries::add)))
                .expectNextCount(2)
                .expectErrorMessage("step exploded")
                .verify(TIMEOUT);
        assertThat(summaries).singleElement().extracting(GenerationSummary::end).isEqualTo(GenerationSummary.End.FAILED);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void aFailingKernelSignalsOnError() {
        Array bad = TestSupport.closedInput();
        List<GenerationSummary> summaries = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Generation<ToyModel.State, Array> g = Generation.of(() -> model.initial(1), s -> {
            Step<ToyModel.State, Array> st = model.step(s);
            if (calls.incrementAndGet() != 3) return st;
            return Step.of(st.token().add(Mx.sum(bad).astype(st.token().dtype())), st.state()); // step 2's kernel fails
        });
        StepVerifier.create(g.flux(Array::intValue).contextWrite(Generation.summaryTo(summaries::add)))
                .expectNextCount(2)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("closed"))
                .verify(TIMEOUT);
        assertThat(summaries).singleElement().extracting(GenerationSummary::end).isEqualTo(GenerationSummary.End.FAILED);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void blockingEvaluationInsideAStepIsRejected() {
        Generation<ToyModel.State, Array> g = Generation.of(() -> model.initial(1), s -> {
            Mx.eval(s.hidden()); // a blocking evaluation: not allowed while building
            return model.step(s);
        });
        StepVerifier.create(g.flux())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("generation"))
                .verify(TIMEOUT);
    }

    @Test
    void emptyGenerationCompletesWithoutDemand() {
        StepVerifier.create(model.generation(1).maxSteps(0).flux(), 0).expectComplete().verify(TIMEOUT);
        assertThat(model.stepsBuilt.get()).isZero();
    }

    @Test
    void readModeOwnsAndReleasesEveryArray() {
        List<Integer> got = model.generation(8).maxSteps(12).flux(Array::intValue).collectList().block(TIMEOUT);
        assertThat(got).hasSize(12);
        model.checkSequence(8, got.stream().mapToInt(Integer::intValue).toArray());
        assertThat(Memory.activeMemory()).isEqualTo(baseline);
    }

    @Test
    void cancelledReadModeReleasesEverything() {
        List<Integer> got = model.generation(8).flux(Array::intValue).take(3).collectList().block(TIMEOUT);
        assertThat(got).hasSize(3);
        TestSupport.awaitMemory(baseline);
        assertThat(model.stepsBuilt.get()).isLessThanOrEqualTo(4);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
