package org.mlx4j.reactive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Cuts a sequence of shards into batches of row indices, carrying a partial batch over to the next shard;
 * one instance per epoch. Each batch is a {@link Pending} description: its graph (gathers and a
 * concatenation) is built later by the prefetch stage, on the loader stream.
 *
 * <p>Thread-safe: shards arrive on a reading thread while a cancel discards the partial batch from the
 * cancelling thread; after {@link #discard()} every later shard is released at once.
 */
final class ShardBatcher {
    private final int batchSize;
    private final boolean dropLast;
    private final Long seed;
    private final int epoch;
    private List<Piece> pieces = new ArrayList<>();
    private int pendingRows;
    private int shardIndex;
    private Set<String> columnNames;
    private boolean discarded;

    ShardBatcher(int batchSize, boolean dropLast, Long seed, int epoch) {
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.seed = seed;
        this.epoch = epoch;
    }

    record Piece(Shard shard, int[] rows) {}

    /**
     * A batch to build: pieces of one or more shards. Closing it (once its batch is evaluated or will never
     * be) releases its shard references and the index arrays its graph used.
     */
    record Pending(List<Piece> pieces, AtomicBoolean released, List<Array> indices) implements AutoCloseable {
        Pending(List<Piece> pieces) {
            this(pieces, new AtomicBoolean(), new java.util.concurrent.CopyOnWriteArrayList<>());
        }

        Map<String, Array> build() {
            Map<String, Array> out = new LinkedHashMap<>();
            List<Array> idx = new ArrayList<>();
            for (Piece p : pieces) idx.add(Mx.array(p.rows(), p.rows().length));
            indices.addAll(idx);
            for (String col : pieces.get(0).shard().columns.keySet()) {
                List<Array> parts = new ArrayList<>();
                for (int i = 0; i < pieces.size(); i++) parts.add(Mx.take(pieces.get(i).shard().columns.get(col), idx.get(i), 0));
                out.put(col, parts.size() == 1 ? parts.get(0) : Mx.concatenate(parts, 0));
            }
            return out;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                for (Array a : indices) a.close();
                for (Piece p : pieces) p.shard().release();
            }
        }
    }

    /** The batches completed by this shard (the loader's own reference to the shard is released here). */
    synchronized List<Pending> add(Shard shard) {
        try {
            if (discarded) return List.of();
            if (columnNames == null) columnNames = shard.columns.keySet();
            else if (!columnNames.equals(shard.columns.keySet())) {
                throw new IllegalArgumentException("DataLoader: " + shard.name + " has columns " + shard.columns.keySet()
                        + " but earlier shards have " + columnNames);
            }
            int[] order = order(shard.rows, shardIndex++);
            List<Pending> out = new ArrayList<>();
            int pos = 0;
            while (pos < order.length) {
                int take = Math.min(batchSize - pendingRows, order.length - pos);
                int[] rows = java.util.Arrays.copyOfRange(order, pos, pos + take);
                shard.retain();
                pieces.add(new Piece(shard, rows));
                pendingRows += take;
                pos += take;
                if (pendingRows == batchSize) {
                    out.add(new Pending(pieces));
                    pieces = new ArrayList<>();
                    pendingRows = 0;
                }
            }
            return out;
        } finally {
            shard.release();
        }
    }

    /** The last partial batch, unless dropped. */
    synchronized List<Pending> flush() {
        if (discarded || pieces.isEmpty()) return List.of();
        Pending last = new Pending(pieces);
        pieces = new ArrayList<>();
        pendingRows = 0;
        if (dropLast) {
            last.close();
            return List.of();
        }
        return List.of(last);
    }

    /** Releases a partial batch on cancellation. */
    synchronized void discard() {
        discarded = true;
        new Pending(pieces).close();
        pieces = new ArrayList<>();
        pendingRows = 0;
    }

    private int[] order(int n, int shardIdx) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        if (seed != null) shuffle(idx, new Random(mix(seed, epoch, shardIdx)));
        return idx;
    }

    static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A per-(epoch, shard) seed from the loader's seed (splitmix64 finaliser). */
    static long mix(long seed, long a, long b) {
        long z = seed + 0x9E3779B97F4A7C15L * (a + 1) + 0xC2B2AE3D27D4EB4FL * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
