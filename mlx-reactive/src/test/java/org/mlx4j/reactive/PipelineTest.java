package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.Device;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class PipelineTest {
    private long baseline;

    @BeforeEach
    void setUp() {
        baseline = Memory.activeMemory();
    }

    /** out = x * 2 + x (float64 reference: 3x), built lazily. */
    private static Array triple(Array x) {
        return x.multiply(2).add(x);
    }

    /** n x n floats uniform in [-1, 1), distinct per seed. */
    private static float[] randomMatrix(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] a = new float[n * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
        return a;
    }

    private static float[] expectedTriple(int start, int n) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) r[i] = 3f * (start + i);
        return r;
    }

    @Test
    void emitsResultsInUpstreamOrder() {
        // items of very different sizes finish at different times; order must still hold
        int[] sizes = {4096, 3, 2048, 1, 777, 5, 1500, 2, 9, 3000, 17, 1};
        List<Array> inputs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) inputs.add(TestSupport.vector(i * 10, sizes[i]));
        List<Array> out = Flux.fromIterable(inputs).transform(Pipeline.of(PipelineTest::triple).depth(4)).collectList().block(TIMEOUT);
        assertThat(out).hasSize(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            assertThat(out.get(i).shape()).containsExactly(sizes[i]);
            assertThat(out.get(i).toFloatArray()).containsExactly(expectedTriple(i * 10, sizes[i]));
        }
        out.forEach(Array::close);
        inputs.forEach(Array::close);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void requestsUpstreamOnlyAsDemandAndDepthAllow() {
        List<Long> upstreamRequests = new CopyOnWriteArrayList<>();
        AtomicInteger built = new AtomicInteger();
        Flux<Integer> up = Flux.range(0, 100).doOnRequest(upstreamRequests::add);
        Pipeline<Integer, Array> stage = Pipeline.<Integer, Array>of(i -> {
            built.incrementAndGet();
            return Mx.array(new float[] {i}, 1).multiply(2);
        }).depth(3);
        List<Array> got = new ArrayList<>();
        StepVerifier.create(up.transform(stage), 0)
                .then(() -> sleep(50))
                .then(() -> assertThat(built.get()).as("no request, but prefetch up to depth").isLessThanOrEqualTo(3))
                .thenRequest(1)
                .assertNext(got::add)
                .then(() -> sleep(50))
                .then(() -> {
                    assertThat(built.get()).as("1 emitted + depth 3").isLessThanOrEqualTo(4);
                    assertThat(upstreamRequests.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(4);
                })
                .thenRequest(2)
                .assertNext(got::add)
                .assertNext(got::add)
                .then(() -> sleep(50))
                .then(() -> assertThat(built.get()).isLessThanOrEqualTo(6))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(got).extracting(Array::floatValue).containsExactly(0f, 2f, 4f);
        got.forEach(Array::close);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void neverHasMoreThanDepthInFlight() {
        AtomicInteger built = new AtomicInteger();
        AtomicInteger emitted = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        int n = 32;
        Pipeline<Integer, Array> stage = Pipeline.<Integer, Array>of(i -> {
            maxInFlight.accumulateAndGet(built.incrementAndGet() - emitted.get(), Math::max);
            Array x = Mx.array(randomMatrix(n, i), n, n); // distinct per item
            return x.matmul(x);
        }).depth(3);
        List<float[]> products = Flux.range(0, 60).transform(stage)
                .doOnNext(a -> emitted.incrementAndGet())
                .publishOn(Schedulers.single(), 2)
                .map(a -> {
                    float[] v = a.toFloatArray();
                    a.close();
                    return v;
                })
                .collectList().block(TIMEOUT);
        assertThat(products).hasSize(60);
        // each output is its own item's product, in order: a stale, recycled or reordered buffer shows
        for (int i = 0; i < 60; i++) {
            float[] x = randomMatrix(n, i);
            float[] got = products.get(i);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double ref = 0;
                    for (int k = 0; k < n; k++) ref += (double) x[r * n + k] * x[k * n + c];
                    if (Math.abs(got[r * n + c] - ref) > 1e-4 * (1 + Math.abs(ref))) {
                        throw new AssertionError("item " + i + " [" + r + ", " + c + "] is " + got[r * n + c] + ", expected " + ref);
                    }
                }
            }
        }
        assertThat(maxInFlight.get()).isBetween(1, 3);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void cancellationClosesResultsThatWereInFlight() {
        AtomicInteger built = new AtomicInteger();
        List<Array> outputs = new CopyOnWriteArrayList<>(); // reachable: only closing can return their memory
        Pipeline<Integer, Array> stage = Pipeline.<Integer, Array>of(i -> {
            built.incrementAndGet();
            Array out = Mx.full(new int[] {256, 256}, i, org.mlx4j.core.DType.FLOAT32).multiply(Mx.ones(256, 256));
            outputs.add(out);
            return out;
        }).depth(4);
        List<Array> got = Flux.range(0, 1000).transform(stage).take(5).collectList().block(TIMEOUT);
        assertThat(got).hasSize(5);
        assertThat(got.get(4).toFloatArray()[0]).isEqualTo(4f);
        assertThat(built.get()).isLessThanOrEqualTo(5 + 4);
        got.forEach(Array::close);
        TestSupport.awaitMemory(baseline);
        assertThat(outputs).hasSize(built.get());
    }

    @Test
    void aGraphFunctionThatEvaluatesIsRejectedNamingTheStage() {
        Pipeline<Array, Array> stage = Pipeline.<Array, Array>of(x -> {
            float v = x.add(1).floatValue(); // blocking: forbidden while building
            return Mx.array(v);
        }).named("normalise");
        StepVerifier.create(Flux.just(Mx.array(1f)).transform(stage))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("normalise"))
                .verify(TIMEOUT);
    }

    @Test
    void aFailingGraphFunctionCancelsUpstreamAndSignalsOnError() {
        AtomicLong cancelled = new AtomicLong();
        Pipeline<Integer, Array> stage = Pipeline.of(i -> {
            if (i == 3) throw new IllegalArgumentException("bad item 3");
            return Mx.array(new float[] {i}, 1).add(Mx.array(new float[] {1}, 1));
        });
        List<Array> seen = new CopyOnWriteArrayList<>();
        StepVerifier.create(Flux.range(0, 50).doOnCancel(cancelled::incrementAndGet).transform(stage).doOnNext(seen::add))
                .thenConsumeWhile(x -> true) // items 0..2 may or may not be out before the error (no delayError)
                .expectErrorMessage("bad item 3")
                .verify(TIMEOUT);
        assertThat(cancelled.get()).isEqualTo(1);
        assertThat(seen.size()).isLessThanOrEqualTo(3);
        seen.forEach(Array::close);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void aFailingKernelArrivesAsOnError() {
        Array bad = TestSupport.closedInput();
        List<Array> seen = new CopyOnWriteArrayList<>();
        StepVerifier.create(Flux.range(0, 10).transform(Pipeline.of(i -> i == 4 ? bad.add(bad) : Mx.ones(2, 2).multiply(i))).doOnNext(seen::add))
                .thenConsumeWhile(x -> true)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("closed"))
                .verify(TIMEOUT);
        assertThat(seen.size()).isLessThanOrEqualTo(4);
        seen.forEach(Array::close);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void upstreamErrorsPassThrough() {
        Flux<Array> up = Flux.concat(Flux.just(Mx.array(new float[] {1, 2}, 2)), Flux.error(new IllegalStateException("loader failed")));
        StepVerifier.create(up.transform(Pipeline.of((Array x) -> x.multiply(x))))
                .thenConsumeWhile(x -> x.toFloatArray()[1] == 4f)
                .expectErrorMessage("loader failed")
                .verify(TIMEOUT);
    }

    @Test
    void releaseInputsClosesWhatTheResultDoesNotHold() {
        List<Array> inputs = new ArrayList<>();
        for (int i = 0; i < 6; i++) inputs.add(TestSupport.vector(i, 1000));
        List<Array> out = Flux.fromIterable(inputs)
                .transform(Pipeline.of((Array x) -> x.multiply(x)).releaseInputs(true).depth(2))
                .collectList().block(TIMEOUT);
        for (int i = 0; i < 6; i++) {
            assertThat(out.get(i).toFloatArray()[1]).isEqualTo((i + 1f) * (i + 1f));
            int idx = i;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> inputs.get(idx).toFloatArray())
                    .as("input %d closed", i).isInstanceOf(IllegalStateException.class);
        }
        out.forEach(Array::close);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void memoryAwareDepthThrottlesWhileMemoryIsHighAndRecovers() {
        AtomicLong fakeActive = new AtomicLong(950); // high from the start: depth 1
        DepthPolicy policy = new DepthPolicy.MemoryAware(4, 1, 0.9, 0.5, fakeActive::get, () -> 1000);
        AtomicInteger built = new AtomicInteger();
        AtomicInteger emitted = new AtomicInteger();
        List<Integer> inFlightWhileHigh = new CopyOnWriteArrayList<>();
        List<Integer> inFlightWhileLow = new CopyOnWriteArrayList<>();
        Pipeline<Integer, Array> stage = Pipeline.<Integer, Array>of(i -> {
            int inFlight = built.incrementAndGet() - emitted.get();
            (fakeActive.get() >= 900 ? inFlightWhileHigh : inFlightWhileLow).add(inFlight);
            Array x = Mx.ones(32, 32);
            return x.matmul(x).sum();
        }).depth(policy);
        List<Array> got = new CopyOnWriteArrayList<>();
        StepVerifier.create(Flux.range(0, 40).transform(stage).doOnNext(x -> {
                    got.add(x);
                    emitted.incrementAndGet();
                }), 0)
                .thenRequest(10)
                .expectNextCount(10)
                .then(() -> fakeActive.set(600)) // between the marks: stays throttled
                .thenRequest(5)
                .expectNextCount(5)
                .then(() -> fakeActive.set(100)) // below the low mark: back to depth 4
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(25)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(got).hasSize(40);
        assertThat(inFlightWhileHigh).isNotEmpty().allMatch(n -> n <= 2); // the item being built plus at most one in flight
        assertThat(inFlightWhileLow.stream().mapToInt(Integer::intValue).max().orElse(0)).isBetween(2, 4);
        got.forEach(Array::close);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void concurrentSubscribersGetIndependentResults() {
        Flux<Float> f = Flux.range(0, 20).map(i -> Mx.array(new float[] {i}, 1))
                .transform(Pipeline.of((Array x) -> x.multiply(x)).depth(3).releaseInputs(true))
                .map(a -> {
                    float v = a.floatValue();
                    a.close();
                    return v;
                });
        List<List<Float>> runs = Flux.range(0, 5).flatMap(i -> f.subscribeOn(Schedulers.parallel()).collectList(), 5)
                .collectList().block(TIMEOUT);
        for (List<Float> r : runs) {
            assertThat(r).hasSize(20);
            for (int i = 0; i < 20; i++) assertThat(r.get(i)).isEqualTo((float) i * i);
        }
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void graphsAreBuiltOnTheChosenStream() {
        Stream s = Mx.newStream(Device.cpu());
        List<String> threads = new CopyOnWriteArrayList<>();
        // a task queued on the stream from inside the graph function shows which stream the stage uses
        Pipeline<Integer, Array> stage = Pipeline.of(i -> {
            threads.add(Thread.currentThread().getName());
            return Mx.array(new float[] {i}, 1).add(Mx.array(new float[] {1}, 1));
        });
        List<Float> viaOption = Flux.range(0, 3).transform(stage.on(s)).map(Array::floatValue).collectList().block(TIMEOUT);
        List<Float> viaContext = Flux.range(0, 3).transform(stage).map(Array::floatValue)
                .contextWrite(MlxContext.withStream(s)).collectList().block(TIMEOUT);
        assertThat(viaOption).containsExactly(1f, 2f, 3f);
        assertThat(viaContext).containsExactly(1f, 2f, 3f);
        assertThat(threads).allMatch(t -> t.startsWith("parallel-"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
