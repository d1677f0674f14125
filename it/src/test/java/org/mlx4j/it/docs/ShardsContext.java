package org.mlx4j.it.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.mlx4j.core.Array;
import org.mlx4j.core.Device;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import reactor.core.publisher.Flux;

/**
 * For loading and pipelining examples: {@code shards} (also {@code dir}), a temporary directory of four
 * {@code .npy} shards of 300 samples of 16 features; {@code model} (a {@link ToyMlp}, {@code forward(x)}
 * for {@code x} of shape [n, 16]); {@code batches}, a cold {@code Flux<Array>} of eight [64, 16] batches;
 * {@code logits} (shape [2, 5]); the streams {@code loaderStream}, {@code computeStream} and
 * {@code stream}; and {@code log}.
 */
public class ShardsContext extends ExampleContext {
    private static final Stream LOADER = Mx.newStream(Device.cpu());
    private static final Stream COMPUTE = Mx.newStream(Device.cpu());

    protected final Path shards;
    protected final Path dir;
    protected final ToyMlp model = new ToyMlp(16, 32, 8, 7);
    protected final Flux<Array> batches = Flux.range(0, 8).map(i -> Mx.array(gaussian(64 * 16, i), 64, 16));
    protected final Array logits = Mx.array(new float[] {1, 2, 3, 4, 5, 0, 0, 0, 0, 0}, 2, 5);
    protected final Stream loaderStream = LOADER;
    protected final Stream computeStream = COMPUTE;
    protected final Stream stream = COMPUTE;

    public ShardsContext() {
        try {
            shards = Files.createTempDirectory("shards");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir = shards;
        for (int s = 0; s < 4; s++) {
            try (Array shard = Mx.array(gaussian(300 * 16, 100 + s), 300, 16)) {
                Mx.save(shards.resolve("shard-" + s + ".npy"), shard);
            }
        }
    }

    private static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    @Override
    public void close() throws Exception {
        try (var files = Files.list(shards)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(shards);
    }

    /** Two dense layers on seeded random weights: {@code forward(x) = tanh(x W1) W2}. */
    public static final class ToyMlp {
        private final Array w1;
        private final Array w2;

        public ToyMlp(int in, int hidden, int out, long seed) {
            w1 = Mx.array(gaussian(in * hidden, seed), in, hidden).multiply(1 / Math.sqrt(in));
            w2 = Mx.array(gaussian(hidden * out, seed + 1), hidden, out).multiply(1 / Math.sqrt(hidden));
            Mx.eval(w1, w2);
        }

        public Array forward(Array x) {
            return Mx.tanh(x.matmul(w1)).matmul(w2);
        }
    }
}
