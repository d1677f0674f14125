package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Exact counts and memory for {@link MlxMono}: a Mono builds its graph once per subscription, so a flux of
 * them through {@code concatMap} builds graph i only after result i-1 was delivered, and a cancel at result n
 * leaves exactly n+1 graphs built. Every built graph is held by the test: memory comes back only by closing.
 */
class MlxMonoLifecycleTest {
    private static final int WIDTH = 40;
    private final List<Array> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger built = new AtomicInteger();

    @RegisterExtension
    final MemoryBaseline memory = new MemoryBaseline();

    /**
     * Runs before the baseline check: a result closed before it was ever evaluated (cancelled, or left in an
     * operator's queue) keeps its graph, weak scalars among it, while a handle to it is reachable; dropping
     * the handles lets the collector take the scalars back.
     */
    @AfterEach
    void dropHandles() {
        held.clear();
    }

    private static float[] data(int i) {
        Random r = new Random(31L * i + 3);
        float[] d = new float[WIDTH];
        for (int k = 0; k < WIDTH; k++) d[k] = (float) (r.nextDouble() * 6 - 3);
        return d;
    }

    /** float64 reference of the graph: x^3 / 4 - 2 x. */
    private static double[] reference(int i) {
        float[] d = data(i);
        double[] r = new double[WIDTH];
        for (int k = 0; k < WIDTH; k++) r[k] = (double) d[k] * d[k] * d[k] / 4 - 2.0 * d[k];
        return r;
    }

    private Array graph(int i) {
        built.incrementAndGet();
        Array x = Mx.array(data(i), WIDTH);
        Array out = x.multiply(x).multiply(x).divide(4.0).subtract(x.multiply(2.0));
        held.add(x);
        held.add(out);
        return out;
    }

    private Mono<Array> mono(int i) {
        return MlxMono.fromGraph(() -> {
            Array out = graph(i);
            return out;
        });
    }

    /** Results of graphs 0, 1, ... one Mono at a time; the inputs are closed once each result is computed. */
    private Flux<Array> results() {
        return Flux.range(0, 1000).concatMap(this::mono, 1);
    }

    private static void check(int i, Array a) {
        double[] ref = reference(i);
        float[] got = a.toFloatArray();
        for (int k = 0; k < WIDTH; k++) assertThat((double) got[k]).as("result %d[%d]", i, k).isCloseTo(ref[k], within(1e-4));
    }

    private void checkAndCloseAll(List<Array> results) {
        for (int i = 0; i < results.size(); i++) check(i, results.get(i));
        held.forEach(Array::close); // inputs, and the results (the subscriber's once delivered)
    }

    @ParameterizedTest(name = "takeUntil at {0}")
    @ValueSource(ints = {0, 3, 12})
    void takeUntilBuildsExactlyTheGraphsDelivered(int n) {
        AtomicInteger seen = new AtomicInteger();
        List<Array> got = results().takeUntil(a -> seen.getAndIncrement() == n).collectList().block(TIMEOUT);
        assertThat(got).hasSize(n + 1);
        assertThat(built.get()).isEqualTo(n + 1);
        checkAndCloseAll(got);
    }

    @Test
    void nextBuildsOneGraph() {
        Array first = results().next().block(TIMEOUT);
        check(0, first);
        assertThat(built.get()).isEqualTo(1);
        held.forEach(Array::close);
    }

    @Test
    void aBaseSubscriberCancellingInHookOnNextGetsNothingMore() throws InterruptedException {
        int n = 6;
        CancelAtSubscriber<Array> subscriber = new CancelAtSubscriber<>(n + 1);
        results().subscribe(subscriber);
        assertThat(subscriber.awaitFinished()).isTrue();
        assertThat(subscriber.got).hasSize(n + 1);
        assertThat(subscriber.afterCancel.get()).isZero();
        assertThat(built.get()).isEqualTo(n + 1);
        checkAndCloseAll(subscriber.got);
    }

    @Test
    void aCancelFromAnotherThreadWhileBuildingClosesTheGraphOnceComputed() throws InterruptedException {
        CountDownLatch inBuild = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Array> got = new CopyOnWriteArrayList<>();
        List<Array> outputs = new CopyOnWriteArrayList<>();
        Disposable d = MlxMono.fromGraph(() -> {
                    inBuild.countDown();
                    await(release);
                    Array out = graph(0);
                    outputs.add(out);
                    return out;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(got::add);
        assertThat(inBuild.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        d.dispose();
        release.countDown();
        TestSupport.await("the graph built", () -> outputs.size() == 1);
        TestSupport.await("the cancelled result closed", () -> TestSupport.node(outputs.get(0)).data() == null);
        assertThat(got).isEmpty();
        assertThat(built.get()).isEqualTo(1);
        held.forEach(Array::close);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"take", "limitRate(1)", "publishOn(single, 1)"})
    void boundedShapesBuildOnlyWhatIsDelivered(String shape) {
        int n = 7;
        Function<Flux<Array>, Flux<Array>> f = switch (shape) {
            case "take" -> x -> x.take(n);
            case "limitRate(1)" -> x -> x.limitRate(1).take(n);
            default -> x -> x.publishOn(Schedulers.single(), 1).take(n);
        };
        List<Array> got = results().transform(f).collectList().block(TIMEOUT);
        assertThat(got).hasSize(n);
        if (shape.startsWith("publishOn")) {
            // publishOn may hold one more result in its queue, subscribed before take's cancel reached it
            TestSupport.await("the last graph settled", () -> built.get() == held.size() / 2);
            assertThat(built.get()).isBetween(n, n + 1);
        } else {
            assertThat(built.get()).isEqualTo(n);
        }
        checkAndCloseAll(got);
    }

    @Test
    void aFailingSupplierFailsWithNothingBuiltAfterIt() {
        int failAt = 3;
        List<Array> got = new CopyOnWriteArrayList<>();
        Throwable e = Flux.range(0, 100).concatMap(i -> MlxMono.fromGraph(() -> {
                    if (i == failAt) {
                        built.incrementAndGet();
                        throw new IllegalStateException("supplier fails at " + failAt);
                    }
                    return graph(i);
                }), 1)
                .doOnNext(got::add).then().materialize().block(TIMEOUT).getThrowable();
        assertThat(e).hasMessage("supplier fails at " + failAt);
        assertThat(got).hasSize(failAt);
        assertThat(built.get()).isEqualTo(failAt + 1);
        checkAndCloseAll(got);
    }

    @Test
    void aFailingKernelFailsWithNothingBuiltAfterIt() {
        int failAt = 2;
        Array closed = TestSupport.closedInput();
        List<Array> got = new CopyOnWriteArrayList<>();
        Throwable e = Flux.range(0, 100).concatMap(i -> MlxMono.fromGraph(() -> {
                    if (i == failAt) {
                        built.incrementAndGet();
                        return closed.multiply(2.0);
                    }
                    return graph(i);
                }), 1)
                .doOnNext(got::add).then().materialize().block(TIMEOUT).getThrowable();
        assertThat(e).hasMessageContaining("closed");
        assertThat(got).hasSize(failAt);
        assertThat(built.get()).isEqualTo(failAt + 1);
        checkAndCloseAll(got);
    }

    @Test
    void cancellingEvalDropsInterestOnlyAndLeavesTheTreeToTheCaller() {
        for (int i = 0; i < 10; i++) {
            Array out = graph(i);
            MlxMono.eval(out).subscribe().dispose();
            check(i, out); // still the caller's, computed and readable
        }
        held.forEach(Array::close);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
