package org.mlx4j.core.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.Data;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.memory.Allocator;
import org.mlx4j.core.memory.Buffer;
import org.mlx4j.core.primitives.LinalgFactor;
import org.mlx4j.core.primitives.LinalgKind;

/**
 * Evaluates a {@link LinalgFactor} node: copies each input into a row-major block, then runs every matrix of
 * the batch on LAPACK ({@link LinalgLapackKernels}) when the loaded library has it, else on the pure-Java
 * kernels ({@link LinalgJavaKernels}, matrices of a batch in parallel). The system property
 * {@code mlx4j.linalg.java=true} forces the Java kernels (read at each evaluation).
 */
final class LinalgEval {
    private LinalgEval() {}

    /** Whether this evaluation uses LAPACK. */
    static boolean useLapack() { return !Boolean.getBoolean("mlx4j.linalg.java") && LinalgLapack.isAvailable(); }

    static Data[] eval(LinalgFactor f, Node node) {
        Node[] in = node.inputs(), outs = node.outputs();
        Buffer[] buffers = new Buffer[outs.length];
        try (Arena arena = Arena.ofShared()) {
            MemorySegment[] inputs = new MemorySegment[in.length];
            for (int i = 0; i < in.length; i++) {
                inputs[i] = arena.allocate(Math.max(1, in[i].size() * in[i].dtype.size()), 64);
                CopyKernels.copy(CpuBackend.view(in[i]), StridedView.contiguous(inputs[i], in[i].dtype, in[i].shape));
            }
            MemorySegment[] outputs = new MemorySegment[outs.length];
            for (int o = 0; o < outs.length; o++) {
                buffers[o] = Allocator.instance().allocate(outs[o].size() * outs[o].dtype.size());
                outputs[o] = buffers[o].segment();
            }
            int[] shape = in[0].shape;
            int m = shape[shape.length - 2], n = shape[shape.length - 1];
            long batch = sizeOfBatch(shape);
            Matrices job = new Matrices(f.kind(), in[0].dtype, m, n, in, outs, inputs, outputs);
            if (batch > 0) {
                if (useLapack() && job.nonEmpty()) { // empty matrices (identity factors, say) take the Java kernels
                    LapackThread.run(() -> {
                        for (long b = 0; b < batch; b++) LinalgLapackKernels.run(job, b, arena);
                    });
                } else {
                    Parallel.forRange(batch, 1, 1, Parallel.threads(), (lo, hi) -> {
                        for (long b = lo; b < hi; b++) LinalgJavaKernels.run(job, b);
                    });
                }
            }
            Data[] result = new Data[outs.length];
            for (int o = 0; o < outs.length; o++) result[o] = Data.contiguous(buffers[o], outs[o].shape);
            return result;
        } catch (Throwable t) {
            for (Buffer b : buffers) if (b != null) b.release();
            throw t;
        }
    }

    /**
     * The thread LAPACK runs on. OpenBLAS's LAPACK keeps large work areas on the stack (its parallel LU holds a
     * per-thread job table there, several MiB), more than the 1 MiB default of Java threads, so calls go to one
     * thread with a 64 MiB stack (reserved, committed only as used), and the evaluating thread waits for them.
     */
    private static final class LapackThread {
        private static final java.util.concurrent.ExecutorService EXECUTOR =
                java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(null, r, "mlx4j-lapack", 64L << 20);
                    t.setDaemon(true);
                    return t;
                });

        static void run(Runnable work) {
            try {
                EXECUTOR.submit(work).get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("linalg: interrupted while waiting for LAPACK", e);
            }
        }
    }

    private static long sizeOfBatch(int[] shape) {
        long b = 1;
        for (int i = 0; i < shape.length - 2; i++) b *= shape[i];
        return b;
    }

    /**
     * One evaluation's matrices: row-major inputs and outputs, each a batch of equal blocks; {@code slice}
     * gives matrix {@code b} of an input or output.
     */
    record Matrices(LinalgKind kind, DType dtype, int m, int n, Node[] inNodes, Node[] outNodes,
                    MemorySegment[] inputs, MemorySegment[] outputs) {
        int k() { return Math.min(m, n); }

        boolean single() { return dtype == DType.FLOAT32; }

        String op() { return kind.mlxName(); }

        /** Columns of SOLVE's right-hand sides. */
        int rhs() { int[] s = outNodes[0].shape; return s[s.length - 1]; }

        boolean nonEmpty() { return m > 0 && n > 0 || kind == LinalgKind.SOLVE && n > 0; }

        MemorySegment in(int i, long b) { return slice(inputs[i], inNodes[i], b); }

        MemorySegment out(int o, long b) { return slice(outputs[o], outNodes[o], b); }

        private MemorySegment slice(MemorySegment s, Node node, long b) {
            long batch = sizeOfBatch(inNodes[0].shape);
            long bytes = node.size() * node.dtype.size() / Math.max(1, batch);
            return s.asSlice(b * bytes, bytes);
        }
    }

    // ---- element conversion between float32/float64 blocks and double[]

    static double[] read(MemorySegment s, DType t) {
        int count = (int) (s.byteSize() / t.size());
        double[] r = new double[count];
        if (t == DType.FLOAT32) for (int i = 0; i < count; i++) r[i] = s.getAtIndex(ValueLayout.JAVA_FLOAT, i);
        else for (int i = 0; i < count; i++) r[i] = s.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
        return r;
    }

    static void write(MemorySegment s, DType t, double[] v) {
        int count = (int) (s.byteSize() / t.size());
        if (t == DType.FLOAT32) for (int i = 0; i < count; i++) s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) v[i]);
        else for (int i = 0; i < count; i++) s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v[i]);
    }

    static void writeUint32(MemorySegment s, int[] v) {
        for (int i = 0; i < v.length; i++) s.setAtIndex(ValueLayout.JAVA_INT, i, v[i]);
    }

    /** MLX's {@code p} from LU's row order: row {@code rows[i]} of the input is row {@code i} of {@code L U}. */
    static int[] inverse(int[] rows) {
        int[] p = new int[rows.length];
        for (int i = 0; i < rows.length; i++) p[rows[i]] = i;
        return p;
    }

    /**
     * Complex64 eigenpairs from LAPACK's real encoding: a complex pair {@code w_j = wr_j + i wi_j} ({@code wi_j > 0})
     * and its conjugate take columns {@code j} and {@code j + 1} of {@code vr} as {@code vr_j +- i vr_{j+1}}.
     */
    static void writeEigen(double[] wr, double[] wi, double[] vr, int n, MemorySegment w, MemorySegment v) {
        for (int j = 0; j < n; j++) {
            w.setAtIndex(ValueLayout.JAVA_FLOAT, 2L * j, (float) wr[j]);
            w.setAtIndex(ValueLayout.JAVA_FLOAT, 2L * j + 1, (float) wi[j]);
        }
        if (v == null) return;
        for (int j = 0; j < n; j++) {
            boolean first = wi[j] > 0 && j + 1 < n, second = wi[j] < 0 && j > 0;
            for (int i = 0; i < n; i++) {
                double re, im;
                if (first) {
                    re = vr[i * n + j];
                    im = vr[i * n + j + 1];
                } else if (second) {
                    re = vr[i * n + j - 1];
                    im = -vr[i * n + j];
                } else {
                    re = vr[i * n + j];
                    im = 0;
                }
                v.setAtIndex(ValueLayout.JAVA_FLOAT, 2L * (i * n + j), (float) re);
                v.setAtIndex(ValueLayout.JAVA_FLOAT, 2L * (i * n + j) + 1, (float) im);
            }
        }
    }
}
