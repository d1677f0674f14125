package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.graph.Scheduler;

/**
 * Many threads evaluating overlapping graphs at the same moment, on two streams: every result is right, no
 * node is computed twice for one round beyond the recomputation of released intermediates, and nothing
 * deadlocks. Exercises both ways a schedule is committed: the plan made before taking the lock, and the walk
 * under it when another eval claimed part of that plan first.
 */
class ConcurrentEvalTest {
    private static final int THREADS = 8;
    private static final int N = 4096;

    @Test
    void overlappingEvaluationsFromManyThreadsAgreeWithAFloat64Reference() throws Exception {
        Stream[] streams = {Mx.newStream(Device.cpu()), Mx.newStream(Device.cpu())};
        float[] data = StreamTest.randomFloats(N, 41);
        Array x = Mx.array(data);
        // primitives of the shared chain, and of one thread's whole graph, evaluated alone
        long c0 = Scheduler.computedCount();
        Mx.eval(x.multiply(0.5).add(0).tanh());
        long sharedCount = Scheduler.computedCount() - c0;
        c0 = Scheduler.computedCount();
        Mx.eval(x.multiply(0.5).add(0).tanh().multiply(2).sum());
        long wholeCount = Scheduler.computedCount() - c0;
        long ownCount = wholeCount - sharedCount;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 100; round++) {
                Array shared;
                try (var s = Mx.withStream(streams[round % 2])) {
                    shared = x.multiply(0.5).add(round).tanh(); // unscheduled, needed by every thread
                }
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<Float>> results = new ArrayList<>();
                long before = Scheduler.computedCount();
                for (int t = 0; t < THREADS; t++) {
                    int k = t;
                    results.add(pool.submit(() -> {
                        Array out;
                        try (var s = Mx.withStream(streams[k % 2])) {
                            out = shared.multiply(k + 1).sum();
                        }
                        start.await(10, TimeUnit.SECONDS);
                        return out.floatValue();
                    }));
                }
                for (int t = 0; t < THREADS; t++) {
                    double expected = 0;
                    for (float v : data) expected += Math.tanh(v * 0.5 + round) * (t + 1);
                    assertThat((double) results.get(t).get(30, TimeUnit.SECONDS))
                            .as("round %d, thread %d", round, t)
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3 * Math.max(1, Math.abs(expected))));
                }
                // each thread's own part once; the shared chain at least once, at most once per thread (an
                // intermediate given back after its last consumer is computed again by a later eval)
                assertThat(Scheduler.computedCount() - before)
                        .isBetween(ownCount * THREADS + sharedCount, wholeCount * THREADS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
