package org.mlx4j.core.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;

/**
 * Maps a batched matrix product of strided views onto GEMM calls: each operand is used in place when
 * its matrices are row-major or transposed with a uniform batch stride (broadcast batches have stride
 * 0), and copied to row-major otherwise. Half-precision operands are computed in float32: a few rows times
 * a transposed row-major matrix (a decode step) by {@link HalfMatvec}, reading the halves once; otherwise
 * converted to float32 copies for GEMM.
 */
final class MatmulEval {
    private MatmulEval() {}

    /** An operand as GEMM sees it. */
    private record Operand(MemorySegment segment, long offset, long ld, long batchStride, boolean transposed) {}

    /** Scratch copies of the operands live in a shared arena: {@link CopyKernels} fills them from pool threads. */
    static void matmul(StridedView a, StridedView b, StridedView out) {
        int nd = out.ndim();
        int m = out.shape()[nd - 2], n = out.shape()[nd - 1], k = a.shape()[nd - 1];
        long batch = out.size() / Math.max(1, (long) m * n);
        if (out.size() == 0) return;
        if (k == 0) {
            CopyKernels.fill(out, 0);
            return;
        }
        DType t = out.dtype();
        if (t == DType.FLOAT16 || t == DType.BFLOAT16) {
            if (HalfMatvec.tryMatmul(a, b, out)) return;
            try (Arena arena = Arena.ofShared()) {
                StridedView a32 = toFloat32(a, arena), b32 = toFloat32(b, arena);
                StridedView o32 = StridedView.contiguous(arena.allocate(out.size() * 4, 64), DType.FLOAT32, out.shape());
                matmul(a32, b32, o32);
                CopyKernels.copy(o32, out);
            }
            return;
        }
        try (Arena scratch = Arena.ofShared()) {
            Operand x = operand(a, m, k, scratch), y = operand(b, k, n, scratch);
            gemm(t, (int) batch, m, n, k, x, y, out);
        }
    }

    private static void gemm(DType t, int batch, int m, int n, int k, Operand x, Operand y, StridedView out) {
        if (t == DType.FLOAT32) {
            Gemm.sgemmBatched(batch, x.transposed, y.transposed, m, n, k, 1f,
                    x.segment, x.offset, x.ld, x.batchStride, y.segment, y.offset, y.ld, y.batchStride,
                    0f, out.segment(), 0, n, (long) m * n);
        } else if (t == DType.FLOAT64) {
            Gemm.dgemmBatched(batch, x.transposed, y.transposed, m, n, k, 1.0,
                    x.segment, x.offset, x.ld, x.batchStride, y.segment, y.offset, y.ld, y.batchStride,
                    0.0, out.segment(), 0, n, (long) m * n);
        } else {
            throw new IllegalArgumentException("matmul: unsupported dtype " + t.mlxName());
        }
    }

    private static StridedView toFloat32(StridedView v, Arena arena) {
        StridedView c = StridedView.contiguous(arena.allocate(v.size() * 4, 64), DType.FLOAT32, v.shape());
        CopyKernels.copy(v, c);
        return c;
    }

    /** Uses {@code v} (matrices rows x cols) in place when GEMM can read it, else a row-major copy. */
    private static Operand operand(StridedView v, int rows, int cols, Arena scratch) {
        int nd = v.ndim();
        long rs = rows == 1 ? cols : v.strides()[nd - 2];
        long cs = cols == 1 ? 1 : v.strides()[nd - 1];
        long batchStride = uniformBatchStride(v);
        if (batchStride >= 0) {
            if (cs == 1 && rs >= cols) return new Operand(v.segment(), v.offset(), rs, batchStride, false);
            long rsT = rows == 1 ? 1 : v.strides()[nd - 2];
            long csT = cols == 1 ? rows : v.strides()[nd - 1];
            if (rsT == 1 && csT >= rows) return new Operand(v.segment(), v.offset(), csT, batchStride, true);
        }
        MemorySegment copy = scratch.allocate(v.size() * v.dtype().size(), 64);
        CopyKernels.copy(v, StridedView.contiguous(copy, v.dtype(), v.shape()));
        return new Operand(copy, 0, cols, (long) rows * cols, false);
    }

    /** The single stride between consecutive matrices of the flattened batch, or -1 if there is none. */
    private static long uniformBatchStride(StridedView v) {
        long stride = -1, span = 0;
        for (int i = v.ndim() - 3; i >= 0; i--) {
            int d = v.shape()[i];
            if (d == 1) continue;
            long s = v.strides()[i];
            if (stride == -1) {
                stride = s;
                span = d;
            } else {
                if (s != stride * span) return -1;
                span *= d;
            }
        }
        return stride == -1 ? 0 : (stride < 0 ? -1 : stride);
    }
}
