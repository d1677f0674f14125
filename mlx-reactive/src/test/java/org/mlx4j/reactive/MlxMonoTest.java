package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.Device;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class MlxMonoTest {
    private long baseline;

    @BeforeEach
    void setUp() {
        baseline = Memory.activeMemory();
    }

    @Test
    void evaluatesATreeAndEmitsIt() {
        Array a = TestSupport.vector(1, 5);
        Array b = a.multiply(a);
        Map<String, Object> tree = Map.of("sq", b, "list", List.of(a.add(a)));
        StepVerifier.create(MlxMono.eval(tree))
                .assertNext(t -> {
                    assertThat(t).isSameAs(tree);
                    assertThat(((Array) t.get("sq")).toFloatArray()).containsExactly(1, 4, 9, 16, 25);
                    assertThat(((Array) ((List<?>) t.get("list")).get(0)).toFloatArray()).containsExactly(2, 4, 6, 8, 10);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    record Batch(String id, Array x, java.util.Optional<Array> y) { }

    /**
     * Every container kind the one tree walk ({@code org.mlx4j.utils.Tree}) accepts: each array of the tree is
     * available when the tree is emitted, with its float64 reference values; leaves that are not arrays are ignored.
     */
    @Test
    void evaluatesEveryContainerKind() {
        java.util.Random rng = new java.util.Random(5);
        Map<String, java.util.function.Function<List<Array>, Object>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("map", a -> Map.of("a", a.get(0), "b", a.get(1)));
        kinds.put("list", a -> List.of(a.get(0), a.get(1)));
        kinds.put("Array[]", a -> a.toArray(new Array[0]));
        kinds.put("record", a -> new Batch("b0", a.get(0), java.util.Optional.of(a.get(1))));
        kinds.put("Optional", a -> List.of(java.util.Optional.of(a.get(0)), java.util.Optional.of(a.get(1))));
        kinds.put("TreeLike", a -> (org.mlx4j.core.TreeLike) () -> Map.of("w", a.get(0), "b", a.get(1)));
        kinds.put("nested", a -> Map.of("step", 3, "batches", List.of(new Batch("b1", a.get(0), java.util.Optional.empty()),
                new Batch("b2", a.get(1), java.util.Optional.empty()))));
        kinds.forEach((name, make) -> {
            double[][] inputs = new double[2][];
            List<Array> arrays = new java.util.ArrayList<>();
            for (int k = 0; k < 2; k++) {
                int n = 2 + rng.nextInt(5);
                float[] f = new float[n];
                inputs[k] = new double[n];
                for (int i = 0; i < n; i++) {
                    f[i] = rng.nextFloat() * 4 - 2;
                    inputs[k][i] = f[i];
                }
                arrays.add(Mx.array(f, n).square().add(1.0));
            }
            Object tree = make.apply(arrays);
            Object emitted = MlxMono.eval(tree).block(TIMEOUT);
            assertThat(emitted).as(name).isSameAs(tree);
            for (int k = 0; k < 2; k++) {
                assertThat(TestSupport.node(arrays.get(k)).isAvailable()).as("%s: array %d evaluated", name, k).isTrue();
                float[] got = arrays.get(k).toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    assertThat((double) got[i]).as("%s[%d][%d]", name, k, i)
                            .isCloseTo(inputs[k][i] * inputs[k][i] + 1, org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        });
    }

    @Test
    void isColdAndBuildsPerSubscription() {
        AtomicInteger builds = new AtomicInteger();
        Mono<Array> m = MlxMono.fromGraph(() -> {
            builds.incrementAndGet();
            return TestSupport.vector(0, 3).add(TestSupport.vector(10, 3));
        });
        assertThat(builds.get()).as("nothing before subscribe").isZero();
        List<Array> out = Flux.range(0, 3).concatMap(i -> m).collectList().block(TIMEOUT);
        assertThat(builds.get()).isEqualTo(3);
        assertThat(out).extracting(x -> x.toFloatArray()[2]).containsExactly(14f, 14f, 14f);
        out.forEach(Array::close);
    }

    @Test
    void deliversOnTheChosenSchedulerNotTheStreamThread() {
        AtomicReference<String> thread = new AtomicReference<>();
        MlxMono.eval(TestSupport.vector(0, 4).sum()).doOnNext(x -> thread.set(Thread.currentThread().getName())).block(TIMEOUT);
        assertThat(thread.get()).startsWith("parallel-");
        MlxMono.eval(TestSupport.vector(0, 4).sum(), Schedulers.single()).doOnNext(x -> thread.set(Thread.currentThread().getName())).block(TIMEOUT);
        assertThat(thread.get()).startsWith("single-");
    }

    @Test
    void aFailingKernelArrivesAsOnError() {
        Array bad = TestSupport.closedInput();
        StepVerifier.create(MlxMono.eval(bad.add(bad)), 0) // no demand needed for the error
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("closed"))
                .verify(TIMEOUT);
        StepVerifier.create(MlxMono.fromGraph(() -> bad.multiply(bad))).expectError(IllegalStateException.class).verify(TIMEOUT);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void aGraphSupplierThatThrowsOrEvaluatesFails() {
        StepVerifier.create(MlxMono.fromGraph(() -> {
                    throw new IllegalArgumentException("no graph");
                }))
                .expectErrorMessage("no graph")
                .verify(TIMEOUT);
        Array a = TestSupport.vector(0, 3);
        StepVerifier.create(MlxMono.fromGraph(() -> Mx.array(a.sum().floatValue())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("MlxMono.fromGraph"))
                .verify(TIMEOUT);
        StepVerifier.create(MlxMono.fromGraph(() -> null)).expectError(IllegalStateException.class).verify(TIMEOUT);
    }

    @Test
    void cancellingBeforeTheValueReleasesTheGraphItBuilt() {
        List<Array> built = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            MlxMono.fromGraph(() -> {
                        Array x = Mx.ones(256, 256);
                        Array y = x.matmul(x);
                        built.add(y);
                        return y;
                    })
                    .subscribe().dispose(); // cancels at once, usually before the kernel finishes
        }
        TestSupport.awaitMemory(baseline);
        assertThat(built).hasSize(20);
    }

    /** n x n floats uniform in [-1, 1), distinct per seed. */
    private static float[] randomMatrix(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] a = new float[n * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
        return a;
    }

    /** x x in float64. */
    private static double[] squareRef(float[] x, int n) {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double a = x[i * n + k];
                for (int j = 0; j < n; j++) out[i * n + j] += a * x[k * n + j];
            }
        }
        return out;
    }

    private static void assertMatches(float[] got, double[] ref, String what) {
        assertThat(got).as(what).hasSize(ref.length);
        for (int i = 0; i < ref.length; i++) {
            if (Math.abs(got[i] - ref[i]) > 1e-4 * (1 + Math.abs(ref[i]))) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + ref[i]);
            }
        }
    }

    @Test
    void cancellationDoesNotCorruptTheStream() {
        // distinct inputs per item: a stale or recycled buffer gives another item's values, not just the same ones
        int n = 96;
        Stream s = Mx.newStream(Device.cpu());
        List<float[]> inputs = new java.util.ArrayList<>();
        List<Array> ys = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            float[] xv = randomMatrix(n, 100 + i);
            inputs.add(xv);
            Array x = Mx.array(xv, n, n);
            Array y;
            try (var scope = Mx.withStream(s)) {
                y = x.matmul(x);
            }
            ys.add(y);
            MlxMono.eval(y).subscribe().dispose();
        }
        float[] last = randomMatrix(n, 200);
        Array z;
        try (var scope = Mx.withStream(s)) {
            Array x = Mx.array(last, n, n);
            z = x.matmul(x);
        }
        double[] zRef = squareRef(last, n);
        StepVerifier.create(MlxMono.eval(z)).assertNext(v -> assertMatches(v.toFloatArray(), zRef, "after the cancellations"))
                .expectComplete().verify(TIMEOUT);
        // the cancelled evaluations still leave each item with its own product
        for (int i = 0; i < ys.size(); i++) assertMatches(ys.get(i).toFloatArray(), squareRef(inputs.get(i), n), "item " + i);
    }

    @Test
    void concurrentSubscribersToTheSameArraySeeOneEvaluation() {
        Array x = TestSupport.vector(0, 100).multiply(TestSupport.vector(0, 100)).sum();
        Mono<Array> m = MlxMono.eval(x);
        List<Float> sums = Flux.range(0, 8).flatMap(i -> m.subscribeOn(Schedulers.parallel()).map(Array::floatValue), 8)
                .collectList().block(TIMEOUT);
        double ref = 0;
        for (int i = 0; i < 100; i++) ref += (double) i * i;
        for (float v : sums) assertThat((double) v).isEqualTo(ref);
    }

    @Test
    void streamSchedulerRunsTasksInOrderOnTheStreamThread() {
        Stream s = Mx.newStream(Device.cpu());
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        Flux.range(0, 50).publishOn(MlxSchedulers.of(s), 4)
                .doOnNext(i -> {
                    order.add(i);
                    threads.add(Thread.currentThread().getName());
                })
                .blockLast(Duration.ofSeconds(10));
        assertThat(order).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        assertThat(threads.stream().distinct().count()).isEqualTo(1);
        // the same thread that runs the stream's kernels: a task queued after a kernel sees its result
        AtomicReference<String> kernelThread = new AtomicReference<>();
        s.executor().execute(() -> kernelThread.set(Thread.currentThread().getName()));
        Mx.synchronize(s);
        assertThat(threads.get(0)).isEqualTo(kernelThread.get());
    }

    @Test
    void contextSelectsTheStream() {
        Stream s = Mx.newStream(Device.cpu());
        assertThat(Mono.deferContextual(ctx -> Mono.justOrEmpty(MlxContext.stream(ctx)))
                .contextWrite(MlxContext.withStream(s)).block(TIMEOUT)).isSameAs(s);
        Array v = MlxMono.fromGraph(() -> TestSupport.vector(0, 4).sum()).contextWrite(MlxContext.withStream(s)).block(TIMEOUT);
        assertThat(v.floatValue()).isEqualTo(6f);
    }
}
