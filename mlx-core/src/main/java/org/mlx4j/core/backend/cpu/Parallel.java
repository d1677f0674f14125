package org.mlx4j.core.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits a loop over {@code [0, n)} across the machine's cores when it is big enough to pay
 * for the hand-off, and runs it inline on the calling thread when it is not.
 *
 * <p>A split loop is cut into a few more chunks than there are threads, and the calling thread and
 * {@code threads() - 1} pool workers take chunks from one counter until none are left: on a busy machine
 * a worker that is not scheduled in time leaves its chunks to the others instead of holding up the whole
 * loop (a fixed one-chunk-per-thread split waits for the slowest thread, so one preempted core doubles
 * the time of the operation).
 */
public final class Parallel {
    /** Work items below which a loop never forks (one fork/join costs a few microseconds). */
    public static final long DEFAULT_GRAIN = 1 << 15;
    /** Chunks per thread of a split loop, so that the threads can even out their share. */
    static final int CHUNKS_PER_THREAD = 4;

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
     * Runs {@code body} over {@code [0, n)}, in contiguous chunks of at least {@code grain} items (up to
     * {@link #CHUNKS_PER_THREAD} per thread), on at most {@link #threads()} threads at a time. Chunk
     * boundaries are multiples of {@code align} (except the end). The chunks are disjoint and cover the
     * range; their number and order are not specified.
     */
    public static void forRange(long n, long grain, long align, RangeBody body) {
        forRange(n, grain, align, (long) THREADS * CHUNKS_PER_THREAD, body);
    }

    public static void forRange(long n, long grain, RangeBody body) { forRange(n, grain, 1, body); }

    /**
     * As {@link #forRange(long, long, long, RangeBody)} with at most {@code maxChunks} chunks: for bodies
     * with a fixed cost per chunk (a GEMM packs a whole operand for each), {@link #threads()}.
     */
    public static void forRange(long n, long grain, long align, long maxChunks, RangeBody body) {
        if (n <= 0) return;
        long chunks = Math.min(maxChunks, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || POOL == null || ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == POOL) {
            body.run(0, n);
            return;
        }
        long per = ceilDiv(ceilDiv(n, chunks), align) * align;
        Chunks work = new Chunks(n, per, ceilDiv(n, per), body);
        int helpers = (int) Math.min(THREADS - 1, work.count - 1);
        @SuppressWarnings("unchecked")
        ForkJoinTask<Void>[] tasks = new ForkJoinTask[helpers];
        for (int i = 0; i < helpers; i++) tasks[i] = POOL.submit(work::drain, null);
        work.drain();
        for (ForkJoinTask<Void> t : tasks) {
            // a helper the pool has not started yet is taken back and finds nothing left to do
            t.join();
        }
        Throwable failure = work.failure.get();
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
    }

    /** The chunks of one split loop, handed out by one counter. */
    private static final class Chunks {
        final long n, per, count;
        final RangeBody body;
        final AtomicLong next = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Chunks(long n, long per, long count, RangeBody body) {
            this.n = n;
            this.per = per;
            this.count = count;
            this.body = body;
        }

        /** Runs chunks until none are left (or one failed: the rest are skipped, the first failure kept). */
        void drain() {
            for (long c; (c = next.getAndIncrement()) < count; ) {
                try {
                    body.run(c * per, Math.min(n, (c + 1) * per));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    next.set(count);
                }
            }
        }
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
