package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Streams as MLX has them: two streams run at the same time (one can finish an evaluation while the
 * other is held up), and an array made on one stream is read by another in place, with no copy.
 */
@Isolated
class StreamSemanticsTest {
    private final java.util.Random rng = new java.util.Random(5);

    private static String threadOf(Stream s) throws Exception {
        CompletableFuture<String> name = new CompletableFuture<>();
        s.executor().execute(() -> name.complete(Thread.currentThread().getName()));
        return name.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aStreamCompletesAnEvaluationWhileAnotherIsHeldUp() throws Exception {
        Stream held = Mx.newStream(Device.cpu()), free = Mx.newStream(Device.cpu());
        CountDownLatch entered = new CountDownLatch(1), release = new CountDownLatch(1);
        AtomicReference<String> heldThread = new AtomicReference<>();
        // a task on the held stream's thread that waits until released: its kernels queue up behind it
        held.executor().execute(() -> {
            heldThread.set(Thread.currentThread().getName());
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Sample a = sample(rng, DType.FLOAT32, -1, 1, 64, 64), b = sample(rng, DType.FLOAT32, -1, 1, 64, 64);
        Array onHeld;
        CompletableFuture<Void> heldEval;
        try {
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            try (var s = Mx.withStream(held)) {
                onHeld = a.array().exp().sum(0);
            }
            heldEval = Mx.asyncEval(onHeld);
            Array onFree;
            try (var s = Mx.withStream(free)) {
                onFree = b.array().multiply(2.0).sum(1);
            }
            // completes although the other stream cannot run anything (bounded, so a shared thread fails
            // the test instead of hanging it)
            Mx.asyncEval(onFree).get(30, TimeUnit.SECONDS);
            assertClose(onFree, DType.FLOAT32, new int[] {64}, mapRef(sumRef(b.values(), new int[] {64, 64}, 1), v -> 2 * v),
                    1e-5, 1e-5);
            assertThat(onFree.node().stream).isSameAs(free);
            assertThat(onHeld.node().stream).isSameAs(held);
            assertThat(heldEval).as("the held stream's work waits behind its blocked task").isNotDone();
            assertThat(onHeld.node().isAvailable()).isFalse();
            // each stream is its own thread, named after the stream
            assertThat(heldThread.get()).isEqualTo("mlx4j-stream-" + held.index() + "-cpu");
            assertThat(threadOf(free)).isEqualTo("mlx4j-stream-" + free.index() + "-cpu");
        } finally {
            release.countDown();
        }
        // released, the held stream runs the work queued behind the task
        heldEval.get(30, TimeUnit.SECONDS);
        assertClose(onHeld, DType.FLOAT32, new int[] {64}, sumRef(mapRef(a.values(), Math::exp), new int[] {64, 64}, 0),
                1e-5, 1e-5);
    }

    @Test
    void anArrayMadeOnOneStreamIsReadOnAnotherWithoutACopy() {
        Stream producer = Mx.newStream(Device.cpu()), consumer = Mx.newStream(Device.cpu());
        int n = 512; // 512 x 512 float32: 1 MiB
        Sample a = sample(rng, DType.FLOAT32, -1, 1, n, n);
        Array x;
        try (var s = Mx.withStream(producer)) {
            x = a.array().exp();
        }
        Mx.eval(x);
        assertThat(x.node().stream).isSameAs(producer);
        Mx.synchronize();
        Memory.reclaim();
        long base = Memory.activeMemory();
        Array view, sum;
        try (var s = Mx.withStream(consumer)) {
            view = x.transpose().reshape(n, n);
            sum = x.add(x);
        }
        // the consumer's nodes read the producer's node itself: no transfer node in between
        assertThat(sum.node().stream).isSameAs(consumer);
        assertThat(sum.node().inputs()).allSatisfy(in -> assertThat(in).isSameAs(x.node()));
        Mx.eval(view);
        assertThat(Memory.activeMemory()).as("a view on the other stream allocates nothing").isEqualTo(base);
        assertThat(view.node().data().buffer()).isSameAs(x.node().data().buffer());
        Mx.eval(sum);
        assertThat(Memory.activeMemory() - base).as("only the result is allocated").isEqualTo(4L * n * n);
        double[] ex = mapRef(a.values(), Math::exp);
        assertClose(sum, DType.FLOAT32, new int[] {n, n}, mapRef(ex, v -> 2 * v), 1e-6, 1e-6);
        assertClose(view, DType.FLOAT32, new int[] {n, n}, transposeRef(ex, new int[] {n, n}, 1, 0), 1e-6, 1e-6);
    }
}
