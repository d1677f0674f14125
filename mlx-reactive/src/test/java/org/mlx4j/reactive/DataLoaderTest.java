package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Device;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.ArrayFileException;
import org.mlx4j.core.io.ArrayIO;
import reactor.test.StepVerifier;

class DataLoaderTest {
    @TempDir
    Path dir;
    private long baseline;

    @BeforeEach
    void setUp() {
        baseline = Memory.activeMemory();
    }

    /** Rows of x are [id, id + 0.5, -id]; y is id * 10. */
    private static Map<String, Array> columns(int first, int n) {
        float[] x = new float[n * 3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int id = first + i;
            x[i * 3] = id;
            x[i * 3 + 1] = id + 0.5f;
            x[i * 3 + 2] = -id;
            y[i] = id * 10;
        }
        Map<String, Array> m = new LinkedHashMap<>();
        m.put("x", Mx.array(x, n, 3));
        m.put("y", Mx.array(y, n));
        return m;
    }

    /** The sample ids of a batch, after checking that its columns agree row by row. */
    private static List<Integer> ids(Map<String, Array> batch) {
        float[] x = batch.get("x").toFloatArray();
        int[] y = batch.get("y").toIntArray();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            int id = (int) x[i * 3];
            assertThat(x[i * 3 + 1]).isEqualTo(id + 0.5f);
            assertThat(x[i * 3 + 2]).isEqualTo(-id);
            assertThat(y[i]).isEqualTo(id * 10);
            out.add(id);
        }
        return out;
    }

    private static List<List<Integer>> run(DataLoader loader) {
        List<List<Integer>> out = new ArrayList<>();
        for (Map<String, Array> b : loader.batches().collectList().block(TIMEOUT)) {
            out.add(ids(b));
            b.values().forEach(Array::close);
        }
        return out;
    }

    @Test
    void batchesInMemoryColumnsInOrder() {
        Map<String, Array> cols = columns(0, 10);
        assertThat(run(DataLoader.fromArrays(cols).batchSize(4)))
                .containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9));
        assertThat(run(DataLoader.fromArrays(cols).batchSize(4).dropLast(true))).hasSize(2);
        assertThat(run(DataLoader.fromArrays(cols).batchSize(5).epochs(3))).hasSize(6);
        assertThat(cols.get("x").toFloatArray()).as("the caller's columns stay open").hasSize(30);
        cols.values().forEach(Array::close);
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void shufflesReproduciblyAndDifferentlyPerEpoch() {
        Map<String, Array> cols = columns(0, 23);
        List<List<Integer>> a = run(DataLoader.fromArrays(cols).batchSize(5).shuffle(42).epochs(2));
        List<List<Integer>> b = run(DataLoader.fromArrays(cols).batchSize(5).shuffle(42).epochs(2));
        List<List<Integer>> c = run(DataLoader.fromArrays(cols).batchSize(5).shuffle(43).epochs(2));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        List<Integer> epoch0 = a.subList(0, 5).stream().flatMap(List::stream).toList();
        List<Integer> epoch1 = a.subList(5, 10).stream().flatMap(List::stream).toList();
        assertThat(epoch0).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 23).boxed().toList());
        assertThat(epoch1).containsExactlyInAnyOrderElementsOf(epoch0).isNotEqualTo(epoch0);
        assertThat(epoch0).isNotEqualTo(java.util.stream.IntStream.range(0, 23).boxed().toList());
        cols.values().forEach(Array::close);
    }

    private List<Path> writeShards(int... sizes) {
        List<Path> paths = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < sizes.length; i++) {
            Map<String, Array> cols = columns(first, sizes[i]);
            Path p = i % 2 == 0 ? ArrayIO.savez(dir.resolve("shard" + i), cols) : ArrayIO.saveSafetensors(dir.resolve("shard" + i), cols);
            paths.add(p);
            cols.values().forEach(Array::close);
            first += sizes[i];
        }
        return paths;
    }

    @Test
    void batchesCrossShardBoundariesAndReleaseShards() {
        writeShards(5, 7, 3);
        long before = Memory.activeMemory();
        assertThat(run(DataLoader.fromDirectory(dir).batchSize(4)))
                .containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9, 10, 11), List.of(12, 13, 14));
        assertThat(Memory.activeMemory()).as("every shard closed once its batches were evaluated").isEqualTo(before);
        List<List<Integer>> shuffled = run(DataLoader.fromDirectory(dir).batchSize(4).shuffle(7).prefetch(3));
        assertThat(shuffled.stream().flatMap(List::stream).toList())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 15).boxed().toList());
        assertThat(Memory.activeMemory()).isEqualTo(before);
    }

    @Test
    void npyShardsGiveOneColumn() {
        for (int i = 0; i < 3; i++) {
            try (Array a = Mx.array(new float[] {i, i, i + 10, i + 10}, 2, 2)) {
                ArrayIO.save(dir.resolve("part" + i + ".npy"), a);
            }
        }
        List<Map<String, Array>> batches = DataLoader.fromDirectory(dir).batchSize(3).batches().collectList().block(TIMEOUT);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).keySet()).containsExactly(DataLoader.NPY_COLUMN);
        assertThat(batches.get(0).get(DataLoader.NPY_COLUMN).shape()).containsExactly(3, 2);
        assertThat(batches.get(0).get(DataLoader.NPY_COLUMN).toFloatArray()).containsExactly(0, 0, 10, 10, 1, 1);
        batches.forEach(b -> b.values().forEach(Array::close));
    }

    @Test
    void cancellingMidEpochReleasesEverything() {
        writeShards(6, 6, 6, 6);
        long before = Memory.activeMemory();
        List<Map<String, Array>> two = DataLoader.fromDirectory(dir).batchSize(4).prefetch(3).batches().take(2).collectList().block(TIMEOUT);
        assertThat(two).hasSize(2);
        two.forEach(b -> b.values().forEach(Array::close));
        TestSupport.awaitMemory(before);
    }

    @Test
    void corruptOrInconsistentFilesFailTheFlux() throws Exception {
        List<Path> shards = writeShards(4, 4);
        byte[] bytes = Files.readAllBytes(shards.get(1));
        Files.write(shards.get(1), java.util.Arrays.copyOf(bytes, bytes.length - 7));
        StepVerifier.create(DataLoader.fromFiles(shards).batchSize(2).batches().doOnNext(b -> b.values().forEach(Array::close)))
                .thenConsumeWhile(b -> true)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ArrayFileException.class).hasMessageContaining("shard1"))
                .verify(TIMEOUT);
        try (Array only = Mx.array(new float[] {1, 2}, 2)) {
            ArrayIO.save(dir.resolve("other.npy"), only);
        }
        StepVerifier.create(DataLoader.fromFiles(List.of(shards.get(0), dir.resolve("other.npy"))).batchSize(8).batches())
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("columns"))
                .verify(TIMEOUT);
        assertThatThrownBy(() -> DataLoader.fromFiles(List.of(dir.resolve("notes.txt")))).hasMessageContaining("notes.txt");
        TestSupport.awaitMemory(baseline);
    }

    @Test
    void padsSamplesOfDifferentLengths() {
        List<Map<String, Array>> samples = new ArrayList<>();
        int[] lengths = {3, 5, 2, 4, 1};
        for (int i = 0; i < lengths.length; i++) {
            int[] tokens = new int[lengths[i]];
            for (int t = 0; t < tokens.length; t++) tokens[t] = 100 * i + t + 1;
            Map<String, Array> s = new LinkedHashMap<>();
            s.put("tokens", Mx.array(tokens, tokens.length));
            s.put("label", Mx.array(new int[] {i}, 1));
            samples.add(s);
        }
        List<Map<String, Array>> batches = DataLoader.fromSamples(samples).batchSize(3).pad(-1).batches().collectList().block(TIMEOUT);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).get("tokens").shape()).containsExactly(3, 5);
        assertThat(batches.get(0).get("tokens").toIntArray()).containsExactly(
                1, 2, 3, -1, -1,
                101, 102, 103, 104, 105,
                201, 202, -1, -1, -1);
        assertThat(batches.get(0).get("label").toIntArray()).containsExactly(0, 1, 2);
        assertThat(batches.get(1).get("tokens").shape()).containsExactly(2, 4);
        List<Map<String, Array>> multiple = DataLoader.fromSamples(samples).batchSize(5).padToMultipleOf(4).batches().collectList().block(TIMEOUT);
        assertThat(multiple.get(0).get("tokens").shape()).containsExactly(5, 8);
        assertThat(multiple.get(0).get("tokens").toIntArray()[7]).isZero();
        StepVerifier.create(DataLoader.fromSamples(samples).batchSize(2).batches())
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("pad(value)"))
                .verify(TIMEOUT);
        Set<Integer> labels = new HashSet<>();
        for (Map<String, Array> b : DataLoader.fromSamples(samples).batchSize(2).pad(0).shuffle(3).batches().collectList().block(TIMEOUT)) {
            for (int l : b.get("label").toIntArray()) labels.add(l);
        }
        assertThat(labels).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void evaluatesOnTheLoaderStream() {
        var loaderStream = Mx.newStream(Device.cpu());
        Map<String, Array> cols = columns(0, 8);
        List<List<Integer>> got = new ArrayList<>();
        for (Map<String, Array> b : DataLoader.fromArrays(cols).batchSize(3).on(loaderStream).batches().collectList().block(TIMEOUT)) {
            got.add(ids(b));
        }
        assertThat(got).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7));
        assertThatThrownBy(() -> DataLoader.fromArrays(Map.of("a", Mx.zeros(new int[] {3}, DType.FLOAT32), "b", Mx.zeros(new int[] {4}, DType.FLOAT32))))
                .hasMessageContaining("disagree");
    }

    @Test
    void concurrentSubscribersGetTheSameBatches() {
        writeShards(5, 9, 4); // samples 0..17
        DataLoader loader = DataLoader.fromDirectory(dir).batchSize(4).shuffle(11).prefetch(3).epochs(2);
        List<List<Integer>> alone = run(loader);
        List<List<List<Integer>>> runs = reactor.core.publisher.Flux.range(0, 4)
                .flatMap(i -> loader.batches().subscribeOn(reactor.core.scheduler.Schedulers.parallel())
                        .map(b -> {
                            List<Integer> ids = ids(b);
                            b.values().forEach(Array::close);
                            return ids;
                        })
                        .collectList(), 4)
                .collectList().block(TIMEOUT);
        assertThat(runs).hasSize(4);
        List<Integer> dataset = java.util.stream.IntStream.range(0, 18).boxed().toList();
        for (List<List<Integer>> r : runs) {
            // against the known dataset: per epoch batches of 4, 4, 4, 4, 2 holding every sample exactly once
            assertThat(r).hasSize(10);
            for (int epoch = 0; epoch < 2; epoch++) {
                List<List<Integer>> batches = r.subList(epoch * 5, epoch * 5 + 5);
                assertThat(batches.stream().map(List::size).toList()).containsExactly(4, 4, 4, 4, 2);
                assertThat(batches.stream().flatMap(List::stream).toList()).as("epoch %d", epoch)
                        .containsExactlyInAnyOrderElementsOf(dataset);
            }
            assertThat(r).as("the same batches as a subscriber alone").isEqualTo(alone);
        }
    }
}
