package org.mlx4j.core;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StreamTest {

    @Test
    void defaultStreamsExistPerDeviceAndTheCpuIsTheDefaultHere() {
        assertThat(Device.cpu().isAvailable()).isTrue();
        assertThat(Mx.defaultStream(Device.cpu())).isSameAs(Mx.defaultStream(Device.cpu()));
        assertThat(Mx.defaultStream(Device.cpu()).device()).isEqualTo(Device.cpu());
        if (!Device.gpu().isAvailable()) {
            assertThat(Mx.defaultDevice()).isEqualTo(Device.cpu());
            assertThatThrownBy(() -> Mx.newStream(Device.gpu()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not available").hasMessageContaining("Device.cpu()");
        }
    }

    @Test
    void scopedDefaultStreamRoutesOpsAndRestoresOnClose() {
        Stream s = Mx.newStream(Device.cpu());
        Stream outer = Mx.currentStream();
        Array a = Mx.array(new float[] {1, 2, 3});
        Array inside;
        try (var scope = Mx.withStream(s)) {
            inside = a.multiply(2.0);
            assertThat(Mx.currentStream()).isSameAs(s);
        }
        Array after = a.add(1);
        assertThat(inside.node().stream).isSameAs(s);
        assertThat(after.node().stream).isSameAs(outer);
        assertThat(Mx.currentStream()).isSameAs(outer);
        assertThat(inside.toFloatArray()).containsExactly(2, 4, 6);
    }

    @Test
    void crossStreamDependenciesWaitForTheProducer() {
        Stream producer = Mx.newStream(Device.cpu()), consumer = Mx.newStream(Device.cpu());
        Array x = Mx.array(randomFloats(128 * 128, 1), 128, 128);
        Array heavy;
        try (var s = Mx.withStream(producer)) {
            heavy = x;
            for (int i = 0; i < 5; i++) heavy = heavy.matmul(x).multiply(0.01);
        }
        Array y;
        try (var s = Mx.withStream(consumer)) {
            y = heavy.sum();
        }
        Mx.eval(y);
        // same graph on one stream gives the same value
        Array ref = x;
        for (int i = 0; i < 5; i++) ref = ref.matmul(x).multiply(0.01);
        assertThat(y.floatValue()).isCloseTo(ref.sum().floatValue(), within(1e-3f * Math.max(1f, Math.abs(y.floatValue()))));
    }

    @Test
    void tasksOnAStreamRunInOrderWithItsKernels() throws Exception {
        Stream s = Mx.newStream(Device.cpu());
        List<String> events = new CopyOnWriteArrayList<>();
        Array y;
        try (var scope = Mx.withStream(s)) {
            y = Mx.array(randomFloats(64 * 64, 2), 64, 64);
            for (int i = 0; i < 20; i++) y = y.matmul(y).multiply(0.01);
        }
        Array result = y;
        CompletableFuture<Void> f = Mx.asyncEval(result);
        CompletableFuture<Void> after = new CompletableFuture<>();
        s.executor().execute(() -> {
            events.add("task saw y available=" + result.node().isAvailable());
            after.complete(null);
        });
        after.get();
        assertThat(events).containsExactly("task saw y available=true");
        f.get();
    }

    @Test
    void synchronizeWaitsForEverythingScheduled() {
        Stream s = Mx.newStream(Device.cpu());
        Array y;
        try (var scope = Mx.withStream(s)) {
            y = Mx.array(randomFloats(128 * 128, 3), 128, 128);
            for (int i = 0; i < 10; i++) y = y.matmul(y).multiply(0.001);
        }
        Mx.asyncEval(y);
        Mx.synchronize(s);
        assertThat(y.node().isAvailable()).isTrue();
        Array z = y.add(1);
        Mx.asyncEval(z);
        Mx.synchronize();
        assertThat(z.node().isAvailable()).isTrue();
    }

    @Test
    void manyThreadsBuildAndEvaluateGraphsConcurrently() throws Exception {
        float[] shared = randomFloats(4096, 4);
        Array common = Mx.array(shared, 64, 64).multiply(0.5); // unevaluated and shared by every thread
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                final int id = t;
                results.add(pool.submit(() -> {
                    Stream mine = id % 2 == 0 ? Mx.defaultStream(Device.cpu()) : Mx.newStream(Device.cpu());
                    try (var s = Mx.withStream(mine)) {
                        Array r = common.add(id);
                        for (int i = 0; i < 20; i++) r = r.multiply(1.0).add(0);
                        return r.sum(1).toFloatArray();
                    }
                }));
            }
            for (int t = 0; t < 32; t++) {
                float[] got = results.get(t).get();
                for (int row = 0; row < 64; row++) {
                    double expected = 0;
                    for (int c = 0; c < 64; c++) expected += shared[row * 64 + c] * 0.5 + t;
                    assertThat((double) got[row]).isCloseTo(expected, within(1e-3));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static float[] randomFloats(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.nextFloat() * 2 - 1;
        return a;
    }
}
