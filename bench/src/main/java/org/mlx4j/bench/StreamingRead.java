package org.mlx4j.bench;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.backend.cpu.Parallel;

/**
 * The machine's bandwidth for a buffer, as the matrix-vector benchmarks compare against it: the buffer
 * summed with the Vector API over the same {@link Parallel} pool the kernels use, and a driver timing an
 * operation and the read by the CPU time of all threads (which other processes on a busy machine move far
 * less than wall-clock time).
 */
final class StreamingRead {
    private StreamingRead() {}

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;

    /** The sum of {@code stream}'s floats: every byte read once. */
    static double sum(MemorySegment stream) {
        long n = stream.byteSize() / 4;
        DoubleAdder total = new DoubleAdder();
        Parallel.forRange(n, 1 << 16, FS.length(), (a, b) -> {
            FloatVector acc0 = FloatVector.zero(FS), acc1 = FloatVector.zero(FS);
            long i = a, step = FS.length();
            for (; i + 2 * step <= b; i += 2 * step) {
                acc0 = acc0.add(FloatVector.fromMemorySegment(FS, stream, 4 * i, ByteOrder.nativeOrder()));
                acc1 = acc1.add(FloatVector.fromMemorySegment(FS, stream, 4 * (i + step), ByteOrder.nativeOrder()));
            }
            float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
            for (; i < b; i++) s += stream.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
            total.add(s);
        });
        return total.sum();
    }

    /**
     * The median CPU milliseconds (all threads) of {@code product} and of {@code read} over {@code reps}
     * alternating runs, after ten unmeasured ones.
     */
    static double[] medianCpuMillis(int reps, Runnable product, Runnable read) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] p = new double[reps], q = new double[reps];
        for (int r = -10; r < reps; r++) {
            long c0 = cpu(threads);
            product.run();
            long c1 = cpu(threads);
            read.run();
            long c2 = cpu(threads);
            if (r >= 0) {
                p[r] = (c1 - c0) / 1e6;
                q[r] = (c2 - c1) / 1e6;
            }
        }
        Arrays.sort(p);
        Arrays.sort(q);
        return new double[] {p[reps / 2], q[reps / 2]};
    }

    private static long cpu(ThreadMXBean t) {
        long sum = 0;
        for (long id : t.getAllThreadIds()) sum += Math.max(0, t.getThreadCpuTime(id));
        return sum;
    }
}
