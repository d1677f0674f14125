package org.mlx4j.reactive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import org.mlx4j.core.io.ArrayIO;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Batches as a {@link Flux}: from in-memory arrays, from {@code .npy}/{@code .npz}/{@code .safetensors}
 * files, or from per-sample maps of possibly different lengths; with shuffling by a seed, batching,
 * padding, and prefetch: each batch's graph (gathers, concatenations, padding) is built and evaluated
 * ahead on the loader stream, up to the prefetch depth, while the consumer works on earlier batches.
 *
 * <!-- example context: ShardsContext -->
 * <pre>{@code
 * Flux<Map<String, Array>> batches = DataLoader.fromDirectory(dir)
 *         .shuffle(42).batchSize(64).prefetch(4).on(loaderStream)
 *         .batches();
 * }</pre>
 *
 * <p>Columns are the arrays of a file (a {@code .npy} file gives one column named {@value #NPY_COLUMN});
 * samples run along axis 0. Files are read on {@link Schedulers#boundedElastic()}, never on a
 * non-blocking thread, one or two shards ahead; a shard read from a file is closed as soon as every batch
 * cut from it has been evaluated. Shuffling permutes the file order and the rows within each file with
 * {@code java.util.Random} seeded from the seed, the epoch and the shard, so runs are reproducible.
 * Emitted batches belong to the subscriber. Instances are immutable.
 *
 * <p>In the diagram time runs to the right: {@code [read s0]} is a shard being read on
 * {@code boundedElastic}, {@code b} a batch's graph being built and scheduled with {@code asyncEval} on the
 * loader stream, {@code =} its computation, {@code *} the stream's completion signal, {@code |}
 * {@code onComplete} and {@code !} a cancel. With {@code prefetch(2)} and unbounded demand, two batches
 * are computed ahead and each emission makes room for the next; batches keep their order:
 * <pre>
 * files       [read s0][read s1]
 * batch 0              b=====*
 * batch 1               b    =====*
 * batch 2                       b   =====*   (cut from s1)
 * onNext      ---------------B0---B1-----B2|
 * </pre>
 *
 * <p>Downstream demand is the backpressure: batches computed ahead wait for requests, and no more than
 * the prefetch depth are in flight. On cancel, shards are closed at once (a shard whose read finishes
 * after the cancel as soon as it does) and batches still computing once computed:
 * <pre>
 * files       [read s0][read s1]             (s0 and s1 closed at once)
 * batch 1               b    =====*          (closed once computed)
 * onNext      ---------------B0-!
 * </pre>
 * A file that cannot be read ({@link org.mlx4j.core.io.ArrayFileException}) or columns that do not fit
 * end the flux with {@code onError}; what was loaded is closed.
 */
public final class DataLoader {
    /** The column name of the array of a {@code .npy} file. */
    public static final String NPY_COLUMN = "array";

    private enum Kind { ARRAYS, FILES, SAMPLES }

    private final Kind kind;
    private final Map<String, Array> columns;
    private final List<Path> files;
    private final Iterable<Map<String, Array>> samples;
    private final int batchSize;
    private final boolean dropLast;
    private final Long seed;
    private final int epochs;
    private final DepthPolicy prefetch;
    private final Stream stream;
    private final Double padValue;
    private final int padMultiple;

    private DataLoader(Kind kind, Map<String, Array> columns, List<Path> files, Iterable<Map<String, Array>> samples,
                       int batchSize, boolean dropLast, Long seed, int epochs, DepthPolicy prefetch, Stream stream,
                       Double padValue, int padMultiple) {
        this.kind = kind;
        this.columns = columns;
        this.files = files;
        this.samples = samples;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.seed = seed;
        this.epochs = epochs;
        this.prefetch = prefetch;
        this.stream = stream;
        this.padValue = padValue;
        this.padMultiple = padMultiple;
    }

    private static DataLoader base(Kind kind, Map<String, Array> columns, List<Path> files, Iterable<Map<String, Array>> samples) {
        return new DataLoader(kind, columns, files, samples, 32, false, null, 1, DepthPolicy.fixed(2), null, null, 1);
    }

    /**
     * Samples from in-memory columns sharing axis 0 (the caller keeps ownership: nothing is closed).
     *
     * @param columns the columns by name, each with the samples along axis 0
     * @return the loader
     * @throws IllegalArgumentException if there are no columns, a column is 0-d, or the columns disagree on the number of samples
     */
    public static DataLoader fromArrays(Map<String, Array> columns) {
        Objects.requireNonNull(columns, "DataLoader.fromArrays: columns is null");
        new Shard("the in-memory columns", columns, false); // validates the shapes now
        return base(Kind.ARRAYS, new LinkedHashMap<>(columns), null, null);
    }

    /**
     * Samples from files, one shard each, in the given order (shuffled per epoch with {@link #shuffle}).
     *
     * @param files the {@code .npy}, {@code .npz} and {@code .safetensors} files
     * @return the loader
     * @throws IllegalArgumentException if a file is not a {@code .npy}, {@code .npz} or {@code .safetensors}
     * file
     */
    public static DataLoader fromFiles(List<Path> files) {
        Objects.requireNonNull(files, "DataLoader.fromFiles: files is null");
        for (Path p : files) {
            if (!isArrayFile(p)) throw new IllegalArgumentException("DataLoader.fromFiles: " + p + " is not a .npy, .npz or .safetensors file");
        }
        return base(Kind.FILES, null, List.copyOf(files), null);
    }

    /**
     * Samples from every {@code .npy}, {@code .npz} and {@code .safetensors} file of a directory, sorted by
     * name.
     *
     * @param dir the directory
     * @return the loader
     * @throws IllegalArgumentException if the directory holds no such file
     * @throws java.io.UncheckedIOException if the directory cannot be listed
     */
    public static DataLoader fromDirectory(Path dir) {
        try (var list = Files.list(dir)) {
            List<Path> found = list.filter(DataLoader::isArrayFile).sorted().collect(Collectors.toList());
            if (found.isEmpty()) throw new IllegalArgumentException("DataLoader.fromDirectory: no .npy, .npz or .safetensors file in " + dir);
            return fromFiles(found);
        } catch (IOException e) {
            throw new UncheckedIOException("DataLoader.fromDirectory: cannot list " + dir, e);
        }
    }

    /**
     * Samples given one by one as maps of arrays (the caller keeps ownership). Samples of different lengths
     * along axis 0 are batched with {@link #pad(double)}.
     *
     * @param samples the samples, each a map from column name to array (iterated once per epoch, on
     * {@code boundedElastic})
     * @return the loader
     */
    public static DataLoader fromSamples(Iterable<Map<String, Array>> samples) {
        Objects.requireNonNull(samples, "DataLoader.fromSamples: samples is null");
        return base(Kind.SAMPLES, null, null, samples);
    }

    private static boolean isArrayFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".npz") || n.endsWith(".safetensors");
    }

    private DataLoader with(int batchSize, boolean dropLast, Long seed, int epochs, DepthPolicy prefetch, Stream stream,
                            Double padValue, int padMultiple) {
        return new DataLoader(kind, columns, files, samples, batchSize, dropLast, seed, epochs, prefetch, stream, padValue, padMultiple);
    }

    /**
     * Shuffles sample order with {@code seed} (differently, but reproducibly, each epoch).
     *
     * @param seed the seed
     * @return a new loader with that setting
     */
    public DataLoader shuffle(long seed) {
        return with(batchSize, dropLast, seed, epochs, prefetch, stream, padValue, padMultiple);
    }

    /**
     * Samples per batch (default 32).
     *
     * @param n the count (at least 1 for batch sizes, 0 or more for epochs)
     * @return a new loader with that setting
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public DataLoader batchSize(int n) {
        if (n < 1) throw new IllegalArgumentException("DataLoader.batchSize: must be >= 1, got " + n);
        return with(n, dropLast, seed, epochs, prefetch, stream, padValue, padMultiple);
    }

    /**
     * Whether a last, smaller batch is dropped (default false).
     *
     * @param drop whether to drop it
     * @return a new loader with that setting
     */
    public DataLoader dropLast(boolean drop) {
        return with(batchSize, drop, seed, epochs, prefetch, stream, padValue, padMultiple);
    }

    /**
     * Passes over the data (default 1).
     *
     * @param n the count (at least 1 for batch sizes, 0 or more for epochs)
     * @return a new loader with that setting
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public DataLoader epochs(int n) {
        if (n < 0) throw new IllegalArgumentException("DataLoader.epochs: must be >= 0, got " + n);
        return with(batchSize, dropLast, seed, n, prefetch, stream, padValue, padMultiple);
    }

    /**
     * Batches built and evaluated ahead of the consumer (default 2).
     *
     * @param depth the number of batches in flight (at least 1)
     * @return a new loader with that setting
     * @throws IllegalArgumentException if {@code depth < 1}
     */
    public DataLoader prefetch(int depth) {
        return prefetch(DepthPolicy.fixed(depth));
    }

    /**
     * Prefetch depth from a policy, for example {@link DepthPolicy#memoryAware(int)}.
     *
     * @param policy the depth policy
     * @return a new loader with that setting
     */
    public DataLoader prefetch(DepthPolicy policy) {
        Objects.requireNonNull(policy, "DataLoader.prefetch: policy is null");
        return with(batchSize, dropLast, seed, epochs, policy, stream, padValue, padMultiple);
    }

    /**
     * The loader stream that gathers and pads batches (otherwise the stream from {@link MlxContext}).
     *
     * @param loaderStream the stream
     * @return a new loader with that setting
     */
    public DataLoader on(Stream loaderStream) {
        return with(batchSize, dropLast, seed, epochs, prefetch, loaderStream, padValue, padMultiple);
    }

    /**
     * Pads samples along axis 0 with {@code value} to the longest of their batch (sample mode).
     *
     * @param value the padding value
     * @return a new loader with that setting
     */
    public DataLoader pad(double value) {
        return with(batchSize, dropLast, seed, epochs, prefetch, stream, value, padMultiple);
    }

    /**
     * Rounds padded lengths up to a multiple of {@code m} (sample mode; implies {@code pad(0)} if unset).
     *
     * @param m the multiple (at least 1)
     * @return a new loader with that setting
     * @throws IllegalArgumentException if {@code m < 1}
     */
    public DataLoader padToMultipleOf(int m) {
        if (m < 1) throw new IllegalArgumentException("DataLoader.padToMultipleOf: must be >= 1, got " + m);
        return with(batchSize, dropLast, seed, epochs, prefetch, stream, padValue == null ? 0.0 : padValue, m);
    }

    /**
     * The batches: maps from column name to an evaluated array with the batch on axis 0.
     *
     * @return a cold flux of batches; each subscription runs the epochs anew
     */
    public Flux<Map<String, Array>> batches() {
        Flux<Map<String, Array>> all = Flux.range(0, epochs).concatMap(this::epoch, 0);
        return all;
    }

    private Flux<Map<String, Array>> epoch(int epoch) {
        if (kind == Kind.SAMPLES) {
            return sampleBatches(epoch).transform(Pipeline.of(SampleBatch::build).depth(prefetch).on(stream)
                    .named("data loader (padding)"));
        }
        return Flux.defer(() -> {
            ShardBatcher batcher = new ShardBatcher(batchSize, dropLast, seed, epoch);
            LoadedShards loaded = new LoadedShards();
            Flux<ShardBatcher.Pending> pending = shards(epoch, loaded)
                    .concatMapIterable(s -> loaded.take(s) ? batcher.add(s) : List.of(), 1)
                    .concatWith(Flux.defer(() -> Flux.fromIterable(batcher.flush())))
                    .doOnCancel(batcher::discard)
                    // batches cut but not passed on when the operators above are cancelled come here
                    .doOnDiscard(ShardBatcher.Pending.class, ShardBatcher.Pending::close)
                    .doFinally(signal -> loaded.releaseAll());
            return pending.transform(Pipeline.of(ShardBatcher.Pending::build).depth(prefetch).on(stream)
                    .releaseInputs(true).named("data loader (batching)"));
        });
    }

    private Flux<Shard> shards(int epoch, LoadedShards loaded) {
        if (kind == Kind.ARRAYS) return Flux.just(loaded.admit(new Shard("the in-memory columns", columns, false)));
        List<Path> order = new ArrayList<>(files);
        if (seed != null) java.util.Collections.shuffle(order, new Random(ShardBatcher.mix(seed, epoch, -1)));
        return Flux.fromIterable(order)
                .flatMapSequential(p -> Mono.fromCallable(() -> loaded.admit(load(p))).subscribeOn(Schedulers.boundedElastic()), 2, 1);
    }

    private static Shard load(Path p) {
        Map<String, Array> arrays = ArrayIO.loadArrays(p);
        if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            arrays = Map.of(NPY_COLUMN, arrays.values().iterator().next());
        }
        try {
            return new Shard(p.toString(), arrays, true);
        } catch (RuntimeException e) {
            arrays.values().forEach(Array::close);
            throw e;
        }
    }

    // ------------------------------------------------------------------ sample mode

    private Flux<SampleBatch> sampleBatches(int epoch) {
        return Flux.defer(() -> {
                    List<Map<String, Array>> all = new ArrayList<>();
                    samples.forEach(all::add);
                    if (seed != null) java.util.Collections.shuffle(all, new Random(ShardBatcher.mix(seed, epoch, -2)));
                    return Flux.fromIterable(all);
                })
                .subscribeOn(Schedulers.boundedElastic()) // the iterable may read from somewhere
                .buffer(batchSize)
                .filter(b -> !dropLast || b.size() == batchSize)
                .map(b -> new SampleBatch(b, padValue, padMultiple));
    }

    /** A batch of samples to stack, padding along axis 0 where allowed. */
    record SampleBatch(List<Map<String, Array>> samples, Double padValue, int padMultiple) {
        Map<String, Array> build() {
            Map<String, Array> out = new LinkedHashMap<>();
            for (String col : samples.get(0).keySet()) {
                List<Array> parts = new ArrayList<>();
                int target = 0;
                int[] first = null;
                for (int i = 0; i < samples.size(); i++) {
                    Array a = samples.get(i).get(col);
                    if (a == null) throw new IllegalArgumentException("DataLoader: sample " + i + " of a batch has no column '" + col + "'");
                    int[] s = a.shape();
                    if (first == null) first = s;
                    boolean sameTail = s.length == first.length && s.length > 0
                            && Arrays.equals(Arrays.copyOfRange(s, 1, s.length), Arrays.copyOfRange(first, 1, first.length));
                    if (!Arrays.equals(s, first) && !sameTail) {
                        throw new IllegalArgumentException("DataLoader: column '" + col + "' has shapes " + Arrays.toString(first)
                                + " and " + Arrays.toString(s) + " in one batch; only the length along axis 0 may differ");
                    }
                    if (s.length > 0) target = Math.max(target, s[0]);
                    parts.add(a);
                }
                if (first.length > 0) {
                    boolean ragged = false;
                    for (Array a : parts) ragged |= a.shape(0) != target;
                    if (padMultiple > 1) target = (target + padMultiple - 1) / padMultiple * padMultiple;
                    if ((ragged || padMultiple > 1) && padValue == null) {
                        throw new IllegalArgumentException("DataLoader: column '" + col + "' has samples of different lengths"
                                + " along axis 0; call pad(value) to pad them");
                    }
                    if (padValue != null) {
                        List<Array> padded = new ArrayList<>();
                        for (Array a : parts) padded.add(padTo(a, target, padValue));
                        parts = padded;
                    }
                }
                out.put(col, Mx.stack(parts, 0));
            }
            return out;
        }

        private static Array padTo(Array a, int length, double value) {
            int[] s = a.shape();
            if (s[0] == length) return a;
            int[] padShape = s.clone();
            padShape[0] = length - s[0];
            return Mx.concatenate(List.of(a, Mx.full(padShape, value, a.dtype())), 0);
        }
    }
}
