package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.ArrayIO;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/**
 * Exact counts and memory for {@link DataLoader} in its three modes when the subscriber stops early (from
 * {@code onNext} under unbounded demand, from another thread, through bounded operators) or the data fails.
 * Row r of the data holds r in its first feature and values drawn from its own seed in the others, so every
 * batch is checked row by row against the data the test wrote. In sample mode the samples count how many
 * batches were built; prefetch p promises at most p batches built beyond the last one emitted.
 */
class DataLoaderLifecycleTest {
    private static final int F = 5;
    private static final int BATCH = 4;
    private static final int PREFETCH = 2;
    private static final int[] SHARD_ROWS = {7, 5, 9, 6, 3, 10}; // 40 rows: batches cross shard boundaries

    @TempDir
    Path dir;

    @RegisterExtension
    final MemoryBaseline memory = new MemoryBaseline();

    /** Row r: [r, then F-1 values from r's own seed]. */
    private static float[] row(int r) {
        Random rnd = new Random(7919L * r + 13);
        float[] d = new float[F];
        d[0] = r;
        for (int k = 1; k < F; k++) d[k] = (float) (rnd.nextDouble() * 10 - 5);
        return d;
    }

    private static Array rows(int first, int n) {
        float[] d = new float[n * F];
        for (int i = 0; i < n; i++) System.arraycopy(row(first + i), 0, d, i * F, F);
        return Mx.array(d, n, F);
    }

    private static int totalRows() {
        int n = 0;
        for (int r : SHARD_ROWS) n += r;
        return n;
    }

    /** Writes the shards (sorted by name in row order) as .npy (one column) or .safetensors (x and y). */
    private void writeShards(String format) {
        int first = 0;
        for (int i = 0; i < SHARD_ROWS.length; i++) {
            int n = SHARD_ROWS[i];
            try (Array x = rows(first, n)) {
                if (format.equals("npy")) {
                    ArrayIO.save(dir.resolve(String.format("shard-%02d.npy", i)), x);
                } else {
                    int[] ids = new int[n];
                    for (int k = 0; k < n; k++) ids[k] = first + k;
                    try (Array y = Mx.array(ids, n)) {
                        Map<String, Array> m = new LinkedHashMap<>();
                        m.put("x", x);
                        m.put("y", y);
                        ArrayIO.saveSafetensors(dir.resolve(String.format("shard-%02d.safetensors", i)), m);
                    }
                }
            }
            first += n;
        }
    }

    private static String xColumn(Map<String, Array> batch) {
        return batch.containsKey("x") ? "x" : DataLoader.NPY_COLUMN;
    }

    /** Checks batch b (no shuffle: rows b*BATCH...) against the float64 data and closes it. */
    private static void checkAndClose(int b, Map<String, Array> batch) {
        float[] x = batch.get(xColumn(batch)).toFloatArray();
        int n = x.length / F;
        assertThat(n).as("rows of batch %d", b).isEqualTo(Math.min(BATCH, totalRows() - b * BATCH));
        for (int i = 0; i < n; i++) {
            int r = b * BATCH + i;
            float[] want = row(r);
            for (int k = 0; k < F; k++) assertThat(x[i * F + k]).as("batch %d row %d[%d]", b, i, k).isEqualTo(want[k]);
        }
        if (batch.containsKey("y")) {
            int[] y = batch.get("y").toIntArray();
            for (int i = 0; i < n; i++) assertThat(y[i]).isEqualTo(b * BATCH + i);
        }
        batch.values().forEach(Array::close);
    }

    private static void checkAndClose(List<Map<String, Array>> batches) {
        for (int b = 0; b < batches.size(); b++) checkAndClose(b, batches.get(b));
    }

    // ------------------------------------------------------------------ loaders of each mode

    /** In-memory columns, closed by {@link #close} (the caller's). */
    private final List<Array> callerArrays = new ArrayList<>();
    /** Batches whose graph was built (sample mode only: counted by the samples). */
    private final AtomicInteger built = new AtomicInteger();

    private DataLoader loader(String mode) {
        DataLoader l = switch (mode) {
            case "arrays" -> {
                Array x = rows(0, totalRows());
                int[] ids = new int[totalRows()];
                for (int i = 0; i < ids.length; i++) ids[i] = i;
                Array y = Mx.array(ids, ids.length);
                callerArrays.add(x);
                callerArrays.add(y);
                yield DataLoader.fromArrays(Map.of("x", x, "y", y));
            }
            case "npy", "safetensors" -> {
                writeShards(mode);
                yield DataLoader.fromDirectory(dir);
            }
            default -> {
                List<Map<String, Array>> samples = new ArrayList<>();
                for (int r = 0; r < totalRows(); r++) {
                    Array x = Mx.array(row(r), F);
                    Array y = Mx.array(r, DType.INT32);
                    callerArrays.add(x);
                    callerArrays.add(y);
                    samples.add(new CountingSample(x, y, r % BATCH == 0 ? built : null));
                }
                yield DataLoader.fromSamples(samples);
            }
        };
        withCallers = TestSupport.settledMemory();
        return l.batchSize(BATCH).prefetch(PREFETCH);
    }

    /** Active memory with the caller's arrays (in-memory columns, samples) alive. */
    private long withCallers;

    /** A sample whose key set, read once per batch build from the batch's first sample, counts the builds. */
    private static class CountingSample extends AbstractMap<String, Array> {
        private final Map<String, Array> m = new LinkedHashMap<>();
        private final AtomicInteger builds;

        CountingSample(Array x, Array y, AtomicInteger builds) {
            m.put("x", x);
            m.put("y", y);
            this.builds = builds;
        }

        @Override
        public Set<Map.Entry<String, Array>> entrySet() {
            return m.entrySet();
        }

        @Override
        public Set<String> keySet() {
            if (builds != null) builds.incrementAndGet();
            return m.keySet();
        }

        @Override
        public Array get(Object key) {
            return m.get(key);
        }
    }

    private void closeCallerArrays() {
        callerArrays.forEach(Array::close);
    }

    private static boolean counts(String mode) {
        return mode.equals("samples");
    }

    // ------------------------------------------------------------------ cancel inside onNext, unbounded demand

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arrays", "npy", "safetensors", "samples"})
    void takeUntilStopsAtTheBatchAndBuildsNothingMore(String mode) {
        for (int n : new int[] {0, 3, 8}) {
            DataLoader l = loader(mode);
            built.set(0);
            AtomicInteger seen = new AtomicInteger();
            AtomicInteger builtAtCancel = new AtomicInteger();
            List<Map<String, Array>> got = l.batches().takeUntil(b -> {
                if (seen.getAndIncrement() != n) return false;
                builtAtCancel.set(built.get());
                return true;
            }).collectList().block(TIMEOUT);
            assertThat(got).as("batches with a cancel at %d", n).hasSize(n + 1);
            checkAndClose(got);
            TestSupport.awaitMemory(withCallers);
            if (counts(mode)) {
                assertThat(built.get()).as("built after the cancel at %d", n).isEqualTo(builtAtCancel.get());
                assertThat(builtAtCancel.get()).isBetween(n + 1, n + PREFETCH);
            }
        }
        closeCallerArrays();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arrays", "npy", "safetensors", "samples"})
    void nextTakesTheFirstBatchOnly(String mode) {
        DataLoader l = loader(mode);
        AtomicInteger builtAtCancel = new AtomicInteger();
        Map<String, Array> first = l.batches().doOnNext(b -> builtAtCancel.set(built.get())).next().block(TIMEOUT);
        checkAndClose(0, first);
        TestSupport.awaitMemory(withCallers);
        if (counts(mode)) {
            assertThat(built.get()).isEqualTo(builtAtCancel.get());
            assertThat(builtAtCancel.get()).isBetween(1, PREFETCH);
        }
        closeCallerArrays();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arrays", "npy", "safetensors", "samples"})
    void aBaseSubscriberCancellingInHookOnNextGetsNoFurtherBatch(String mode) throws InterruptedException {
        int n = 5;
        DataLoader l = loader(mode);
        AtomicInteger builtAtCancel = new AtomicInteger();
        CancelAtSubscriber<Map<String, Array>> subscriber = new CancelAtSubscriber<>(n + 1,
                () -> builtAtCancel.set(built.get()), b -> b.values().forEach(Array::close));
        l.batches().subscribe(subscriber);
        assertThat(subscriber.awaitFinished()).isTrue();
        assertThat(subscriber.got).hasSize(n + 1);
        checkAndClose(subscriber.got);
        TestSupport.awaitMemory(withCallers);
        assertThat(subscriber.afterCancel.get()).as("batches after the cancel").isZero();
        if (counts(mode)) {
            assertThat(built.get()).isEqualTo(builtAtCancel.get());
            assertThat(builtAtCancel.get()).isBetween(n + 1, n + PREFETCH);
        }
        closeCallerArrays();
    }

    // ------------------------------------------------------------------ cancel from another thread

    @Test
    void aCancelFromAnotherThreadWhileASampleBatchIsBuiltBuildsNothingMore() throws InterruptedException {
        int k = 3; // the batch being built when the cancel comes
        CountDownLatch inBuild = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Map<String, Array>> samples = new ArrayList<>();
        for (int r = 0; r < totalRows(); r++) {
            Array x = Mx.array(row(r), F);
            Array y = Mx.array(r, DType.INT32);
            callerArrays.add(x);
            callerArrays.add(y);
            AtomicInteger counter = r % BATCH == 0 ? built : null;
            boolean blocks = r == k * BATCH;
            samples.add(new CountingSample(x, y, counter) {
                @Override
                public Set<String> keySet() {
                    if (blocks) {
                        inBuild.countDown();
                        await(release);
                    }
                    return super.keySet();
                }
            });
        }
        withCallers = TestSupport.settledMemory();
        List<Map<String, Array>> got = new CopyOnWriteArrayList<>();
        AtomicInteger afterCancel = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        BaseSubscriber<Map<String, Array>> subscriber = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            protected void hookOnNext(Map<String, Array> b) {
                if (cancelled.get()) afterCancel.incrementAndGet();
                got.add(b);
            }

            @Override
            protected void hookFinally(SignalType type) {
                finished.countDown();
            }
        };
        DataLoader.fromSamples(samples).batchSize(BATCH).prefetch(PREFETCH).batches().subscribe(subscriber);
        assertThat(inBuild.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        cancelled.set(true);
        subscriber.cancel();
        release.countDown();
        assertThat(finished.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(got.size()).isLessThanOrEqualTo(k);
        checkAndClose(got);
        // the released build resumes on its own thread, maybe after the cancel has finished
        TestSupport.await("the blocked build resumed", () -> built.get() > k);
        TestSupport.awaitMemory(withCallers);
        assertThat(built.get()).as("the batch being built is the last one built").isEqualTo(k + 1);
        assertThat(afterCancel.get()).isZero();
        closeCallerArrays();
    }

    // ------------------------------------------------------------------ bounded demand

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arrays/take", "npy/limitRate(1)", "safetensors/publishOn(single, 1)", "samples/take",
            "samples/limitRate(1)", "samples/publishOn(single, 1)"})
    void boundedShapesGetExactlyTheirBatches(String modeAndShape) {
        String mode = modeAndShape.substring(0, modeAndShape.indexOf('/'));
        String shape = modeAndShape.substring(modeAndShape.indexOf('/') + 1);
        int n = 6;
        Function<Flux<Map<String, Array>>, Flux<Map<String, Array>>> f = switch (shape) {
            case "take" -> x -> x.take(n);
            case "limitRate(1)" -> x -> x.limitRate(1).take(n);
            default -> x -> x.publishOn(Schedulers.single(), 1).take(n);
        };
        DataLoader l = loader(mode);
        AtomicInteger emitted = new AtomicInteger();
        List<Map<String, Array>> got = l.batches().doOnNext(b -> emitted.incrementAndGet()).transform(f)
                .doOnDiscard(Map.class, m -> ((Map<?, ?>) m).values().forEach(a -> ((Array) a).close()))
                .collectList().block(TIMEOUT);
        assertThat(got).hasSize(n);
        checkAndClose(got);
        TestSupport.awaitMemory(withCallers);
        int e = emitted.get();
        assertThat(e).isBetween(n, shape.startsWith("publishOn") ? n + 1 : n);
        if (counts(mode)) {
            int beyond = shape.startsWith("publishOn") ? PREFETCH : PREFETCH - 1;
            assertThat(built.get()).isBetween(e, e + beyond);
        }
        closeCallerArrays();
    }

    // ------------------------------------------------------------------ errors

    @Test
    void aCorruptShardFailsTheFluxAfterTheBatchesBeforeIt() throws Exception {
        writeShards("npy");
        Path bad = dir.resolve("shard-03.npy");
        byte[] bytes = java.nio.file.Files.readAllBytes(bad);
        java.nio.file.Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length - 9));
        List<Map<String, Array>> got = new CopyOnWriteArrayList<>();
        Throwable error = DataLoader.fromDirectory(dir).batchSize(BATCH).prefetch(PREFETCH).batches()
                .doOnNext(got::add).then().materialize().block(TIMEOUT).getThrowable();
        assertThat(error).isNotNull();
        int rowsBefore = SHARD_ROWS[0] + SHARD_ROWS[1] + SHARD_ROWS[2];
        assertThat(got.size()).isLessThanOrEqualTo(rowsBefore / BATCH);
        checkAndClose(got);
    }

    @Test
    void aSampleThatCannotBeBatchedFailsWithNothingBuiltAfterIt() {
        List<Map<String, Array>> samples = new ArrayList<>();
        int badRow = 13; // in batch 3
        for (int r = 0; r < totalRows(); r++) {
            Array x = r == badRow ? Mx.array(new float[2 * F], 2, F) : Mx.array(row(r), F);
            Array y = Mx.array(r, DType.INT32);
            callerArrays.add(x);
            callerArrays.add(y);
            samples.add(new CountingSample(x, y, r % BATCH == 0 ? built : null));
        }
        withCallers = TestSupport.settledMemory();
        List<Map<String, Array>> got = new CopyOnWriteArrayList<>();
        AtomicInteger builtAtError = new AtomicInteger();
        Throwable error = DataLoader.fromSamples(samples).batchSize(BATCH).prefetch(PREFETCH).batches()
                .doOnNext(got::add).doOnError(e -> builtAtError.set(built.get()))
                .then().materialize().block(TIMEOUT).getThrowable();
        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'x' has shapes");
        assertThat(builtAtError.get()).as("batches built, the failing one last").isEqualTo(badRow / BATCH + 1);
        assertThat(got.size()).isBetween(badRow / BATCH + 1 - PREFETCH, badRow / BATCH);
        checkAndClose(got);
        TestSupport.awaitMemory(withCallers);
        assertThat(built.get()).isEqualTo(builtAtError.get());
        closeCallerArrays();
    }

    @Test
    void aFailingSampleSourceFailsTheFlux() {
        IllegalStateException boom = new IllegalStateException("the sample source fails");
        Iterable<Map<String, Array>> failing = () -> {
            throw boom;
        };
        Throwable error = DataLoader.fromSamples(failing).batchSize(BATCH).batches().then().materialize().block(TIMEOUT).getThrowable();
        assertThat(error).isSameAs(boom);
    }

    // ------------------------------------------------------------------ the cancel/add race

    /**
     * Cancels a file-mode loader at random moments while shards are being read and cut on
     * {@code boundedElastic}: every shard must be released exactly once, with no batch failing on a shard
     * closed too early (a kernel error) and active memory back to the baseline.
     */
    @Test
    void cancellingAFileLoaderAtRandomMomentsReleasesEveryShardOnce() throws InterruptedException {
        writeShards("safetensors");
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            Random rnd = new Random(5);
            for (int rep = 0; rep < 60; rep++) {
                int cancelAfter = rnd.nextInt(4);
                int spins = rnd.nextInt(20_000);
                List<Map<String, Array>> got = new CopyOnWriteArrayList<>();
                List<Throwable> errors = new CopyOnWriteArrayList<>();
                CountDownLatch finished = new CountDownLatch(1);
                boolean[] checked = {false}; // guarded by got: a batch delivered while the cancel races is closed here
                BaseSubscriber<Map<String, Array>> subscriber = new BaseSubscriber<>() {
                    @Override
                    protected void hookOnSubscribe(Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    protected void hookOnNext(Map<String, Array> b) {
                        synchronized (got) {
                            if (checked[0]) b.values().forEach(Array::close);
                            else got.add(b);
                        }
                    }

                    @Override
                    protected void hookOnError(Throwable t) {
                        errors.add(t);
                    }

                    @Override
                    protected void hookFinally(SignalType type) {
                        finished.countDown();
                    }
                };
                DataLoader.fromDirectory(dir).batchSize(3).prefetch(2).batches().subscribe(subscriber);
                TestSupport.await("batch " + cancelAfter, () -> got.size() >= cancelAfter || finished.getCount() == 0);
                for (int i = 0; i < spins; i++) Thread.onSpinWait();
                subscriber.cancel();
                assertThat(finished.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                assertThat(errors).as("repetition %d", rep).isEmpty();
                synchronized (got) { // a cancel from another thread may still meet a batch being delivered
                    checked[0] = true;
                    for (int b = 0; b < got.size(); b++) {
                        Map<String, Array> batch = got.get(b);
                        int[] y = batch.get("y").toIntArray();
                        for (int i = 0; i < y.length; i++) assertThat(y[i]).isEqualTo(b * 3 + i);
                        batch.values().forEach(Array::close);
                    }
                }
                TestSupport.awaitMemoryReleased(memory.bytes()); // closed, not collected
            }
            assertThat(dropped).isEmpty();
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    /**
     * The batcher itself, with shards the test holds: {@code add} on one thread and {@code discard} on another,
     * at random moments; afterwards every shard's reference count is exactly zero (released once per
     * reference, never twice) and its arrays are closed.
     */
    @Test
    void theBatcherReleasesEveryShardExactlyOnceWhenDiscardRacesAdd() throws Exception {
        Field refs = Shard.class.getDeclaredField("refs");
        refs.setAccessible(true);
        Random rnd = new Random(17);
        for (int rep = 0; rep < 400; rep++) {
            ShardBatcher batcher = new ShardBatcher(3, false, null, 0);
            List<Shard> shards = new ArrayList<>();
            int first = 0;
            for (int n : SHARD_ROWS) {
                Map<String, Array> cols = new LinkedHashMap<>();
                cols.put("x", rows(first, n));
                shards.add(new Shard("shard at " + first, cols, true));
                first += n;
            }
            List<ShardBatcher.Pending> pending = new CopyOnWriteArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Void> adder = CompletableFuture.runAsync(() -> {
                await(go);
                for (Shard s : shards) pending.addAll(batcher.add(s));
            }, Schedulers.boundedElastic()::schedule);
            int spins = rnd.nextInt(3000);
            go.countDown();
            for (int i = 0; i < spins; i++) Thread.onSpinWait();
            batcher.discard();
            adder.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            pending.addAll(batcher.flush());
            pending.forEach(ShardBatcher.Pending::close); // each batch cut is evaluated or discarded once
            for (Shard s : shards) {
                assertThat(((java.util.concurrent.atomic.AtomicInteger) refs.get(s)).get())
                        .as("references left on %s (repetition %d)", s.name, rep).isZero();
                assertThat(TestSupport.node(s.columns.get("x")).data()).as("%s closed", s.name).isNull();
            }
        }
    }

    /** After a discard (a cancel), a shard that still arrives is released at once and cuts no batch. */
    @Test
    void aShardAddedAfterTheBatcherWasDiscardedIsReleasedAtOnce() throws Exception {
        Field refs = Shard.class.getDeclaredField("refs");
        refs.setAccessible(true);
        ShardBatcher batcher = new ShardBatcher(3, false, null, 0);
        Shard first = new Shard("first", Map.of("x", rows(0, 4)), true);
        Shard late = new Shard("late", Map.of("x", rows(4, 5)), true);
        List<ShardBatcher.Pending> cut = batcher.add(first); // one batch of 3, one row pending
        assertThat(cut).hasSize(1);
        batcher.discard();
        assertThat(batcher.add(late)).isEmpty();
        assertThat(((java.util.concurrent.atomic.AtomicInteger) refs.get(late)).get()).isZero();
        assertThat(TestSupport.node(late.columns.get("x")).data()).as("closed").isNull();
        assertThat(batcher.flush()).isEmpty();
        cut.forEach(ShardBatcher.Pending::close);
        assertThat(((java.util.concurrent.atomic.AtomicInteger) refs.get(first)).get()).isZero();
        assertThat(TestSupport.node(first.columns.get("x")).data()).as("closed").isNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
