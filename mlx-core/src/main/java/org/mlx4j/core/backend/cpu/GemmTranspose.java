package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes strided blocks of a segment into a packing buffer, used by the GEMM packers when an
 * operand is stored the other way round from what its packed panel needs. Full VL x VL blocks go
 * through registers (log2(VL) butterfly stages of two-source permutes); ragged edges are scalar.
 */
final class GemmTranspose {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FVL = FS.length();
    private static final int DVL = DS.length();
    private static final boolean F_BLOCKS = FVL == 4 || FVL == 8 || FVL == 16;
    private static final boolean D_BLOCKS = DVL == 4 || DVL == 8;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** Per butterfly stage, the permute indexes producing the low and the high halves. */
    private static final FloatVector[] IX_F = F_BLOCKS ? floatIndexes() : null;
    private static final DoubleVector[] IX_D = D_BLOCKS ? doubleIndexes() : null;

    private GemmTranspose() {}

    /**
     * {@code dst[dstOff + c * dstStride + r] = scale * src(r, c)} for {@code r < rows, c < cols}, where
     * src(r, c) is the float at byte {@code off + r * rowBytes + c * 4}.
     */
    static void transpose(MemorySegment src, long off, long rowBytes, int rows, int cols, float scale,
                          float[] dst, int dstOff, int dstStride) {
        int r0 = 0;
        if (F_BLOCKS) {
            int rb = rows - rows % FVL, cb = cols - cols % FVL;
            for (; r0 < rb; r0 += FVL) {
                for (int c0 = 0; c0 < cb; c0 += FVL) {
                    long o = off + r0 * rowBytes + (long) c0 * Float.BYTES;
                    int d = dstOff + c0 * dstStride + r0;
                    switch (FVL) {
                        case 16 -> block16(src, o, rowBytes, scale, dst, d, dstStride);
                        case 8 -> block8(src, o, rowBytes, scale, dst, d, dstStride);
                        default -> block4(src, o, rowBytes, scale, dst, d, dstStride);
                    }
                }
                scalar(src, off, rowBytes, r0, r0 + FVL, cb, cols, scale, dst, dstOff, dstStride);
            }
        }
        scalar(src, off, rowBytes, r0, rows, 0, cols, scale, dst, dstOff, dstStride);
    }

    private static void scalar(MemorySegment src, long off, long rowBytes, int r0, int r1, int c0, int c1,
                               float scale, float[] dst, int dstOff, int dstStride) {
        for (int r = r0; r < r1; r++) {
            long row = off + r * rowBytes;
            for (int c = c0; c < c1; c++) dst[dstOff + c * dstStride + r] = scale * src.get(F, row + (long) c * Float.BYTES);
        }
    }

    /** The double counterpart of {@link #transpose(MemorySegment, long, long, int, int, float, float[], int, int)}. */
    static void transpose(MemorySegment src, long off, long rowBytes, int rows, int cols, double scale,
                          double[] dst, int dstOff, int dstStride) {
        int r0 = 0;
        if (D_BLOCKS) {
            int rb = rows - rows % DVL, cb = cols - cols % DVL;
            for (; r0 < rb; r0 += DVL) {
                for (int c0 = 0; c0 < cb; c0 += DVL) {
                    long o = off + r0 * rowBytes + (long) c0 * Double.BYTES;
                    int d = dstOff + c0 * dstStride + r0;
                    if (DVL == 8) block8(src, o, rowBytes, scale, dst, d, dstStride);
                    else block4(src, o, rowBytes, scale, dst, d, dstStride);
                }
                scalar(src, off, rowBytes, r0, r0 + DVL, cb, cols, scale, dst, dstOff, dstStride);
            }
        }
        scalar(src, off, rowBytes, r0, rows, 0, cols, scale, dst, dstOff, dstStride);
    }

    private static void scalar(MemorySegment src, long off, long rowBytes, int r0, int r1, int c0, int c1,
                               double scale, double[] dst, int dstOff, int dstStride) {
        for (int r = r0; r < r1; r++) {
            long row = off + r * rowBytes;
            for (int c = c0; c < c1; c++) dst[dstOff + c * dstStride + r] = scale * src.get(D, row + (long) c * Double.BYTES);
        }
    }

    /**
     * Stage s pairs vectors d = VL >> (s + 1) apart and interleaves blocks of d lanes: the low
     * output takes block g of both inputs, the high output block g + 1 (so a 2x2 block matrix
     * [[A, B], [C, D]] becomes [[A, C], [B, D]]; the later stages transpose inside the blocks).
     */
    private static int[][] butterfly(int vl) {
        int stages = Integer.numberOfTrailingZeros(vl);
        int[][] ix = new int[2 * stages][vl];
        int s = 0;
        for (int d = vl / 2; d >= 1; d /= 2, s++) {
            for (int l = 0; l < vl; l++) {
                int g = l / (2 * d) * 2 * d, w = l % (2 * d);
                ix[2 * s][l] = w < d ? g + w : vl + g + w - d;
                ix[2 * s + 1][l] = w < d ? g + d + w : vl + g + w;
            }
        }
        return ix;
    }

    private static FloatVector[] floatIndexes() {
        int[][] ix = butterfly(FVL);
        FloatVector[] v = new FloatVector[ix.length];
        for (int i = 0; i < ix.length; i++) {
            float[] f = new float[FVL];
            for (int l = 0; l < FVL; l++) f[l] = ix[i][l];
            v[i] = FloatVector.fromArray(FS, f, 0);
        }
        return v;
    }

    private static DoubleVector[] doubleIndexes() {
        int[][] ix = butterfly(DVL);
        DoubleVector[] v = new DoubleVector[ix.length];
        for (int i = 0; i < ix.length; i++) {
            double[] f = new double[DVL];
            for (int l = 0; l < DVL; l++) f[l] = ix[i][l];
            v[i] = DoubleVector.fromArray(DS, f, 0);
        }
        return v;
    }

    // Unrolled butterflies, one per vector length; each reads VL rows and writes VL columns.

    private static void block16(MemorySegment src, long off, long rowBytes, float scale, float[] dst, int dstOff, int dstStride) {
        FloatVector[] ix = IX_F;
        FloatVector v0 = FloatVector.fromMemorySegment(FS, src, off + 0 * rowBytes, ORDER).mul(scale);
        FloatVector v1 = FloatVector.fromMemorySegment(FS, src, off + 1 * rowBytes, ORDER).mul(scale);
        FloatVector v2 = FloatVector.fromMemorySegment(FS, src, off + 2 * rowBytes, ORDER).mul(scale);
        FloatVector v3 = FloatVector.fromMemorySegment(FS, src, off + 3 * rowBytes, ORDER).mul(scale);
        FloatVector v4 = FloatVector.fromMemorySegment(FS, src, off + 4 * rowBytes, ORDER).mul(scale);
        FloatVector v5 = FloatVector.fromMemorySegment(FS, src, off + 5 * rowBytes, ORDER).mul(scale);
        FloatVector v6 = FloatVector.fromMemorySegment(FS, src, off + 6 * rowBytes, ORDER).mul(scale);
        FloatVector v7 = FloatVector.fromMemorySegment(FS, src, off + 7 * rowBytes, ORDER).mul(scale);
        FloatVector v8 = FloatVector.fromMemorySegment(FS, src, off + 8 * rowBytes, ORDER).mul(scale);
        FloatVector v9 = FloatVector.fromMemorySegment(FS, src, off + 9 * rowBytes, ORDER).mul(scale);
        FloatVector v10 = FloatVector.fromMemorySegment(FS, src, off + 10 * rowBytes, ORDER).mul(scale);
        FloatVector v11 = FloatVector.fromMemorySegment(FS, src, off + 11 * rowBytes, ORDER).mul(scale);
        FloatVector v12 = FloatVector.fromMemorySegment(FS, src, off + 12 * rowBytes, ORDER).mul(scale);
        FloatVector v13 = FloatVector.fromMemorySegment(FS, src, off + 13 * rowBytes, ORDER).mul(scale);
        FloatVector v14 = FloatVector.fromMemorySegment(FS, src, off + 14 * rowBytes, ORDER).mul(scale);
        FloatVector v15 = FloatVector.fromMemorySegment(FS, src, off + 15 * rowBytes, ORDER).mul(scale);
        FloatVector t0_0 = ix[0].selectFrom(v0, v8), t0_8 = ix[1].selectFrom(v0, v8);
        FloatVector t0_1 = ix[0].selectFrom(v1, v9), t0_9 = ix[1].selectFrom(v1, v9);
        FloatVector t0_2 = ix[0].selectFrom(v2, v10), t0_10 = ix[1].selectFrom(v2, v10);
        FloatVector t0_3 = ix[0].selectFrom(v3, v11), t0_11 = ix[1].selectFrom(v3, v11);
        FloatVector t0_4 = ix[0].selectFrom(v4, v12), t0_12 = ix[1].selectFrom(v4, v12);
        FloatVector t0_5 = ix[0].selectFrom(v5, v13), t0_13 = ix[1].selectFrom(v5, v13);
        FloatVector t0_6 = ix[0].selectFrom(v6, v14), t0_14 = ix[1].selectFrom(v6, v14);
        FloatVector t0_7 = ix[0].selectFrom(v7, v15), t0_15 = ix[1].selectFrom(v7, v15);
        FloatVector t1_0 = ix[2].selectFrom(t0_0, t0_4), t1_4 = ix[3].selectFrom(t0_0, t0_4);
        FloatVector t1_1 = ix[2].selectFrom(t0_1, t0_5), t1_5 = ix[3].selectFrom(t0_1, t0_5);
        FloatVector t1_2 = ix[2].selectFrom(t0_2, t0_6), t1_6 = ix[3].selectFrom(t0_2, t0_6);
        FloatVector t1_3 = ix[2].selectFrom(t0_3, t0_7), t1_7 = ix[3].selectFrom(t0_3, t0_7);
        FloatVector t1_8 = ix[2].selectFrom(t0_8, t0_12), t1_12 = ix[3].selectFrom(t0_8, t0_12);
        FloatVector t1_9 = ix[2].selectFrom(t0_9, t0_13), t1_13 = ix[3].selectFrom(t0_9, t0_13);
        FloatVector t1_10 = ix[2].selectFrom(t0_10, t0_14), t1_14 = ix[3].selectFrom(t0_10, t0_14);
        FloatVector t1_11 = ix[2].selectFrom(t0_11, t0_15), t1_15 = ix[3].selectFrom(t0_11, t0_15);
        FloatVector t2_0 = ix[4].selectFrom(t1_0, t1_2), t2_2 = ix[5].selectFrom(t1_0, t1_2);
        FloatVector t2_1 = ix[4].selectFrom(t1_1, t1_3), t2_3 = ix[5].selectFrom(t1_1, t1_3);
        FloatVector t2_4 = ix[4].selectFrom(t1_4, t1_6), t2_6 = ix[5].selectFrom(t1_4, t1_6);
        FloatVector t2_5 = ix[4].selectFrom(t1_5, t1_7), t2_7 = ix[5].selectFrom(t1_5, t1_7);
        FloatVector t2_8 = ix[4].selectFrom(t1_8, t1_10), t2_10 = ix[5].selectFrom(t1_8, t1_10);
        FloatVector t2_9 = ix[4].selectFrom(t1_9, t1_11), t2_11 = ix[5].selectFrom(t1_9, t1_11);
        FloatVector t2_12 = ix[4].selectFrom(t1_12, t1_14), t2_14 = ix[5].selectFrom(t1_12, t1_14);
        FloatVector t2_13 = ix[4].selectFrom(t1_13, t1_15), t2_15 = ix[5].selectFrom(t1_13, t1_15);
        FloatVector t3_0 = ix[6].selectFrom(t2_0, t2_1), t3_1 = ix[7].selectFrom(t2_0, t2_1);
        FloatVector t3_2 = ix[6].selectFrom(t2_2, t2_3), t3_3 = ix[7].selectFrom(t2_2, t2_3);
        FloatVector t3_4 = ix[6].selectFrom(t2_4, t2_5), t3_5 = ix[7].selectFrom(t2_4, t2_5);
        FloatVector t3_6 = ix[6].selectFrom(t2_6, t2_7), t3_7 = ix[7].selectFrom(t2_6, t2_7);
        FloatVector t3_8 = ix[6].selectFrom(t2_8, t2_9), t3_9 = ix[7].selectFrom(t2_8, t2_9);
        FloatVector t3_10 = ix[6].selectFrom(t2_10, t2_11), t3_11 = ix[7].selectFrom(t2_10, t2_11);
        FloatVector t3_12 = ix[6].selectFrom(t2_12, t2_13), t3_13 = ix[7].selectFrom(t2_12, t2_13);
        FloatVector t3_14 = ix[6].selectFrom(t2_14, t2_15), t3_15 = ix[7].selectFrom(t2_14, t2_15);
        t3_0.intoArray(dst, dstOff + 0 * dstStride);
        t3_1.intoArray(dst, dstOff + 1 * dstStride);
        t3_2.intoArray(dst, dstOff + 2 * dstStride);
        t3_3.intoArray(dst, dstOff + 3 * dstStride);
        t3_4.intoArray(dst, dstOff + 4 * dstStride);
        t3_5.intoArray(dst, dstOff + 5 * dstStride);
        t3_6.intoArray(dst, dstOff + 6 * dstStride);
        t3_7.intoArray(dst, dstOff + 7 * dstStride);
        t3_8.intoArray(dst, dstOff + 8 * dstStride);
        t3_9.intoArray(dst, dstOff + 9 * dstStride);
        t3_10.intoArray(dst, dstOff + 10 * dstStride);
        t3_11.intoArray(dst, dstOff + 11 * dstStride);
        t3_12.intoArray(dst, dstOff + 12 * dstStride);
        t3_13.intoArray(dst, dstOff + 13 * dstStride);
        t3_14.intoArray(dst, dstOff + 14 * dstStride);
        t3_15.intoArray(dst, dstOff + 15 * dstStride);
    }

    private static void block8(MemorySegment src, long off, long rowBytes, float scale, float[] dst, int dstOff, int dstStride) {
        FloatVector[] ix = IX_F;
        FloatVector v0 = FloatVector.fromMemorySegment(FS, src, off + 0 * rowBytes, ORDER).mul(scale);
        FloatVector v1 = FloatVector.fromMemorySegment(FS, src, off + 1 * rowBytes, ORDER).mul(scale);
        FloatVector v2 = FloatVector.fromMemorySegment(FS, src, off + 2 * rowBytes, ORDER).mul(scale);
        FloatVector v3 = FloatVector.fromMemorySegment(FS, src, off + 3 * rowBytes, ORDER).mul(scale);
        FloatVector v4 = FloatVector.fromMemorySegment(FS, src, off + 4 * rowBytes, ORDER).mul(scale);
        FloatVector v5 = FloatVector.fromMemorySegment(FS, src, off + 5 * rowBytes, ORDER).mul(scale);
        FloatVector v6 = FloatVector.fromMemorySegment(FS, src, off + 6 * rowBytes, ORDER).mul(scale);
        FloatVector v7 = FloatVector.fromMemorySegment(FS, src, off + 7 * rowBytes, ORDER).mul(scale);
        FloatVector t0_0 = ix[0].selectFrom(v0, v4), t0_4 = ix[1].selectFrom(v0, v4);
        FloatVector t0_1 = ix[0].selectFrom(v1, v5), t0_5 = ix[1].selectFrom(v1, v5);
        FloatVector t0_2 = ix[0].selectFrom(v2, v6), t0_6 = ix[1].selectFrom(v2, v6);
        FloatVector t0_3 = ix[0].selectFrom(v3, v7), t0_7 = ix[1].selectFrom(v3, v7);
        FloatVector t1_0 = ix[2].selectFrom(t0_0, t0_2), t1_2 = ix[3].selectFrom(t0_0, t0_2);
        FloatVector t1_1 = ix[2].selectFrom(t0_1, t0_3), t1_3 = ix[3].selectFrom(t0_1, t0_3);
        FloatVector t1_4 = ix[2].selectFrom(t0_4, t0_6), t1_6 = ix[3].selectFrom(t0_4, t0_6);
        FloatVector t1_5 = ix[2].selectFrom(t0_5, t0_7), t1_7 = ix[3].selectFrom(t0_5, t0_7);
        FloatVector t2_0 = ix[4].selectFrom(t1_0, t1_1), t2_1 = ix[5].selectFrom(t1_0, t1_1);
        FloatVector t2_2 = ix[4].selectFrom(t1_2, t1_3), t2_3 = ix[5].selectFrom(t1_2, t1_3);
        FloatVector t2_4 = ix[4].selectFrom(t1_4, t1_5), t2_5 = ix[5].selectFrom(t1_4, t1_5);
        FloatVector t2_6 = ix[4].selectFrom(t1_6, t1_7), t2_7 = ix[5].selectFrom(t1_6, t1_7);
        t2_0.intoArray(dst, dstOff + 0 * dstStride);
        t2_1.intoArray(dst, dstOff + 1 * dstStride);
        t2_2.intoArray(dst, dstOff + 2 * dstStride);
        t2_3.intoArray(dst, dstOff + 3 * dstStride);
        t2_4.intoArray(dst, dstOff + 4 * dstStride);
        t2_5.intoArray(dst, dstOff + 5 * dstStride);
        t2_6.intoArray(dst, dstOff + 6 * dstStride);
        t2_7.intoArray(dst, dstOff + 7 * dstStride);
    }

    private static void block4(MemorySegment src, long off, long rowBytes, float scale, float[] dst, int dstOff, int dstStride) {
        FloatVector[] ix = IX_F;
        FloatVector v0 = FloatVector.fromMemorySegment(FS, src, off + 0 * rowBytes, ORDER).mul(scale);
        FloatVector v1 = FloatVector.fromMemorySegment(FS, src, off + 1 * rowBytes, ORDER).mul(scale);
        FloatVector v2 = FloatVector.fromMemorySegment(FS, src, off + 2 * rowBytes, ORDER).mul(scale);
        FloatVector v3 = FloatVector.fromMemorySegment(FS, src, off + 3 * rowBytes, ORDER).mul(scale);
        FloatVector t0_0 = ix[0].selectFrom(v0, v2), t0_2 = ix[1].selectFrom(v0, v2);
        FloatVector t0_1 = ix[0].selectFrom(v1, v3), t0_3 = ix[1].selectFrom(v1, v3);
        FloatVector t1_0 = ix[2].selectFrom(t0_0, t0_1), t1_1 = ix[3].selectFrom(t0_0, t0_1);
        FloatVector t1_2 = ix[2].selectFrom(t0_2, t0_3), t1_3 = ix[3].selectFrom(t0_2, t0_3);
        t1_0.intoArray(dst, dstOff + 0 * dstStride);
        t1_1.intoArray(dst, dstOff + 1 * dstStride);
        t1_2.intoArray(dst, dstOff + 2 * dstStride);
        t1_3.intoArray(dst, dstOff + 3 * dstStride);
    }


    private static void block8(MemorySegment src, long off, long rowBytes, double scale, double[] dst, int dstOff, int dstStride) {
        DoubleVector[] ix = IX_D;
        DoubleVector v0 = DoubleVector.fromMemorySegment(DS, src, off + 0 * rowBytes, ORDER).mul(scale);
        DoubleVector v1 = DoubleVector.fromMemorySegment(DS, src, off + 1 * rowBytes, ORDER).mul(scale);
        DoubleVector v2 = DoubleVector.fromMemorySegment(DS, src, off + 2 * rowBytes, ORDER).mul(scale);
        DoubleVector v3 = DoubleVector.fromMemorySegment(DS, src, off + 3 * rowBytes, ORDER).mul(scale);
        DoubleVector v4 = DoubleVector.fromMemorySegment(DS, src, off + 4 * rowBytes, ORDER).mul(scale);
        DoubleVector v5 = DoubleVector.fromMemorySegment(DS, src, off + 5 * rowBytes, ORDER).mul(scale);
        DoubleVector v6 = DoubleVector.fromMemorySegment(DS, src, off + 6 * rowBytes, ORDER).mul(scale);
        DoubleVector v7 = DoubleVector.fromMemorySegment(DS, src, off + 7 * rowBytes, ORDER).mul(scale);
        DoubleVector t0_0 = ix[0].selectFrom(v0, v4), t0_4 = ix[1].selectFrom(v0, v4);
        DoubleVector t0_1 = ix[0].selectFrom(v1, v5), t0_5 = ix[1].selectFrom(v1, v5);
        DoubleVector t0_2 = ix[0].selectFrom(v2, v6), t0_6 = ix[1].selectFrom(v2, v6);
        DoubleVector t0_3 = ix[0].selectFrom(v3, v7), t0_7 = ix[1].selectFrom(v3, v7);
        DoubleVector t1_0 = ix[2].selectFrom(t0_0, t0_2), t1_2 = ix[3].selectFrom(t0_0, t0_2);
        DoubleVector t1_1 = ix[2].selectFrom(t0_1, t0_3), t1_3 = ix[3].selectFrom(t0_1, t0_3);
        DoubleVector t1_4 = ix[2].selectFrom(t0_4, t0_6), t1_6 = ix[3].selectFrom(t0_4, t0_6);
        DoubleVector t1_5 = ix[2].selectFrom(t0_5, t0_7), t1_7 = ix[3].selectFrom(t0_5, t0_7);
        DoubleVector t2_0 = ix[4].selectFrom(t1_0, t1_1), t2_1 = ix[5].selectFrom(t1_0, t1_1);
        DoubleVector t2_2 = ix[4].selectFrom(t1_2, t1_3), t2_3 = ix[5].selectFrom(t1_2, t1_3);
        DoubleVector t2_4 = ix[4].selectFrom(t1_4, t1_5), t2_5 = ix[5].selectFrom(t1_4, t1_5);
        DoubleVector t2_6 = ix[4].selectFrom(t1_6, t1_7), t2_7 = ix[5].selectFrom(t1_6, t1_7);
        t2_0.intoArray(dst, dstOff + 0 * dstStride);
        t2_1.intoArray(dst, dstOff + 1 * dstStride);
        t2_2.intoArray(dst, dstOff + 2 * dstStride);
        t2_3.intoArray(dst, dstOff + 3 * dstStride);
        t2_4.intoArray(dst, dstOff + 4 * dstStride);
        t2_5.intoArray(dst, dstOff + 5 * dstStride);
        t2_6.intoArray(dst, dstOff + 6 * dstStride);
        t2_7.intoArray(dst, dstOff + 7 * dstStride);
    }

    private static void block4(MemorySegment src, long off, long rowBytes, double scale, double[] dst, int dstOff, int dstStride) {
        DoubleVector[] ix = IX_D;
        DoubleVector v0 = DoubleVector.fromMemorySegment(DS, src, off + 0 * rowBytes, ORDER).mul(scale);
        DoubleVector v1 = DoubleVector.fromMemorySegment(DS, src, off + 1 * rowBytes, ORDER).mul(scale);
        DoubleVector v2 = DoubleVector.fromMemorySegment(DS, src, off + 2 * rowBytes, ORDER).mul(scale);
        DoubleVector v3 = DoubleVector.fromMemorySegment(DS, src, off + 3 * rowBytes, ORDER).mul(scale);
        DoubleVector t0_0 = ix[0].selectFrom(v0, v2), t0_2 = ix[1].selectFrom(v0, v2);
        DoubleVector t0_1 = ix[0].selectFrom(v1, v3), t0_3 = ix[1].selectFrom(v1, v3);
        DoubleVector t1_0 = ix[2].selectFrom(t0_0, t0_1), t1_1 = ix[3].selectFrom(t0_0, t0_1);
        DoubleVector t1_2 = ix[2].selectFrom(t0_2, t0_3), t1_3 = ix[3].selectFrom(t0_2, t0_3);
        t1_0.intoArray(dst, dstOff + 0 * dstStride);
        t1_1.intoArray(dst, dstOff + 1 * dstStride);
        t1_2.intoArray(dst, dstOff + 2 * dstStride);
        t1_3.intoArray(dst, dstOff + 3 * dstStride);
    }

}
