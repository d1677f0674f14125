package org.mlx4j.lm.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.cache.BatchKVCache;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.lm.models.LanguageModel;

/**
 * Continuous batching: concurrent requests share one batched decode step. Each request is prefilled alone, then
 * joins the batch (its cache becomes a row of each layer's {@link BatchKVCache}, left-padded, with its own positions
 * and mask); every step feeds each row's last token ({@code [B, 1]}), samples each row with its own options, and
 * hands each id to its {@link BatchRequest}. Rows leave between steps when they end (EOS, max tokens, cancel) and
 * pause while their reader is {@code bufferBound} ids behind. One thread of its own runs the loop; close it to stop.
 *
 * <pre>{@code
 * import org.mlx4j.lm.generate.*;
 * import org.mlx4j.lm.models.*;
 *
 * try (BatchGenerator batch = new BatchGenerator(new Llama(ModelConfig.llama(64, 32, 1, 4, 2, 64)), 8)) {
 *     BatchRequest a = batch.submit(new int[] {1, 2, 3}, GenerationOptions.defaults().withMaxTokens(4), Set.of(), 16);
 *     BatchRequest b = batch.submit(new int[] {4, 5}, GenerationOptions.defaults().withMaxTokens(6), Set.of(), 16);
 *     while (!(a.isDone() && b.isDone())) Thread.onSpinWait();
 *     assert a.buffered() == 4 && b.buffered() == 6;
 * }
 * }</pre>
 */
public final class BatchGenerator implements AutoCloseable {
    /** A sequence in the batch, paused, or waiting for its first step. */
    private static final class Row {
        final BatchRequest request;
        final TokenSampler sampler;
        List<KVCache> parked; // its cache while paused
        Array last;           // the token to feed next
        int generated;

        Row(BatchRequest request, TokenSampler sampler) {
            this.request = request;
            this.sampler = sampler;
        }
    }

    private final LanguageModel model;
    private final int maxBatch;
    private final List<BatchKVCache> cache = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Row> paused = new ArrayList<>();
    private final ConcurrentLinkedQueue<BatchRequest> submitted = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Thread thread;
    private volatile boolean closed;
    private boolean signalled;
    private long steps;

    /**
     * Starts the decode loop for {@code model}.
     *
     * @param model the model (shared by every request; used only from this generator's thread)
     * @param maxBatch the most sequences in one step
     * @throws IllegalArgumentException if {@code maxBatch} is below 1
     */
    public BatchGenerator(LanguageModel model, int maxBatch) {
        if (maxBatch < 1) throw new IllegalArgumentException("BatchGenerator: maxBatch must be at least 1, got " + maxBatch);
        this.model = model;
        this.maxBatch = maxBatch;
        for (int i = 0; i < model.config().numHiddenLayers(); i++) cache.add(new BatchKVCache());
        thread = Thread.ofPlatform().name("mlx4j-batch-generator").daemon().start(this::loop);
    }

    /**
     * Queues a sequence; it joins the batch at the next step with room.
     *
     * @param prompt the prompt ids (at least one, inside the vocabulary)
     * @param options sampling and max tokens (stop strings are the text layer's; the cache options do not apply)
     * @param eosTokenIds ids that end the sequence (not delivered), unless {@code options.ignoreEos()}
     * @param bufferBound how many undelivered ids pause the sequence, at least 1
     * @return the request, to poll and cancel
     * @throws IllegalArgumentException for an empty prompt, an id outside the vocabulary or a bound below 1
     * @throws IllegalStateException once closed
     */
    public BatchRequest submit(int[] prompt, GenerationOptions options, Set<Integer> eosTokenIds, int bufferBound) {
        if (closed) throw new IllegalStateException("BatchGenerator: closed");
        if (bufferBound < 1) throw new IllegalArgumentException("BatchGenerator.submit: bufferBound must be at least 1, got " + bufferBound);
        if (prompt.length == 0) throw new IllegalArgumentException("BatchGenerator.submit: the prompt is empty; give at least one token id");
        int vocab = model.config().vocabSize();
        for (int id : prompt) {
            if (id < 0 || id >= vocab) throw new IllegalArgumentException("BatchGenerator.submit: prompt token id " + id + " is outside [0, " + vocab + ")");
        }
        BatchRequest r = new BatchRequest(this, prompt, options, eosTokenIds, bufferBound);
        submitted.add(r);
        wake();
        return r;
    }

    /**
     * Sequences in the batch now (not counting paused or waiting ones); for monitoring.
     *
     * @return the rows of the last step
     */
    public int activeRows() { return cache.isEmpty() ? 0 : cache.get(0).rows(); }

    /**
     * Batched decode steps run so far.
     *
     * @return the step count
     */
    public long steps() { return steps; }

    void wake() {
        lock.lock();
        try {
            signalled = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                dropCancelled();
                resumeDrained();
                admitSubmitted();
                pauseFull();
                if (rows.isEmpty()) {
                    awaitWork();
                    continue;
                }
                step();
            } catch (RuntimeException | Error e) {
                failAll(e);
            }
        }
        failAll(null);
    }

    private void awaitWork() {
        lock.lock();
        try {
            while (!signalled && !closed) work.awaitUninterruptibly();
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    private void dropCancelled() {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).request.cancelled()) leave(i, null);
        }
        paused.removeIf(r -> {
            if (!r.request.cancelled()) return false;
            r.parked.forEach(KVCache::close);
            r.request.finish(null);
            return true;
        });
    }

    private void resumeDrained() {
        for (var it = paused.iterator(); it.hasNext() && rows.size() < maxBatch; ) {
            Row r = it.next();
            if (r.request.full()) continue;
            it.remove();
            join(r, r.parked);
            r.parked = null;
        }
    }

    private void admitSubmitted() {
        while (rows.size() < maxBatch && !submitted.isEmpty()) {
            BatchRequest req = submitted.poll();
            if (req.cancelled()) {
                req.finish(null);
                continue;
            }
            Row row = new Row(req, new TokenSampler(req.options, model.config().vocabSize()));
            if (req.options.maxTokens() == 0) {
                req.finish(null);
                continue;
            }
            List<KVCache> own = model.newCache();
            DecodeStep prefill = new DecodeStep(model, req.options, own, row.sampler);
            Array first = prefill.prefill(req.prompt, true);
            Mx.eval(first, own);
            if (deliver(row, first)) join(row, own);
            else own.forEach(KVCache::close);
        }
    }

    private void pauseFull() {
        for (int i = rows.size() - 1; i >= 0; i--) {
            Row r = rows.get(i);
            if (r.request.full()) {
                r.parked = leave(i, r);
                paused.add(r);
            }
        }
    }

    private void join(Row row, List<KVCache> own) {
        for (int l = 0; l < cache.size(); l++) cache.get(l).add(own.get(l));
        rows.add(row);
    }

    /** Takes row {@code i} out of the batch; keeps its cache for {@code keep} (pausing), else frees it and ends it. */
    private List<KVCache> leave(int i, Row keep) {
        List<KVCache> own = new ArrayList<>();
        for (BatchKVCache c : cache) own.add(c.remove(i));
        Row r = rows.remove(i);
        if (keep == null) {
            own.forEach(KVCache::close);
            r.request.finish(null);
        }
        return own;
    }

    private void step() {
        int b = rows.size();
        List<Array> tokens = new ArrayList<>(b);
        for (Row r : rows) {
            r.sampler.accept(r.last);
            tokens.add(r.last.astype(DType.INT32));
        }
        Array ids = Mx.reshape(Mx.concatenate(tokens, 0), new int[] {b, 1});
        Array last = DecodeStep.lastPosition(model.forward(ids, new ArrayList<>(cache)));
        List<Array> next = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            Array rowLogits = Mx.slice(last, new int[] {i, 0}, new int[] {i + 1, last.shape(1)}, new int[] {1, 1});
            next.add(rows.get(i).sampler.sample(rowLogits));
        }
        Mx.eval(next, cache);
        steps++;
        for (int i = b - 1; i >= 0; i--) {
            if (!deliver(rows.get(i), next.get(i))) leave(i, null);
        }
    }

    /** Hands a sampled token to the row's request; false when the row has ended. */
    private boolean deliver(Row row, Array token) {
        int id = token.intValue();
        BatchRequest req = row.request;
        if (!req.options.ignoreEos() && req.eosTokenIds.contains(id)) {
            if (!rows.contains(row)) req.finish(null);
            return false;
        }
        req.push(id);
        row.generated++;
        row.last = token;
        if (row.generated >= req.options.maxTokens()) {
            if (!rows.contains(row)) req.finish(null);
            return false;
        }
        req.signal();
        return true;
    }

    private void failAll(Throwable e) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            Row r = rows.remove(i);
            r.request.finish(e);
        }
        cache.forEach(BatchKVCache::close);
        for (Row r : paused) {
            r.parked.forEach(KVCache::close);
            r.request.finish(e);
        }
        paused.clear();
        if (closed) {
            for (BatchRequest r; (r = submitted.poll()) != null; ) r.finish(e);
        }
    }

    /** Stops the loop after the current step; every unfinished request ends (completed, no error). */
    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
