package org.mlx4j.it.reactive;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.reactive.DataLoader;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/** {@link DataLoader} batches against the reactive-streams TCK (one row per batch). */
public class DataLoaderTckTest extends PublisherVerification<Map<String, Array>> {
    public DataLoaderTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Map<String, Array>> createPublisher(long elements) {
        int n = (int) elements;
        float[] x = new float[Math.max(n, 1) * 2];
        for (int i = 0; i < x.length; i++) x[i] = i;
        Array col = Mx.array(x, Math.max(n, 1), 2);
        // zero batches: one row, dropped as an incomplete batch of two
        return n == 0 ? DataLoader.fromArrays(Map.of("x", col)).batchSize(2).dropLast(true).batches()
                : DataLoader.fromArrays(Map.of("x", col)).batchSize(1).shuffle(3).prefetch(2).batches();
    }

    @Override
    public Publisher<Map<String, Array>> createFailedPublisher() {
        return DataLoader.fromFiles(List.of(Path.of("target", "no-such-shard.npy"))).batches();
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1024;
    }
}
