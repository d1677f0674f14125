package org.mlx4j.core;

import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.graph.Scheduler;

class EvalTest {
    private static final java.util.Random RNG = new java.util.Random(7);

    private static float[] randomFloats(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = RNG.nextFloat() * 4 - 2;
        return a;
    }

    @Test
    void opsAreLazyUntilEvaluated() {
        Array x = Mx.array(randomFloats(6), 2, 3);
        long before = Scheduler.computedCount();
        Array y = x.exp().multiply(2.0).sum(1);
        assertThat(y.node().status()).isEqualTo(Node.Status.UNSCHEDULED);
        assertThat(y.shape()).containsExactly(2);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Scheduler.computedCount()).isEqualTo(before);
        Mx.eval(y);
        assertThat(y.node().status()).isEqualTo(Node.Status.AVAILABLE);
        assertThat(Scheduler.computedCount()).isGreaterThan(before);
    }

    @Test
    void evaluatedOutputsAreDetachedFromTheirInputs() {
        Array y = Mx.array(randomFloats(4)).add(1).multiply(3.0);
        assertThat(y.node().inputs()).isNotEmpty();
        Mx.eval(y);
        assertThat(y.node().inputs()).isEmpty();
    }

    @Test
    void aChainOf200000NodesEvaluatesWithoutStackOverflow() {
        Array x = Mx.array(new float[] {0.5f, -1f});
        for (int i = 0; i < 200_000; i++) x = x.add(1);
        assertThat(x.toFloatArray()).containsExactly(200_000.5f, 199_999f);
    }

    @Test
    void asyncEvalReturnsAtOnceAndCompletesOnTheStreamThread() throws Exception {
        Stream stream = Mx.newStream(Device.cpu());
        Array a = Mx.array(randomFloats(256 * 256), 256, 256).eval();
        Array y;
        try (var s = Mx.withStream(stream)) {
            y = a.matmul(a).sum();
        }
        // hold the stream: nothing scheduled on it after this task can run until the gate opens
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        stream.executor().execute(() -> {
            holding.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        // a blocking asyncEval would wait for the held stream forever: open the gate after a while so
        // that it fails below instead of hanging (the assertions do not depend on this delay)
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(gate::countDown, 30, TimeUnit.SECONDS);
        try {
            CompletableFuture<Void> f = Mx.asyncEval(y);
            assertThat(gate.getCount()).as("asyncEval returned while its stream was still held").isEqualTo(1);
            assertThat(f).as("not complete before the stream ran it").isNotDone();
            assertThat(y.node().isAvailable()).isFalse();
            AtomicReference<String> thread = new AtomicReference<>();
            CompletableFuture<Void> after = f.thenRun(() -> thread.set(Thread.currentThread().getName()));
            gate.countDown();
            after.get(30, TimeUnit.SECONDS);
            assertThat(y.node().isAvailable()).isTrue();
            // attached before completion, the continuation runs where the work completed: on the stream's thread
            assertThat(thread.get()).startsWith("mlx4j-stream-" + stream.index() + "-");
        } finally {
            gate.countDown();
            watchdog.shutdownNow();
        }
        double expected = 0;
        float[] av = a.toFloatArray();
        for (int i = 0; i < 256; i++) for (int j = 0; j < 256; j++) for (int k = 0; k < 256; k++) expected += (double) av[i * 256 + k] * av[k * 256 + j];
        assertThat(y.doubleValue()).isCloseTo(expected, within(1e-2 * Math.max(1, Math.abs(expected))));
    }

    @Test
    void workAlreadyScheduledIsNeverScheduledTwice() {
        Array y = Mx.array(randomFloats(1000));
        Array k = Mx.full(new int[] {1000}, 1.01, DType.FLOAT32).eval();
        for (int i = 0; i < 50; i++) y = y.multiply(k);
        long before = Scheduler.computedCount();
        CompletableFuture<Void> f1 = Mx.asyncEval(y);
        CompletableFuture<Void> f2 = Mx.asyncEval(y);
        Mx.eval(y);
        f1.join();
        f2.join();
        assertThat(Scheduler.computedCount() - before).isEqualTo(50);
    }

    @Test
    void evalAcceptsTreesOfArrays() {
        Array a = Mx.array(new float[] {1, 2}).add(1);
        Array b = Mx.array(new int[] {3}).multiply(2);
        Array c = Mx.array(new float[] {5}).negative();
        Mx.eval(Map.of("a", a, "rest", List.of(b, new Array[] {c})));
        assertThat(a.node().isAvailable() && b.node().isAvailable() && c.node().isAvailable()).isTrue();
        // leaves that are not arrays are ignored, as MLX's eval ignores them (tree_flatten(args, strict=false))
        Array d = Mx.array(new float[] {6}).negative();
        Mx.eval("not an array", Map.of("step", 3, "d", d));
        assertThat(d.node().isAvailable()).isTrue();
    }

    @Test
    void multiOutputPrimitivesComputeBothOutputsInOnePass() {
        Array a = Mx.array(new int[] {7, -7, 7, -7});
        Array b = Mx.array(new int[] {2, 2, -2, -2});
        List<Array> qr = Mx.divmod(a, b);
        long before = Scheduler.computedCount();
        Mx.eval(qr.get(0));
        assertThat(qr.get(1).node().isAvailable()).isTrue();
        assertThat(Scheduler.computedCount() - before).isEqualTo(1);
        assertThat(qr.get(0).toIntArray()).containsExactly(3, -4, -4, 3);
        assertThat(qr.get(1).toIntArray()).containsExactly(1, 1, -1, -1);
    }

    @Test
    void errorsReachEveryWaiterAndTheStreamKeepsWorking() {
        Array x = Mx.array(randomFloats(8));
        Array y = x.add(1);
        Array z = y.multiply(2.0);
        x.close(); // y's input is gone: computing y fails on the stream thread
        CompletableFuture<Void> f = Mx.asyncEval(z);
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> Mx.eval(z)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(y::toFloatArray).isInstanceOf(IllegalStateException.class);
        // unrelated work on the same stream is unaffected
        assertThat(Mx.array(new float[] {1, 2}).add(1).toFloatArray()).containsExactly(2, 3);
    }

    @Test
    void implicitEvaluationHappensInEveryGetter() {
        Array s = Mx.array(new float[] {1.5f, 2.5f}).sum();
        assertThat(s.floatValue()).isEqualTo(4f);
        assertThat(Mx.array(new float[] {2.5f}).multiply(2.0).doubleValue()).isEqualTo(5.0);
        assertThat(Mx.array(new int[] {3}).add(4).intValue()).isEqualTo(7);
        assertThat(Mx.array(new long[] {3}).add(4).longValue()).isEqualTo(7L);
        assertThat(Mx.array(new float[] {3}).greater(2.0).booleanValue()).isTrue();
        assertThat(Mx.array(new int[] {1, 2}).add(1).toIntArray()).containsExactly(2, 3);
        assertThat(Mx.array(new int[] {1, 2}).add(1).toLongArray()).containsExactly(2L, 3L);
        assertThat(Mx.array(new int[] {1, 2}).add(1).toDoubleArray()).containsExactly(2.0, 3.0);
        assertThat(Mx.array(new int[] {0, 2}).greater(1.0).toBooleanArray()).containsExactly(false, true);
        assertThat(Mx.array(new int[] {1, 2, 3, 4}, 2, 2).add(1).toList()).isEqualTo(List.of(List.of(2, 3), List.of(4, 5)));
        assertThat(Mx.array(new int[] {1, 2}).add(1).toString()).isEqualTo("array([2, 3], dtype=int32)");
        assertThatThrownBy(() -> Mx.array(new float[] {1, 2}).floatValue())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2,)");
    }

    @Test
    void readingAFreedIntermediateRecomputesIt() {
        Array x = Mx.array(new float[] {1, 2, 3});
        Array t = x.multiply(2.0); // an intermediate of y's eval, held by this handle
        Array y = t.add(1);
        Mx.eval(y);
        assertThat(y.toFloatArray()).containsExactly(3, 5, 7);
        assertThat(t.toFloatArray()).containsExactly(2, 4, 6);
    }

    @Test
    void exportToDotNamesEveryPrimitive() {
        Array a = Mx.array(randomFloats(4)), b = Mx.array(randomFloats(4)), c = Mx.array(randomFloats(4));
        Array y = a.multiply(b).add(c).exp();
        java.io.StringWriter w = new java.io.StringWriter();
        Mx.exportToDot(w, y);
        String dot = w.toString();
        assertThat(dot).startsWith("digraph").contains("Exp").contains("Add").contains("Multiply").contains("Constant")
                .contains("->");
        assertThat(dot.split("->").length - 1).isEqualTo(5);
    }

    @Test
    void noEvalStagesRejectBlockingEvaluationButAllowAsync() {
        Array x = Mx.array(randomFloats(4));
        assertThatThrownBy(() -> NoEval.run("loader stage", () -> x.add(1).toFloatArray()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("loader stage");
        assertThatThrownBy(() -> NoEval.run("transform", () -> { Mx.eval(x.add(1)); return null; }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transform").hasMessageContaining("Mx.eval");
        CompletableFuture<Void> f = NoEval.run("transform", () -> Mx.asyncEval(x.add(1)));
        f.join();
    }
}
