package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 blocked GEMM of {@link VectorGemm} for one thread, over one rectangle of C. It packs
 * blocks of op(A) and op(B) into cache-sized buffers and runs an MR x NR register-tiled
 * micro-kernel over them (the Goto/BLIS scheme, with the roles of A and B swapped to suit
 * vectors along the rows of C): a KC x NC panel of B and an MC x KC block of A share L2, one
 * MR x KC micro-panel of A stays in L1 while the KC x NR micro-panels of B stream past it, and
 * the accumulators of an MR x NR tile of C live in registers.
 *
 * <p>Packed A is row-major with a fixed row stride of KC, so the kernel's MR broadcasts use
 * constant displacements and a row-major A packs by plain copies. Packed B is a run of NR-wide
 * micro-panels, each k step NR contiguous values. Operands stored the other way round are
 * transposed in registers while packing ({@link GemmTranspose}). Alpha is folded into packed A.
 */
final class GemmKernelF64 {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int VL = S.length();
    /** 32 vector registers (AVX-512, NEON, SVE) take the 12-row kernel; with 16 (AVX2) more than 4 rows spill. */
    static final boolean WIDE = VectorGemm.wideRegisterFile(S.vectorBitSize());
    static final int MR = WIDE ? 12 : 4;
    static final int NR = 2 * VL;
    static final int KC = roundUp(Integer.getInteger("mlx4j.gemm.f64.kc", 128), VL);
    static final int MC = roundUp(Integer.getInteger("mlx4j.gemm.f64.mc", WIDE ? 192 : 144), MR);
    static final int NC = roundUp(Integer.getInteger("mlx4j.gemm.f64.nc", 512), NR);

    private static final ValueLayout.OfDouble E = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private static final class Workspace {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tile = new double[MR * NR];

        double[] a(int size) { return a.length >= size ? a : (a = new double[size]); }

        double[] b(int size) { return b.length >= size ? b : (b = new double[size]); }
    }

    private GemmKernelF64() {}

    static int roundUp(int x, int m) { return Math.max(m, (x + m - 1) / m * m); }

    /**
     * C[r0..r1, c0..c1] = alpha * op(A) op(B) + beta * C over that rectangle, on the calling thread.
     * Requires k > 0 (the caller handles k == 0 and alpha == 0). Offsets and strides in elements.
     */
    static void gemm(boolean transA, boolean transB, int r0, int r1, int c0, int c1, int k, double alpha,
                     MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                     double beta, MemorySegment c, long cOff, long ldc) {
        Workspace ws = WORKSPACE.get();
        double[] bp = ws.b(Math.min(KC, k) * Math.min(NC, roundUp(c1 - c0, NR)));
        double[] ap = ws.a(KC * Math.min(MC, roundUp(r1 - r0, MR)));
        double[] tile = ws.tile;
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                double betaNow = pc == 0 ? beta : 1;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = r0; ic < r1; ic += MC) {
                    int mc = Math.min(MC, r1 - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, ap);
                    // One A micro-panel stays in L1 while the B micro-panels stream past it from L2.
                    for (int ir = 0; ir < mc; ir += MR) {
                        for (int jr = 0; jr < nc; jr += NR) {
                            tile(ir, jr, mc, nc, kc, ap, bp, tile, c, cOff + (ic + ir) * ldc + jc + jr, ldc, betaNow);
                        }
                    }
                }
            }
        }
    }

    /** One MR x NR tile of C: the micro-kernel fills the tile buffer, which is then added into C. */
    private static void tile(int ir, int jr, int mc, int nc, int kc, double[] ap, double[] bp, double[] tile,
                             MemorySegment c, long cIdx, long ldc, double beta) {
        if (WIDE) kernel12(kc, ap, ir * KC, bp, jr * kc, tile);
        else kernel4(kc, ap, ir * KC, bp, jr * kc, tile);
        int mr = Math.min(MR, mc - ir), nr = Math.min(NR, nc - jr);
        if (mr == MR && nr == NR) updateFull(tile, beta, c, cIdx * Double.BYTES, ldc * Double.BYTES);
        else updateC(tile, mr, nr, beta, c, cIdx, ldc);
    }

    /** C = tile + beta * C for a whole MR x NR tile (beta == 0: C is not read, so NaNs in it do not leak). */
    static void updateFull(double[] tile, double beta, MemorySegment c, long off, long ldcBytes) {
        if (beta == 0) {
            for (int r = 0; r < MR; r++, off += ldcBytes) {
                for (int v = 0; v < NR; v += VL) {
                    DoubleVector.fromArray(S, tile, r * NR + v).intoMemorySegment(c, off + (long) v * Double.BYTES, ORDER);
                }
            }
        } else if (beta == 1) {
            for (int r = 0; r < MR; r++, off += ldcBytes) {
                for (int v = 0; v < NR; v += VL) {
                    long o = off + (long) v * Double.BYTES;
                    DoubleVector.fromArray(S, tile, r * NR + v).add(DoubleVector.fromMemorySegment(S, c, o, ORDER)).intoMemorySegment(c, o, ORDER);
                }
            }
        } else {
            DoubleVector vb = DoubleVector.broadcast(S, beta);
            for (int r = 0; r < MR; r++, off += ldcBytes) {
                for (int v = 0; v < NR; v += VL) {
                    long o = off + (long) v * Double.BYTES;
                    DoubleVector.fromMemorySegment(S, c, o, ORDER).fma(vb, DoubleVector.fromArray(S, tile, r * NR + v)).intoMemorySegment(c, o, ORDER);
                }
            }
        }
    }

    /** Packs alpha * op(A)[ic..ic+mc, pc..pc+kc] row-major with row stride KC; rows up to a multiple of MR are zero. */
    static void packA(boolean transA, MemorySegment a, long aOff, long lda, int ic, int mc, int pc, int kc,
                      double alpha, double[] ap) {
        if (!transA) {
            DoubleVector va = DoubleVector.broadcast(S, alpha);
            int kv = kc - kc % VL;
            for (int r = 0; r < mc; r++) {
                long src = (aOff + (long) (ic + r) * lda + pc) * Double.BYTES;
                int dst = r * KC;
                for (int p = 0; p < kv; p += VL) {
                    DoubleVector.fromMemorySegment(S, a, src + (long) p * Double.BYTES, ORDER).mul(va).intoArray(ap, dst + p);
                }
                for (int p = kv; p < kc; p++) ap[dst + p] = alpha * a.get(E, src + (long) p * Double.BYTES);
            }
        } else {
            GemmTranspose.transpose(a, (aOff + (long) pc * lda + ic) * Double.BYTES, lda * Double.BYTES, kc, mc, alpha, ap, 0, KC);
        }
        for (int r = mc, end = roundUp(mc, MR); r < end; r++) {
            java.util.Arrays.fill(ap, r * KC, r * KC + kc, 0.0);
        }
    }

    /** Packs op(B)[pc..pc+kc, jc..jc+nc] into NR-column micro-panels; columns past nc are zero. */
    static void packB(boolean transB, MemorySegment b, long bOff, long ldb, int pc, int kc, int jc, int nc, double[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    long src = (bOff + (long) (pc + p) * ldb + jc + jr) * Double.BYTES;
                    int dst = base + p * NR;
                    if (nr == NR) {
                        for (int v = 0; v < NR; v += VL) {
                            DoubleVector.fromMemorySegment(S, b, src + (long) v * Double.BYTES, ORDER).intoArray(bp, dst + v);
                        }
                    } else {
                        for (int j = 0; j < nr; j++) bp[dst + j] = b.get(E, src + (long) j * Double.BYTES);
                        java.util.Arrays.fill(bp, dst + nr, dst + NR, 0.0);
                    }
                }
            } else {
                GemmTranspose.transpose(b, (bOff + (long) (jc + jr) * ldb + pc) * Double.BYTES, ldb * Double.BYTES, nr, kc, 1.0, bp, base, NR);
                if (nr < NR) {
                    for (int p = 0; p < kc; p++) java.util.Arrays.fill(bp, base + p * NR + nr, base + p * NR + NR, 0.0);
                }
            }
        }
    }

    /**
     * The 12-row micro-kernel: tile[r][j] = sum over p of ap[ai + r*KC + p] * bp[bi + p*NR + j], for r < 12
     * and j < NR, with 24 accumulators in registers.
     */
    static void kernel12(int kc, double[] ap, int ai, double[] bp, int bi, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        DoubleVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        DoubleVector c80 = z, c81 = z, c90 = z, c91 = z, ca0 = z, ca1 = z, cb0 = z, cb1 = z;
        for (int p = 0; p < kc; p++) {
            int bj = bi + p * NR, aj = ai + p;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bj), b1 = DoubleVector.fromArray(S, bp, bj + VL);
            DoubleVector x;
            x = DoubleVector.broadcast(S, ap[aj]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[aj + 1 * KC]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[aj + 2 * KC]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[aj + 3 * KC]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, ap[aj + 4 * KC]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, ap[aj + 5 * KC]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, ap[aj + 6 * KC]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, ap[aj + 7 * KC]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = DoubleVector.broadcast(S, ap[aj + 8 * KC]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = DoubleVector.broadcast(S, ap[aj + 9 * KC]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = DoubleVector.broadcast(S, ap[aj + 10 * KC]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
            x = DoubleVector.broadcast(S, ap[aj + 11 * KC]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
        }
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

    /**
     * The 4-row micro-kernel: tile[r][j] = sum over p of ap[ai + r*KC + p] * bp[bi + p*NR + j], for r < 4
     * and j < NR, with 8 accumulators in registers.
     */
    static void kernel4(int kc, double[] ap, int ai, double[] bp, int bi, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int p = 0; p < kc; p++) {
            int bj = bi + p * NR, aj = ai + p;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bj), b1 = DoubleVector.fromArray(S, bp, bj + VL);
            DoubleVector x;
            x = DoubleVector.broadcast(S, ap[aj]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[aj + 1 * KC]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[aj + 2 * KC]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[aj + 3 * KC]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + VL);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + VL);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + VL);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + VL);
    }

    /** C[0..mr, 0..nr] = tile + beta * C for a ragged edge tile (beta == 0: C is not read, so NaNs in it do not leak). */
    static void updateC(double[] tile, int mr, int nr, double beta, MemorySegment c, long cIdx, long ldc) {
        for (int r = 0; r < mr; r++) {
            long row = (cIdx + r * ldc) * Double.BYTES;
            for (int j = 0; j < nr; j++) {
                long off = row + (long) j * Double.BYTES;
                double v = tile[r * NR + j];
                c.set(E, off, beta == 0 ? v : v + beta * c.get(E, off));
            }
        }
    }

}
