package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A blocking {@code Mx.eval} may run its work on the calling thread, but only in its stream's order: never
 * ahead of a task queued on the stream before it.
 */
class BlockingEvalOrderTest {
    private final Random rng = new Random(17);

    private float[] randomFloats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rng.nextDouble() * 2 - 1);
        return v;
    }

    @Test
    void aBlockingEvalWaitsForATaskQueuedOnItsStreamBeforeIt() throws Exception {
        Stream s = Mx.newStream(Device.cpu());
        float[] av = randomFloats(64), bv = randomFloats(64);
        Array y;
        try (var scope = Mx.withStream(s)) {
            y = Mx.array(av, 64).multiply(Mx.array(bv, 64)).add(1);
        }
        CountDownLatch held = new CountDownLatch(1), gate = new CountDownLatch(1);
        s.executor().execute(() -> {
            held.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> eval = CompletableFuture.runAsync(() -> Mx.eval(y));
        try {
            Thread.sleep(100);
            assertThat(eval).as("the eval ran ahead of the task queued before it").isNotDone();
            assertThat(y.node().isAvailable()).isFalse();
        } finally {
            gate.countDown();
        }
        eval.get(30, TimeUnit.SECONDS);
        float[] out = y.toFloatArray();
        for (int i = 0; i < 64; i++) assertThat((double) out[i]).isCloseTo((double) av[i] * bv[i] + 1, within(1e-6));
    }
}
