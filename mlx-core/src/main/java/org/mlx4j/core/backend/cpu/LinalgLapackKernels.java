package org.mlx4j.core.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;

/**
 * Runs one matrix of a {@link LinalgEval.Matrices} batch on LAPACK ({@link LinalgLapack}), in the input's
 * precision, working in place in the output blocks where the routine allows it.
 */
final class LinalgLapackKernels {
    private LinalgLapackKernels() {}

    static void run(LinalgEval.Matrices job, long b, Arena arena) {
        int m = job.m(), n = job.n(), k = job.k();
        boolean single = job.single();
        DType t = job.dtype();
        String op = job.op();
        switch (job.kind()) {
            case LU_FACTOR -> {
                MemorySegment lu = job.out(0, b).copyFrom(job.in(0, b));
                MemorySegment ipiv = arena.allocate(LinalgLapack.intBytes() * Math.max(1, k));
                check(op, LinalgLapack.call(single, "getrf", m, n, lu, n, ipiv), false);
                int[] pivots = new int[k], rows = new int[m];
                for (int i = 0; i < m; i++) rows[i] = i;
                for (int j = 0; j < k; j++) {
                    int p = LinalgLapack.intAt(ipiv, j) - 1;
                    pivots[j] = p;
                    int tmp = rows[j];
                    rows[j] = rows[p];
                    rows[p] = tmp;
                }
                LinalgEval.writeUint32(job.out(1, b), pivots);
                LinalgEval.writeUint32(job.out(2, b), LinalgEval.inverse(rows));
            }
            case QR -> {
                MemorySegment a = scratch(arena, job.in(0, b));
                MemorySegment tau = arena.allocate(t.size() * (long) Math.max(1, k));
                check(op, LinalgLapack.call(single, "geqrf", m, n, a, n, tau), false);
                MemorySegment r = job.out(1, b);
                long e = t.size();
                r.fill((byte) 0);
                for (int i = 0; i < k; i++) {
                    MemorySegment.copy(a, (i * (long) n + i) * e, r, (i * (long) n + i) * e, (n - i) * e);
                }
                check(op, LinalgLapack.call(single, "orgqr", m, k, k, a, n, tau), false);
                MemorySegment q = job.out(0, b);
                for (int i = 0; i < m; i++) MemorySegment.copy(a, i * (long) n * e, q, i * (long) k * e, k * e);
            }
            case SVD, SVD_VALUES -> {
                MemorySegment a = scratch(arena, job.in(0, b));
                if (job.kind() == org.mlx4j.core.primitives.LinalgKind.SVD) {
                    check(op, LinalgLapack.call(single, "gesdd", 'A', m, n, a, n, job.out(1, b), job.out(0, b), m,
                            job.out(2, b), n), true);
                } else {
                    check(op, LinalgLapack.call(single, "gesdd", 'N', m, n, a, n, job.out(0, b), MemorySegment.NULL, 1,
                            MemorySegment.NULL, 1), true);
                }
            }
            case EIGH -> {
                MemorySegment v = job.out(1, b).copyFrom(job.in(0, b));
                check(op, LinalgLapack.call(single, "syevd", 'V', 'L', n, v, n, job.out(0, b)), true);
            }
            case EIGVALSH -> {
                MemorySegment a = scratch(arena, job.in(0, b));
                check(op, LinalgLapack.call(single, "syevd", 'N', 'L', n, a, n, job.out(0, b)), true);
            }
            case EIG, EIGVALS -> {
                boolean vectors = job.kind() == org.mlx4j.core.primitives.LinalgKind.EIG;
                MemorySegment a = scratch(arena, job.in(0, b));
                MemorySegment wr = arena.allocate(t.size() * (long) n), wi = arena.allocate(t.size() * (long) n);
                MemorySegment vr = vectors ? arena.allocate(t.size() * (long) n * n) : MemorySegment.NULL;
                check(op, LinalgLapack.call(single, "geev", 'N', vectors ? 'V' : 'N', n, a, n, wr, wi,
                        MemorySegment.NULL, 1, vr, vectors ? n : 1), true);
                LinalgEval.writeEigen(LinalgEval.read(wr, t), LinalgEval.read(wi, t), vectors ? LinalgEval.read(vr, t) : null,
                        n, job.out(0, b), vectors ? job.out(1, b) : null);
            }
            case CHOLESKY -> {
                MemorySegment l = job.out(0, b).copyFrom(job.in(0, b));
                int info = LinalgLapack.call(single, "potrf", 'L', n, l, n);
                if (info > 0) {
                    throw new IllegalArgumentException(op + ": the matrix is not positive definite (leading minor of order "
                            + info + ")");
                }
                check(op, info, false);
                zeroAbove(l, n, t);
            }
            case INV -> {
                MemorySegment x = job.out(0, b).copyFrom(job.in(0, b));
                MemorySegment ipiv = arena.allocate(LinalgLapack.intBytes() * n);
                check(op, LinalgLapack.call(single, "getrf", n, n, x, n, ipiv), true);
                check(op, LinalgLapack.call(single, "getri", n, x, n, ipiv), true);
            }
            case TRI_INV -> {
                MemorySegment x = job.out(0, b).copyFrom(job.in(0, b));
                zeroAbove(x, n, t);
                check(op, LinalgLapack.call(single, "trtri", 'L', 'N', n, x, n), true);
            }
            case SOLVE -> {
                MemorySegment a = scratch(arena, job.in(0, b));
                MemorySegment x = job.out(0, b).copyFrom(job.in(1, b));
                MemorySegment ipiv = arena.allocate(LinalgLapack.intBytes() * n);
                int r = job.rhs();
                check(op, LinalgLapack.call(single, "gesv", n, r, a, n, ipiv, x, Math.max(1, r)), true);
            }
        }
    }

    private static MemorySegment scratch(Arena arena, MemorySegment from) {
        return arena.allocate(Math.max(1, from.byteSize()), 64).copyFrom(from);
    }

    private static void zeroAbove(MemorySegment x, int n, DType t) {
        long e = t.size();
        for (int i = 0; i < n - 1; i++) x.asSlice((i * (long) n + i + 1) * e, (n - 1 - i) * e).fill((byte) 0);
    }

    /** {@code info < 0}: a bad argument (a bug here); {@code info > 0}: singular, or no convergence, when it matters. */
    private static void check(String op, int info, boolean positiveFails) {
        if (info < 0) throw new IllegalStateException(op + ": LAPACK rejected argument " + (-info));
        if (info > 0 && positiveFails) {
            throw op.equals("linalg.inv") || op.equals("linalg.solve") || op.equals("linalg.tri_inv")
                    ? LinalgJavaLu.singular(op)
                    : new IllegalArgumentException(op + ": LAPACK did not converge (info " + info + ")");
        }
    }
}
