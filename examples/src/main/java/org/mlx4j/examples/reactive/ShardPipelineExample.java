package org.mlx4j.examples.reactive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.mlx4j.core.Array;
import org.mlx4j.core.Device;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import org.mlx4j.core.io.ArrayIO;
import org.mlx4j.reactive.DataLoader;
import org.mlx4j.reactive.DepthPolicy;
import org.mlx4j.reactive.Pipeline;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A batch job over a directory of {@code .npy} shards: loads them (on a loader stream, files read off the
 * event loop), normalises each batch, multiplies it through a small two-layer model in a pipelined stage
 * on a compute stream (batch n+1 is gathered while batch n computes), writes each result as a {@code .npy}
 * file, and prints a progress bar and the throughput.
 *
 * <pre>
 *   java ... ShardPipelineExample [--in DIR] [--out DIR] [--batch 256] [--depth 4]
 * </pre>
 * Without {@code --in} it first writes 8 shards of random data to a temporary directory.
 */
public final class ShardPipelineExample {
    private ShardPipelineExample() {}

    static final int FEATURES = 64;
    static final int HIDDEN = 256;
    static final int OUT = 16;

    public static void main(String[] args) throws IOException {
        Path in = pathArg(args, "--in");
        Path out = pathArg(args, "--out");
        int batch = TokenStreamingExample.intArg(args, "--batch", 256);
        int depth = TokenStreamingExample.intArg(args, "--depth", 4);
        if (in == null) in = writeSampleShards(Files.createTempDirectory("mlx4j-shards"), 8, 2048);
        if (out == null) out = Files.createTempDirectory("mlx4j-results");
        Files.createDirectories(out);

        long rows = 0;
        try (var files = Files.list(in)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".npy")).toList()) {
                try (Array a = ArrayIO.load(p)) {
                    rows += a.shape(0);
                }
            }
        }
        long batches = (rows + batch - 1) / batch;

        Random rnd = new Random(7);
        Array w1 = Mx.array(gaussian(rnd, FEATURES * HIDDEN, 1 / Math.sqrt(FEATURES)), FEATURES, HIDDEN);
        Array w2 = Mx.array(gaussian(rnd, HIDDEN * OUT, 1 / Math.sqrt(HIDDEN)), HIDDEN, OUT);
        Stream loaderStream = Mx.newStream(Device.cpu());
        Stream computeStream = Mx.newStream(Device.cpu());

        Pipeline<Map<String, Array>, Array> model = Pipeline.<Map<String, Array>, Array>of(b -> {
                    Array x = b.get(DataLoader.NPY_COLUMN);
                    Array mean = x.mean(new int[] {1}, true);
                    Array centred = x.subtract(mean);
                    Array std = centred.square().mean(new int[] {1}, true).add(1e-5).sqrt();
                    Array normalised = centred.divide(std);
                    return Mx.tanh(normalised.matmul(w1)).matmul(w2);
                })
                .depth(DepthPolicy.memoryAware(depth))
                .on(computeStream)
                .releaseInputs(true)
                .named("normalise and project");

        Path outDir = out;
        AtomicLong done = new AtomicLong();
        AtomicLong doneRows = new AtomicLong();
        long start = System.nanoTime();
        System.out.printf("%d rows in %s, batches of %d, %d in flight, results to %s%n", rows, in, batch, depth, outDir);
        DataLoader.fromDirectory(in).batchSize(batch).prefetch(2).on(loaderStream).batches()
                .transform(model)
                .index()
                // writing files blocks: do it on the bounded elastic scheduler, in order
                .concatMap(t -> Mono.fromCallable(() -> {
                    Array y = t.getT2();
                    ArrayIO.save(outDir.resolve(String.format("result-%05d.npy", t.getT1())), y);
                    doneRows.addAndGet(y.shape(0));
                    y.close();
                    return t.getT1();
                }).subscribeOn(Schedulers.boundedElastic()), 2)
                .doOnNext(i -> progress(done.incrementAndGet(), batches, doneRows.get(), start))
                .blockLast(Duration.ofHours(1));
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("%n%d rows in %.2f s: %.0f rows/s, %.1f batches/s%n", doneRows.get(), secs, doneRows.get() / secs, done.get() / secs);
        w1.close();
        w2.close();
    }

    private static void progress(long done, long total, long rows, long start) {
        int width = 40;
        int filled = (int) (width * done / Math.max(1, total));
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("\r[%s%s] %d/%d batches, %.0f rows/s", "#".repeat(filled), ".".repeat(width - filled), done, total,
                rows / Math.max(secs, 1e-9));
        System.out.flush();
    }

    static Path writeSampleShards(Path dir, int shards, int rowsPerShard) {
        Random rnd = new Random(1);
        for (int s = 0; s < shards; s++) {
            float[] data = new float[rowsPerShard * FEATURES];
            for (int i = 0; i < data.length; i++) data[i] = (float) (rnd.nextGaussian() * 3 + s);
            try (Array a = Mx.array(data, rowsPerShard, FEATURES)) {
                ArrayIO.save(dir.resolve(String.format("shard-%03d.npy", s)), a);
            }
        }
        return dir;
    }

    private static float[] gaussian(Random rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextGaussian() * scale);
        return a;
    }

    private static Path pathArg(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return Path.of(args[i + 1]);
        return null;
    }
}
