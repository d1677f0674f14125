package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Device;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import reactor.core.publisher.Flux;

/**
 * The options that choose a stream ({@code Pipeline.on}, {@code DataLoader.on}, {@code MlxContext} for
 * {@code MlxMono.fromGraph}) are checked by where the work runs, not only by the values: the graphs are
 * built on that stream, and while that stream's thread is held up by a task, nothing the stage
 * evaluates can complete; released, everything arrives.
 */
class StreamPlacementTest {

    /** Holds {@code s}'s thread with a task until the returned latch is counted down. */
    private static CountDownLatch hold(Stream s) throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1), release = new CountDownLatch(1);
        s.executor().execute(() -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void pipelineOnBuildsAndEvaluatesOnTheChosenStream() throws Exception {
        Stream s = Mx.newStream(Device.cpu());
        List<Stream> buildStreams = new CopyOnWriteArrayList<>();
        List<Array> built = new CopyOnWriteArrayList<>();
        CountDownLatch firstBuilt = new CountDownLatch(1);
        Pipeline<Integer, Array> stage = Pipeline.<Integer, Array>of(i -> {
            buildStreams.add(Mx.currentStream());
            Array r = Mx.array(new float[] {i, 2 * i}, 2).multiply(3.0).sum();
            built.add(r);
            firstBuilt.countDown();
            return r;
        }).on(s);
        CountDownLatch release = hold(s);
        CompletableFuture<List<Float>> result;
        try {
            result = Flux.range(1, 3).transform(stage).map(Array::floatValue).collectList().toFuture();
            assertThat(firstBuilt.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(TestSupport.node(built.get(0)).stream).as("the graph's nodes are on the chosen stream").isSameAs(s);
            assertThat(result).as("nothing completes while the stream's thread is held").isNotDone();
            assertThat(TestSupport.node(built.get(0)).isAvailable()).isFalse();
        } finally {
            release.countDown();
        }
        assertThat(result.get(20, TimeUnit.SECONDS)).containsExactly(9f, 18f, 27f);
        assertThat(buildStreams).hasSize(3).allSatisfy(b -> assertThat(b).isSameAs(s));
        assertThat(built).allSatisfy(a -> assertThat(TestSupport.node(a).stream).isSameAs(s));
        // without the option the default stream is used
        Array plain = Flux.range(1, 1).transform(Pipeline.<Integer, Array>of(i -> Mx.array(new float[] {i}, 1).add(1.0)))
                .blockLast(TestSupport.TIMEOUT);
        assertThat(TestSupport.node(plain).stream).isSameAs(Mx.defaultStream(Device.cpu()));
    }

    @Test
    void dataLoaderOnCutsTheBatchesOnTheLoaderStream() throws Exception {
        Stream loader = Mx.newStream(Device.cpu());
        float[] x = new float[8 * 2];
        for (int i = 0; i < x.length; i++) x[i] = i;
        Map<String, Array> cols = Map.of("x", Mx.array(x, 8, 2), "y", Mx.arange(8));
        CountDownLatch release = hold(loader);
        CompletableFuture<List<Map<String, Array>>> batches;
        try {
            batches = DataLoader.fromArrays(cols).batchSize(3).shuffle(4).on(loader).batches().collectList().toFuture();
            assertThat(batches).as("no batch is ready while the loader stream's thread is held").isNotDone();
        } finally {
            release.countDown();
        }
        List<Map<String, Array>> got = batches.get(20, TimeUnit.SECONDS);
        assertThat(got).hasSize(3);
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (Map<String, Array> b : got) {
            assertThat(TestSupport.node(b.get("x")).stream).as("batches are cut on the loader stream").isSameAs(loader);
            assertThat(TestSupport.node(b.get("y")).stream).isSameAs(loader);
            assertThat(b.get("x").dtype()).isEqualTo(DType.FLOAT32);
            int[] ys = b.get("y").toIntArray();
            float[] xs = b.get("x").toFloatArray();
            for (int r = 0; r < ys.length; r++) {
                assertThat(xs[2 * r]).isEqualTo(2f * ys[r]);
                seen.add(ys[r]);
            }
        }
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void mlxMonoFromGraphBuildsOnTheContextStream() throws Exception {
        Stream s = Mx.newStream(Device.cpu());
        List<Stream> buildStreams = new CopyOnWriteArrayList<>();
        List<Array> built = new CopyOnWriteArrayList<>();
        CountDownLatch release = hold(s);
        CompletableFuture<Float> value;
        try {
            value = MlxMono.fromGraph(() -> {
                buildStreams.add(Mx.currentStream());
                Array r = Mx.array(new float[] {1, 2, 3}, 3).square().sum();
                built.add(r);
                return r;
            }).contextWrite(MlxContext.withStream(s)).map(Array::floatValue).toFuture();
            TestSupport.await("the graph to be built", () -> !built.isEmpty());
            assertThat(TestSupport.node(built.get(0)).stream).isSameAs(s);
            assertThat(value).as("the evaluation waits for the held stream").isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(value.get(20, TimeUnit.SECONDS)).isEqualTo(14f);
        assertThat(buildStreams).containsExactly(s);
    }
}
