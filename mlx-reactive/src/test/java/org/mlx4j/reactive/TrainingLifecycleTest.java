package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Exact step counts and memory for {@link Training} (two steps in flight by default): when step n is
 * reported at most steps 0..n+1 have been built, and a cancel (from {@code onNext} or another thread) builds
 * no further step. Each batch is drawn from its own seed; losses and the final weights are checked against
 * a float64 replay of exactly the steps that were built.
 */
class TrainingLifecycleTest {
    private static final int F = 3;
    private static final int ROWS = 8;
    private static final int DEPTH = 2;
    private static final double[] TRUE_W = {1.25, -0.5, 2.0};
    private static final float LR = 0.05f;

    @RegisterExtension
    final MemoryBaseline memory = new MemoryBaseline();
    private TrainingTest.Sgd sgd;
    private final AtomicLong requested = new AtomicLong();
    private final CountDownLatch upstreamCancelled = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        sgd = new TrainingTest.Sgd(F, LR);
    }

    @AfterEach
    void tearDown() {
        sgd.w.close(); // then the baseline extension waits for memory to be back
    }

    private static double[][] batchX(int step) {
        Random r = new Random(4099L * step + 1);
        double[][] x = new double[ROWS][F];
        for (int i = 0; i < ROWS; i++) for (int j = 0; j < F; j++) x[i][j] = (float) r.nextGaussian();
        return x;
    }

    private static double[] batchY(double[][] x) {
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double t = 0;
            for (int j = 0; j < F; j++) t += x[i][j] * TRUE_W[j];
            y[i] = (float) t;
        }
        return y;
    }

    private static Map<String, Array> batch(int step) {
        double[][] x = batchX(step);
        double[] y = batchY(x);
        float[] xs = new float[ROWS * F];
        float[] ys = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < F; j++) xs[i * F + j] = (float) x[i][j];
            ys[i] = (float) y[i];
        }
        return Map.of("x", Mx.array(xs, ROWS, F), "y", Mx.array(ys, ROWS, 1));
    }

    /** float64 replay of steps 0..steps-1: the loss of each and the weights after the last. */
    private static double[][] replay(int steps) {
        double[] w = new double[F];
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            double[][] x = batchX(s);
            double[] y = batchY(x);
            double[] err = new double[ROWS];
            double loss = 0;
            for (int i = 0; i < ROWS; i++) {
                double p = 0;
                for (int j = 0; j < F; j++) p += x[i][j] * w[j];
                err[i] = p - y[i];
                loss += err[i] * err[i];
            }
            losses[s] = loss / ROWS;
            for (int j = 0; j < F; j++) {
                double g = 0;
                for (int i = 0; i < ROWS; i++) g += x[i][j] * err[i];
                w[j] -= LR * 2.0 / ROWS * g;
            }
        }
        return new double[][] {losses, w};
    }

    private Flux<Map<String, Array>> batches(int n) {
        return Flux.range(0, n).map(TrainingLifecycleTest::batch)
                .doOnRequest(requested::addAndGet)
                .doOnCancel(upstreamCancelled::countDown);
    }

    private Training<Map<String, Array>> training(TrainStep<Map<String, Array>> step) {
        return Training.of(step).releaseBatches(true).samplesPerBatch(b -> ROWS);
    }

    private Flux<TrainingStep> steps() {
        return batches(10_000).transform(training(sgd));
    }

    /** Checks the reported losses and the weights after the steps built (all evaluated once the loop ended). */
    private void check(List<TrainingStep> got) {
        int builtSteps = sgd.built.get();
        double[][] ref = replay(builtSteps);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).step()).isEqualTo(i);
            assertThat((double) got.get(i).loss()).as("loss %d", i).isCloseTo(ref[0][i], within(1e-4 * (1 + ref[0][i])));
        }
        Mx.eval(sgd.w);
        float[] w = sgd.w.toFloatArray();
        for (int j = 0; j < F; j++) assertThat((double) w[j]).as("w[%d] after %d steps", j, builtSteps).isCloseTo(ref[1][j], within(1e-4));
    }

    private void awaitUpstreamCancelled() throws InterruptedException {
        assertThat(upstreamCancelled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @ParameterizedTest(name = "takeUntil at step {0}")
    @ValueSource(ints = {0, 2, 9})
    void takeUntilBuildsNoStepAfterTheCancel(int n) throws InterruptedException {
        AtomicInteger builtAtCancel = new AtomicInteger();
        AtomicLong requestedAtCancel = new AtomicLong();
        List<TrainingStep> got = steps().takeUntil(s -> {
            if (s.step() != n) return false;
            builtAtCancel.set(sgd.built.get());
            requestedAtCancel.set(requested.get());
            return true;
        }).collectList().block(TIMEOUT);
        awaitUpstreamCancelled();
        assertThat(got).hasSize(n + 1);
        assertThat(sgd.built.get()).isEqualTo(builtAtCancel.get()).isBetween(n + 1, n + DEPTH);
        assertThat(requested.get()).isEqualTo(requestedAtCancel.get()).isBetween(n + 1L, (long) n + DEPTH);
        check(got);
    }

    @Test
    void nextReportsTheFirstStepOnly() throws InterruptedException {
        AtomicInteger builtAtCancel = new AtomicInteger();
        TrainingStep first = steps().doOnNext(s -> builtAtCancel.set(sgd.built.get())).next().block(TIMEOUT);
        awaitUpstreamCancelled();
        assertThat(first.step()).isZero();
        assertThat(sgd.built.get()).isEqualTo(builtAtCancel.get()).isBetween(1, DEPTH);
        check(List.of(first));
    }

    @Test
    void aBaseSubscriberCancellingInHookOnNextGetsNoFurtherStep() throws InterruptedException {
        int n = 5;
        AtomicInteger builtAtCancel = new AtomicInteger();
        CancelAtSubscriber<TrainingStep> subscriber = new CancelAtSubscriber<>(n + 1, () -> builtAtCancel.set(sgd.built.get()), s -> { });
        steps().subscribe(subscriber);
        awaitUpstreamCancelled();
        assertThat(subscriber.afterCancel.get()).isZero();
        assertThat(subscriber.got).hasSize(n + 1);
        assertThat(sgd.built.get()).isEqualTo(builtAtCancel.get()).isBetween(n + 1, n + DEPTH);
        check(subscriber.got);
    }

    @ParameterizedTest(name = "cancel while step {0} is built")
    @ValueSource(ints = {0, 4})
    void aCancelFromAnotherThreadMidStepBuildsNoFurtherStep(int k) throws InterruptedException {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TrainStep<Map<String, Array>> blocking = (step, b) -> {
            if (step == k) {
                inStep.countDown();
                await(release);
            }
            return sgd.apply(step, b);
        };
        List<TrainingStep> got = new CopyOnWriteArrayList<>();
        AtomicInteger afterCancel = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        BaseSubscriber<TrainingStep> subscriber = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            protected void hookOnNext(TrainingStep s) {
                if (cancelled.get()) afterCancel.incrementAndGet();
                got.add(s);
            }
        };
        batches(10_000).transform(training(blocking)).subscribe(subscriber);
        assertThat(inStep.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        cancelled.set(true);
        subscriber.cancel();
        release.countDown();
        awaitUpstreamCancelled();
        assertThat(sgd.built.get()).as("the step being built is the last one").isEqualTo(k + 1);
        assertThat(afterCancel.get()).isZero();
        assertThat(got.size()).isLessThanOrEqualTo(k);
        check(got);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"take", "limitRate(1)", "publishOn(single, 1)"})
    void boundedShapesBuildAtMostTheDepthBeyondTheStepsReported(String shape) throws InterruptedException {
        int n = 7;
        Function<Flux<TrainingStep>, Flux<TrainingStep>> f = switch (shape) {
            case "take" -> x -> x.take(n);
            case "limitRate(1)" -> x -> x.limitRate(1).take(n);
            default -> x -> x.publishOn(Schedulers.single(), 1).take(n);
        };
        AtomicInteger reported = new AtomicInteger();
        List<TrainingStep> got = steps().doOnNext(s -> reported.incrementAndGet()).transform(f).collectList().block(TIMEOUT);
        awaitUpstreamCancelled();
        assertThat(got).hasSize(n);
        int e = reported.get();
        boolean async = shape.startsWith("publishOn");
        assertThat(e).isBetween(n, async ? n + 1 : n);
        assertThat(sgd.built.get()).isBetween(e, e + (async ? DEPTH : DEPTH - 1));
        check(got);
    }

    @Test
    void aFailingStepFunctionBuildsNothingAfterIt() throws InterruptedException {
        int failAt = 4;
        List<TrainingStep> got = new CopyOnWriteArrayList<>();
        TrainStep<Map<String, Array>> failing = (step, b) -> {
            if (step == failAt) throw new IllegalStateException("step fails at " + failAt);
            return sgd.apply(step, b);
        };
        Throwable e = batches(10_000).transform(training(failing)).doOnNext(got::add).then().materialize().block(TIMEOUT).getThrowable();
        awaitUpstreamCancelled();
        assertThat(e).hasMessage("step fails at " + failAt);
        assertThat(sgd.built.get()).isEqualTo(failAt);
        assertThat(got.size()).isBetween(failAt + 1 - DEPTH, failAt);
        check(got);
    }

    @Test
    void aFailingKernelReportsEveryEarlierStepThenTheError() throws InterruptedException {
        int failAt = 3;
        Array closed = TestSupport.closedInput();
        List<TrainingStep> got = new CopyOnWriteArrayList<>();
        AtomicInteger builtAtError = new AtomicInteger();
        TrainStep<Map<String, Array>> failing = (step, b) -> {
            TrainStep.StepGraph g = sgd.apply(step, b);
            if (step != failAt) return g;
            return new TrainStep.StepGraph(g.loss().add(closed.sum()), g.state(), g.releaseAfter());
        };
        Throwable e = batches(10_000).transform(training(failing)).doOnNext(got::add)
                .doOnError(x -> builtAtError.set(sgd.built.get())).then().materialize().block(TIMEOUT).getThrowable();
        awaitUpstreamCancelled();
        assertThat(e).hasMessageContaining("closed");
        assertThat(got).hasSize(failAt);
        assertThat(sgd.built.get()).isEqualTo(builtAtError.get()).isBetween(failAt + 1, failAt + DEPTH);
        for (int i = 0; i < got.size(); i++) {
            assertThat((double) got.get(i).loss()).isCloseTo(replay(failAt)[0][i], within(1e-4 * (1 + replay(failAt)[0][i])));
        }
    }

    @Test
    void anUpstreamErrorEndsTheLoopAfterBuildingEveryBatchThatArrived() {
        int n = 6;
        IllegalArgumentException boom = new IllegalArgumentException("the batches fail after " + n);
        List<TrainingStep> got = new CopyOnWriteArrayList<>();
        Throwable e = batches(n).concatWith(Flux.error(boom)).transform(training(sgd)).doOnNext(got::add)
                .then().materialize().block(TIMEOUT).getThrowable();
        assertThat(e).isSameAs(boom);
        assertThat(sgd.built.get()).isEqualTo(n);
        assertThat(got.size()).isLessThanOrEqualTo(n);
        check(got);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
