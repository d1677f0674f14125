package org.mlx4j.core.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over {@code [0, n)} across the machine's cores when it is big enough to pay
 * for the hand-off, and runs it inline on the calling thread when it is not.
 */
public final class Parallel {
    /** Work items below which a loop never forks (one fork/join costs a few microseconds). */
    public static final long DEFAULT_GRAIN = 1 << 15;

    private static final int THREADS = Math.max(1,
            Integer.getInteger("mlx4j.cpu.threads", Runtime.getRuntime().availableProcessors()));
    private static final ForkJoinPool POOL = THREADS == 1 ? null : new ForkJoinPool(THREADS,
            pool -> {
                var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("mlx4j-cpu-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);

    private Parallel() {}

    /** A body that handles the index range {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(long start, long end);
    }

    public static int threads() { return THREADS; }

    /**
     * Runs {@code body} over {@code [0, n)}, in at most {@link #threads()} contiguous chunks of at
     * least {@code grain} items each. Chunk boundaries are multiples of {@code align} (except the end).
     */
    public static void forRange(long n, long grain, long align, RangeBody body) {
        if (n <= 0) return;
        int chunks = (int) Math.min(THREADS, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || POOL == null || ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == POOL) {
            body.run(0, n);
            return;
        }
        long per = ceilDiv(ceilDiv(n, chunks), align) * align;
        @SuppressWarnings("unchecked")
        ForkJoinTask<Void>[] tasks = new ForkJoinTask[chunks - 1];
        int submitted = 0;
        for (int c = 1; c < chunks; c++) {
            long s = c * per, e = Math.min(n, s + per);
            if (s >= e) break;
            tasks[submitted++] = POOL.submit(() -> body.run(s, e), null);
        }
        Throwable failure = null;
        try {
            body.run(0, Math.min(n, per));
        } catch (Throwable t) {
            failure = t;
        }
        for (int i = 0; i < submitted; i++) {
            try {
                tasks[i].join();
            } catch (Throwable t) {
                if (failure == null) failure = t;
            }
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
    }

    public static void forRange(long n, long grain, RangeBody body) { forRange(n, grain, 1, body); }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
