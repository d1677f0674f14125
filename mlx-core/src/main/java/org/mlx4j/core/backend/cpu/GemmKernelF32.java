package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 blocked GEMM of {@link VectorGemm} for one thread, over one rectangle of C. It packs
 * blocks of op(A) and op(B) into cache-sized buffers and runs an MR x NR register-tiled
 * micro-kernel over them (the Goto/BLIS scheme: a KC x NC panel of B in L3, an MC x KC block of
 * A in L2, one KC x NR micro-panel of B in L1).
 *
 * <p>Packed A is row-major with a fixed row stride of KC, so the kernel's MR broadcasts use
 * constant displacements and a row-major A packs by plain copies. Packed B is a run of NR-wide
 * micro-panels, each k step NR contiguous values. Operands stored the other way round are
 * transposed in registers while packing ({@link GemmTranspose}). Alpha is folded into packed A.
 */
final class GemmKernelF32 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int VL = S.length();
    /** 32 vector registers (AVX-512, NEON, SVE) take the 12-row kernel, 16 (AVX2) the 6-row one. */
    static final boolean WIDE = VectorGemm.wideRegisterFile(S.vectorBitSize());
    static final int MR = WIDE ? 12 : 6;
    static final int NR = 2 * VL;
    static final int KC = roundUp(Integer.getInteger("mlx4j.gemm.f32.kc", 256), VL);
    static final int MC = roundUp(Integer.getInteger("mlx4j.gemm.f32.mc", WIDE ? 192 : 144), MR);
    static final int NC = roundUp(Integer.getInteger("mlx4j.gemm.f32.nc", 4096), NR);

    private static final ValueLayout.OfFloat E = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private static final class Workspace {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] a(int size) { return a.length >= size ? a : (a = new float[size]); }

        float[] b(int size) { return b.length >= size ? b : (b = new float[size]); }
    }

    private GemmKernelF32() {}

    static int roundUp(int x, int m) { return Math.max(m, (x + m - 1) / m * m); }

    /**
     * C[r0..r1, c0..c1] = alpha * op(A) op(B) + beta * C over that rectangle, on the calling thread.
     * Requires k > 0 (the caller handles k == 0 and alpha == 0). Offsets and strides in elements.
     */
    static void gemm(boolean transA, boolean transB, int r0, int r1, int c0, int c1, int k, float alpha,
                     MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                     float beta, MemorySegment c, long cOff, long ldc) {
        Workspace ws = WORKSPACE.get();
        float[] bp = ws.b(Math.min(KC, k) * Math.min(NC, roundUp(c1 - c0, NR)));
        float[] ap = ws.a(KC * Math.min(MC, roundUp(r1 - r0, MR)));
        float[] tile = ws.tile;
        long ldcBytes = ldc * Float.BYTES;
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaNow = pc == 0 ? beta : 1;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = r0; ic < r1; ic += MC) {
                    int mc = Math.min(MC, r1 - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, ap);
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = Math.min(MR, mc - ir);
                        for (int jr = 0; jr < nc; jr += NR) {
                            int nr = Math.min(NR, nc - jr);
                            long cIdx = cOff + (ic + ir) * ldc + jc + jr;
                            boolean full = mr == MR && nr == NR;
                            if (WIDE) {
                                kernel12(kc, ap, ir * KC, bp, jr * kc, full ? null : tile, c, cIdx * Float.BYTES, ldcBytes, betaNow);
                            } else {
                                kernel6(kc, ap, ir * KC, bp, jr * kc, full ? null : tile, c, cIdx * Float.BYTES, ldcBytes, betaNow);
                            }
                            if (!full) updateC(tile, mr, nr, betaNow, c, cIdx, ldc);
                        }
                    }
                }
            }
        }
    }

    /** Packs alpha * op(A)[ic..ic+mc, pc..pc+kc] row-major with row stride KC; rows up to a multiple of MR are zero. */
    static void packA(boolean transA, MemorySegment a, long aOff, long lda, int ic, int mc, int pc, int kc,
                      float alpha, float[] ap) {
        if (!transA) {
            FloatVector va = FloatVector.broadcast(S, alpha);
            int kv = kc - kc % VL;
            VectorMask<Float> tail = S.indexInRange(kv, kc);
            for (int r = 0; r < mc; r++) {
                long src = (aOff + (long) (ic + r) * lda + pc) * Float.BYTES;
                int dst = r * KC;
                for (int p = 0; p < kv; p += VL) {
                    FloatVector.fromMemorySegment(S, a, src + (long) p * Float.BYTES, ORDER).mul(va).intoArray(ap, dst + p);
                }
                // KC is a multiple of VL, so the whole last vector fits in the row's slot.
                if (kv < kc) FloatVector.fromMemorySegment(S, a, src + (long) kv * Float.BYTES, ORDER, tail).mul(va).intoArray(ap, dst + kv);
            }
        } else {
            GemmTranspose.transpose(a, (aOff + (long) pc * lda + ic) * Float.BYTES, lda * Float.BYTES, kc, mc, alpha, ap, 0, KC);
        }
        for (int r = mc, end = roundUp(mc, MR); r < end; r++) {
            java.util.Arrays.fill(ap, r * KC, r * KC + kc, 0f);
        }
    }

    /** Packs op(B)[pc..pc+kc, jc..jc+nc] into NR-column micro-panels; columns past nc are zero. */
    static void packB(boolean transB, MemorySegment b, long bOff, long ldb, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    long src = (bOff + (long) (pc + p) * ldb + jc + jr) * Float.BYTES;
                    int dst = base + p * NR;
                    for (int v = 0; v < NR; v += VL) {
                        if (v + VL <= nr) {
                            FloatVector.fromMemorySegment(S, b, src + (long) v * Float.BYTES, ORDER).intoArray(bp, dst + v);
                        } else {
                            FloatVector.fromMemorySegment(S, b, src + (long) v * Float.BYTES, ORDER, S.indexInRange(v, nr)).intoArray(bp, dst + v);
                        }
                    }
                }
            } else {
                GemmTranspose.transpose(b, (bOff + (long) (jc + jr) * ldb + pc) * Float.BYTES, ldb * Float.BYTES, nr, kc, 1f, bp, base, NR);
                if (nr < NR) {
                    for (int p = 0; p < kc; p++) java.util.Arrays.fill(bp, base + p * NR + nr, base + p * NR + NR, 0f);
                }
            }
        }
    }

    /**
     * The 12-row micro-kernel: acc[r][j] = sum over p of ap[ai + r*KC + p] * bp[bi + p*NR + j]. With tile
     * null the accumulators go straight to C (C = acc + beta * C), else into the MR x NR tile.
     */
    static void kernel12(int kc, float[] ap, int ai, float[] bp, int bi, float[] tile,
                         MemorySegment c, long co, long ldcBytes, float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        FloatVector c80 = z, c81 = z, c90 = z, c91 = z, ca0 = z, ca1 = z, cb0 = z, cb1 = z;
        for (int p = 0; p < kc; p++) {
            int bj = bi + p * NR, aj = ai + p;
            FloatVector b0 = FloatVector.fromArray(S, bp, bj), b1 = FloatVector.fromArray(S, bp, bj + VL);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[aj]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[aj + 1 * KC]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[aj + 2 * KC]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[aj + 3 * KC]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[aj + 4 * KC]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[aj + 5 * KC]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[aj + 6 * KC]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[aj + 7 * KC]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, ap[aj + 8 * KC]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, ap[aj + 9 * KC]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(S, ap[aj + 10 * KC]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
            x = FloatVector.broadcast(S, ap[aj + 11 * KC]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
        }
        if (tile == null) {
            FloatVector vb = FloatVector.broadcast(S, beta);
            long vo = (long) VL * Float.BYTES;
            store(c00, c, co, beta, vb); store(c01, c, co + vo, beta, vb);
            store(c10, c, co + 1 * ldcBytes, beta, vb); store(c11, c, co + 1 * ldcBytes + vo, beta, vb);
            store(c20, c, co + 2 * ldcBytes, beta, vb); store(c21, c, co + 2 * ldcBytes + vo, beta, vb);
            store(c30, c, co + 3 * ldcBytes, beta, vb); store(c31, c, co + 3 * ldcBytes + vo, beta, vb);
            store(c40, c, co + 4 * ldcBytes, beta, vb); store(c41, c, co + 4 * ldcBytes + vo, beta, vb);
            store(c50, c, co + 5 * ldcBytes, beta, vb); store(c51, c, co + 5 * ldcBytes + vo, beta, vb);
            store(c60, c, co + 6 * ldcBytes, beta, vb); store(c61, c, co + 6 * ldcBytes + vo, beta, vb);
            store(c70, c, co + 7 * ldcBytes, beta, vb); store(c71, c, co + 7 * ldcBytes + vo, beta, vb);
            store(c80, c, co + 8 * ldcBytes, beta, vb); store(c81, c, co + 8 * ldcBytes + vo, beta, vb);
            store(c90, c, co + 9 * ldcBytes, beta, vb); store(c91, c, co + 9 * ldcBytes + vo, beta, vb);
            store(ca0, c, co + 10 * ldcBytes, beta, vb); store(ca1, c, co + 10 * ldcBytes + vo, beta, vb);
            store(cb0, c, co + 11 * ldcBytes, beta, vb); store(cb1, c, co + 11 * ldcBytes + vo, beta, vb);
        } else {
            c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + VL);
            c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + VL);
            c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + VL);
            c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + VL);
            c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + VL);
            c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + VL);
            c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + VL);
            c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + VL);
            c80.intoArray(tile, 8 * NR); c81.intoArray(tile, 8 * NR + VL);
            c90.intoArray(tile, 9 * NR); c91.intoArray(tile, 9 * NR + VL);
            ca0.intoArray(tile, 10 * NR); ca1.intoArray(tile, 10 * NR + VL);
            cb0.intoArray(tile, 11 * NR); cb1.intoArray(tile, 11 * NR + VL);
        }
    }

    /**
     * The 6-row micro-kernel: acc[r][j] = sum over p of ap[ai + r*KC + p] * bp[bi + p*NR + j]. With tile
     * null the accumulators go straight to C (C = acc + beta * C), else into the MR x NR tile.
     */
    static void kernel6(int kc, float[] ap, int ai, float[] bp, int bi, float[] tile,
                         MemorySegment c, long co, long ldcBytes, float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z;
        for (int p = 0; p < kc; p++) {
            int bj = bi + p * NR, aj = ai + p;
            FloatVector b0 = FloatVector.fromArray(S, bp, bj), b1 = FloatVector.fromArray(S, bp, bj + VL);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[aj]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[aj + 1 * KC]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[aj + 2 * KC]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[aj + 3 * KC]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[aj + 4 * KC]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[aj + 5 * KC]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        if (tile == null) {
            FloatVector vb = FloatVector.broadcast(S, beta);
            long vo = (long) VL * Float.BYTES;
            store(c00, c, co, beta, vb); store(c01, c, co + vo, beta, vb);
            store(c10, c, co + 1 * ldcBytes, beta, vb); store(c11, c, co + 1 * ldcBytes + vo, beta, vb);
            store(c20, c, co + 2 * ldcBytes, beta, vb); store(c21, c, co + 2 * ldcBytes + vo, beta, vb);
            store(c30, c, co + 3 * ldcBytes, beta, vb); store(c31, c, co + 3 * ldcBytes + vo, beta, vb);
            store(c40, c, co + 4 * ldcBytes, beta, vb); store(c41, c, co + 4 * ldcBytes + vo, beta, vb);
            store(c50, c, co + 5 * ldcBytes, beta, vb); store(c51, c, co + 5 * ldcBytes + vo, beta, vb);
        } else {
            c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + VL);
            c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + VL);
            c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + VL);
            c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + VL);
            c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + VL);
            c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + VL);
        }
    }

    private static void store(FloatVector acc, MemorySegment c, long off, float beta, FloatVector vb) {
        if (beta == 0) acc.intoMemorySegment(c, off, ORDER);
        else if (beta == 1) acc.add(FloatVector.fromMemorySegment(S, c, off, ORDER)).intoMemorySegment(c, off, ORDER);
        else FloatVector.fromMemorySegment(S, c, off, ORDER).fma(vb, acc).intoMemorySegment(c, off, ORDER);
    }

    /** C[0..mr, 0..nr] = tile + beta * C for a ragged edge tile (beta == 0: C is not read, so NaNs in it do not leak). */
    static void updateC(float[] tile, int mr, int nr, float beta, MemorySegment c, long cIdx, long ldc) {
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int r = 0; r < mr; r++) {
            long row = (cIdx + r * ldc) * Float.BYTES;
            for (int v = 0; v < nr; v += VL) {
                long off = row + (long) v * Float.BYTES;
                FloatVector acc = FloatVector.fromArray(S, tile, r * NR + v);
                if (v + VL <= nr) {
                    store(acc, c, off, beta, vb);
                } else {
                    VectorMask<Float> m = S.indexInRange(v, nr);
                    if (beta != 0) {
                        FloatVector old = FloatVector.fromMemorySegment(S, c, off, ORDER, m);
                        acc = beta == 1 ? acc.add(old) : old.fma(vb, acc);
                    }
                    acc.intoMemorySegment(c, off, ORDER, m);
                }
            }
        }
    }
}
