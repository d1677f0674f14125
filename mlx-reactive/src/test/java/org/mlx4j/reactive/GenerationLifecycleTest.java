package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Exact step counts and memory under every way a subscriber ends a generation: with unbounded demand, when
 * token n is emitted steps 0..n+1 have been started (one in flight ahead), and a cancel at token n, from
 * {@code onNext} or from another thread, starts nothing more: exactly n+2 steps, then memory back to baseline.
 */
class GenerationLifecycleTest {
    private ToyModel model;
    private long baseline;
    private int[] reference;

    @BeforeEach
    void setUp() {
        model = new ToyModel(32, 16, 11);
        Mx.eval(model.embedding, model.wIn, model.wRec, model.wOut);
        baseline = Memory.activeMemory();
        reference = model.generation(5).maxSteps(60).flux(Array::intValue).collectList().block(TIMEOUT)
                .stream().mapToInt(Integer::intValue).toArray();
        model.checkSequence(5, reference);
        model.stepsBuilt.set(0);
    }

    @AfterEach
    void tearDown() {
        TestSupport.awaitMemory(baseline);
        model.close();
    }

    private Flux<Integer> tokens() {
        return model.generation(5).flux(Array::intValue);
    }

    private void assertPrefix(List<Integer> got) {
        for (int i = 0; i < got.size(); i++) assertThat(got.get(i)).as("token %d", i).isEqualTo(reference[i]);
    }

    private GenerationSummary run(Function<Flux<Integer>, Flux<Integer>> shape, List<Integer> out) {
        List<GenerationSummary> summaries = new CopyOnWriteArrayList<>();
        shape.apply(tokens()).contextWrite(Generation.summaryTo(summaries::add)).doOnNext(out::add).blockLast(TIMEOUT);
        TestSupport.await("the run's summary", () -> !summaries.isEmpty());
        return summaries.get(0);
    }

    @ParameterizedTest(name = "cancel at token {0}")
    @ValueSource(ints = {0, 1, 7, 30})
    void aCancelInsideOnNextUnderUnboundedDemandStartsNoFurtherStep(int n) {
        List<Integer> got = new ArrayList<>();
        GenerationSummary s = run(f -> f.takeUntil(t -> got.size() == n), got);
        assertThat(got).hasSize(n + 1);
        assertPrefix(got);
        assertThat(s.end()).isEqualTo(GenerationSummary.End.CANCELLED);
        assertThat(s.steps()).as("steps 0..n+1: the one in flight, nothing after the cancel").isEqualTo(n + 2);
        assertThat(model.stepsBuilt.get()).isEqualTo(n + 2);
    }

    @Test
    void nextCancelsAfterTheFirstTokenWithExactlyTwoSteps() {
        Integer first = tokens().next().block(TIMEOUT);
        assertThat(first).isEqualTo(reference[0]);
        sleep(100);
        assertThat(model.stepsBuilt.get()).isEqualTo(2);
    }

    @Test
    void aBaseSubscriberCancellingInHookOnNextAfterRequestingUnboundedStopsAtOnce() throws InterruptedException {
        CancelAtSubscriber<Integer> subscriber = new CancelAtSubscriber<>(5);
        tokens().subscribe(subscriber);
        assertThat(subscriber.awaitFinished()).isTrue();
        List<Integer> got = subscriber.got;
        TestSupport.await("the in-flight step", () -> model.stepsBuilt.get() >= 6);
        sleep(30);
        assertThat(got).hasSize(5);
        assertPrefix(got);
        assertThat(model.stepsBuilt.get()).isEqualTo(6);
    }

    @Test
    void aCancelFromAnotherThreadMidStepStartsNothingNew() throws InterruptedException {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger built = new AtomicInteger();
        Generation<ToyModel.State, Array> gen = Generation.of(() -> model.initial(5), st -> {
            if (built.incrementAndGet() == 4) { // step 3 is being built when the cancel arrives
                inStep.countDown();
                await(release);
            }
            return model.step(st);
        });
        AtomicReference<Subscription> sub = new AtomicReference<>();
        List<Integer> got = new CopyOnWriteArrayList<>();
        List<GenerationSummary> summaries = new CopyOnWriteArrayList<>();
        gen.flux(Array::intValue).contextWrite(Generation.summaryTo(summaries::add)).subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                sub.set(s);
                s.request(Long.MAX_VALUE);
            }

            @Override
            protected void hookOnNext(Integer value) {
                got.add(value);
            }
        });
        assertThat(inStep.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        sub.get().cancel();
        release.countDown();
        TestSupport.await("the summary", () -> !summaries.isEmpty());
        sleep(30);
        assertThat(built.get()).as("the step being built finishes; none after it").isEqualTo(4);
        assertThat(summaries.get(0).end()).isEqualTo(GenerationSummary.End.CANCELLED);
        assertPrefix(got);
    }

    @Test
    void untilWithReadModeStopsAtTheEndTokenAsTheReadmeShows() {
        int eos = reference[9];
        int firstIndex = 0;
        while (reference[firstIndex] != eos) firstIndex++;
        List<Integer> got = model.generation(5).until(t -> t.intValue() == eos).flux(Array::intValue)
                .collectList().block(TIMEOUT);
        assertThat(got).hasSize(firstIndex + 1);
        assertPrefix(got);
        assertThat(got.get(firstIndex)).isEqualTo(eos);
        assertThat(model.stepsBuilt.get()).as("the end token's step and the one in flight").isEqualTo(firstIndex + 2);
    }

    @Test
    void untilReadsATokenThatNoStateHolds() {
        // the emitted token is an array of its own (as a model's sampled id often is), not part of the next state
        Generation<ToyModel.State, Array> gen = Generation.of(() -> model.initial(5), st -> {
            Step<ToyModel.State, Array> step = model.step(st);
            return Step.of(step.token().reshape(1, 1), step.state());
        });
        int eos = reference[6];
        int firstIndex = 0;
        while (reference[firstIndex] != eos) firstIndex++;
        List<Integer> got = gen.until(t -> t.intValue() == eos).flux(Array::intValue).collectList().block(TIMEOUT);
        assertThat(got).hasSize(firstIndex + 1);
        assertPrefix(got);
    }

    @Test
    void aFailingUntilPredicateSignalsOnErrorAndReleasesEverything() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> got = new CopyOnWriteArrayList<>();
        Throwable error = model.generation(5).until(t -> {
                    if (calls.incrementAndGet() == 3) throw new IllegalStateException("boom at 3");
                    return false;
                }).flux(Array::intValue)
                .doOnNext(got::add)
                .then().onErrorResume(e -> reactor.core.publisher.Mono.just(e).then(reactor.core.publisher.Mono.error(e)))
                .materialize().block(TIMEOUT).getThrowable();
        assertThat(error).hasMessage("boom at 3");
        assertThat(got).as("the failing token is not emitted").hasSize(2);
        assertPrefix(got);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"take", "limitRate(1)", "publishOn(single, 1)"})
    void boundedShapesStopWithinOneStepOfDemand(String shape) {
        int n = 12;
        Function<Flux<Integer>, Flux<Integer>> f = switch (shape) {
            case "take" -> x -> x.take(n);
            case "limitRate(1)" -> x -> x.limitRate(1).take(n);
            default -> x -> x.publishOn(Schedulers.single(), 1).take(n);
        };
        List<Integer> got = new CopyOnWriteArrayList<>();
        GenerationSummary s = run(f, got);
        assertThat(got).hasSize(n);
        assertPrefix(got);
        assertThat(s.end()).isEqualTo(GenerationSummary.End.CANCELLED);
        // take(n) requests n: at most one step beyond demand, and never more than one ahead of the token awaited
        assertThat(s.steps()).isBetween((long) n, (long) n + 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
