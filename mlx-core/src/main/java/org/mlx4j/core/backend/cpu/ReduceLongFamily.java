package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.I32;
import static org.mlx4j.core.backend.cpu.ElementAccess.I64;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.ReduceOp;

/**
 * SUM, PROD, MAX and MIN over bool and every integer dtype, accumulated in int64 (sums and
 * products wrap modulo 2^64, so narrowing at the end gives the dtype's wrapped result). Unsigned
 * types are zero-extended, so they compare unsigned; uint64 compares with unsigned comparisons.
 * int64 and int32 are read in place with vector lanes; the others are widened into a buffer first.
 */
final class ReduceLongFamily extends ReduceFamily {
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final int LVL = LS.length();
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final int IVL = IS.length();
    /** int lanes that widen into exactly one long vector. */
    private static final VectorSpecies<Integer> IH =
            VectorSpecies.of(int.class, VectorShape.forBitSize(LS.vectorBitSize() / 2));
    private static final ByteOrder NO = ByteOrder.nativeOrder();

    private final boolean unsigned64;
    private final long identity;

    ReduceLongFamily(ReduceOp op, DType in) {
        super(op, in);
        if (!in.isInteger() && in != DType.BOOL) {
            throw new IllegalArgumentException("no integer kernel for " + in.mlxName());
        }
        unsigned64 = in == DType.UINT64;
        identity = switch (op) {
            case SUM -> 0L;
            case PROD -> 1L;
            case MAX -> minValue(in);
            case MIN -> maxValue(in);
            case ALL, ANY -> throw new IllegalArgumentException("no integer kernel for " + op.opName());
        };
    }

    static long minValue(DType t) {
        return switch (t) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0L; // bool and unsigned
        };
    }

    static long maxValue(DType t) {
        return switch (t) {
            case BOOL -> 1L;
            case UINT8 -> 0xffL;
            case UINT16 -> 0xffffL;
            case UINT32 -> 0xffffffffL;
            case UINT64 -> -1L;
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    @Override
    void fill(long[] acc, int slot, int count) {
        Arrays.fill(acc, slot, slot + count, identity);
    }

    private long combine(long a, long p) {
        return switch (op) {
            case SUM -> a + p;
            case PROD -> a * p;
            case MAX -> unsigned64 ? (Long.compareUnsigned(a, p) >= 0 ? a : p) : Math.max(a, p);
            case MIN -> unsigned64 ? (Long.compareUnsigned(a, p) <= 0 ? a : p) : Math.min(a, p);
            case ALL, ANY -> throw boolOp(op);
        };
    }

    /** True when the signed int64 vector kernels give the right answer. */
    private boolean signedLanes() {
        return !unsigned64 || op == ReduceOp.SUM || op == ReduceOp.PROD;
    }

    @Override
    void run(long[] acc, int slot, MemorySegment s, long off, long stride, long n) {
        if (stride == 1 && in == DType.INT64) {
            acc[slot] = combine(acc[slot], reduceI64(op, s, off * 8, n));
            return;
        }
        if (stride == 1 && in == DType.INT32 && op != ReduceOp.PROD) {
            acc[slot] = combine(acc[slot], reduceI32(op, s, off * 4, n));
            return;
        }
        ReduceScratch sc = ReduceScratch.get();
        boolean lanes = signedLanes();
        for (long i = 0; i < n; i += ReduceScratch.PIECE) {
            int m = (int) Math.min(ReduceScratch.PIECE, n - i);
            MemorySegment b = sc.loadLongs(s, in, off + i * stride, stride, m);
            long p = lanes ? reduceI64(op, b, 0, m) : reduceU64(op == ReduceOp.MAX, b, m);
            acc[slot] = combine(acc[slot], p);
        }
    }

    @Override
    void columns(long[] acc, int slot, MemorySegment s, long base, int w, long[] rows, int nRows) {
        ReduceScratch sc = ReduceScratch.get();
        long[] t = sc.colL;
        boolean lanes = signedLanes();
        Arrays.fill(t, 0, w, identity);
        for (int r = 0; r < nRows; r++) {
            MemorySegment src = s;
            long off = (base + rows[r]) * 8;
            if (in != DType.INT64 && in != DType.UINT64) {
                src = sc.loadLongs(s, in, base + rows[r], 1, w);
                off = 0;
            }
            if (lanes) {
                ReduceRowsLong.row(op, t, src, off, w);
            } else {
                boolean max = op == ReduceOp.MAX;
                for (int c = 0; c < w; c++) {
                    long v = src.get(I64, off + c * 8L);
                    if (max == Long.compareUnsigned(v, t[c]) > 0) t[c] = v;
                }
            }
        }
        for (int c = 0; c < w; c++) acc[slot + c] = combine(acc[slot + c], t[c]);
    }

    @Override
    void block(long[] acc, int slot, MemorySegment s, long start, int w, long total) {
        if (!signedLanes()) {
            super.block(acc, slot, s, start, w, total);
            return;
        }
        ReduceScratch sc = ReduceScratch.get();
        long[] t = sc.colL;
        int vw = virtualWidth(w);
        Arrays.fill(t, 0, vw, identity);
        int piece = ReduceScratch.PIECE / vw * vw;
        for (long j = 0; j < total; j += piece) {
            int m = (int) Math.min(piece, total - j);
            MemorySegment src = s;
            long off = (start + j) * 8;
            if (in != DType.INT64 && in != DType.UINT64) {
                src = sc.loadLongs(s, in, start + j, 1, m);
                off = 0;
            }
            for (int k = 0; k < m; k += vw) ReduceRowsLong.row(op, t, src, off + k * 8L, Math.min(vw, m - k));
        }
        for (int c = 0; c < vw; c++) acc[slot + c % w] = combine(acc[slot + c % w], t[c]);
    }

    @Override
    void merge(long[] acc, int dst, long[] src, int srcSlot) {
        acc[dst] = combine(acc[dst], src[srcSlot]);
    }

    @Override
    void repeat(long[] acc, int slot, long count) {
        if (op == ReduceOp.SUM) {
            acc[slot] *= count;
        } else if (op == ReduceOp.PROD) {
            long base = acc[slot], r = 1;
            for (long e = count; e != 0; e >>>= 1) {
                if ((e & 1) != 0) r *= base;
                base *= base;
            }
            acc[slot] = r;
        }
    }

    @Override
    void write(long[] acc, int slot, MemorySegment out, DType outType, long index) {
        long v = acc[slot];
        if (outType.isInteger() || outType == DType.BOOL) {
            ElementAccess.setLong(out, outType, index, v);
        } else {
            ElementAccess.setDouble(out, outType, index, unsigned64 ? ElementAccess.unsignedToDouble(v) : v);
        }
    }

    // ---- contiguous kernels (byte offsets) ----

    private static LongVector load(MemorySegment s, long off) {
        return LongVector.fromMemorySegment(LS, s, off, NO);
    }

    static long reduceI64(ReduceOp op, MemorySegment s, long off, long n) {
        long id = switch (op) {
            case SUM -> 0L;
            case PROD -> 1L;
            case MAX -> Long.MIN_VALUE;
            case MIN -> Long.MAX_VALUE;
            case ALL, ANY -> throw boolOp(op);
        };
        LongVector a0 = LongVector.broadcast(LS, id), a1 = a0, a2 = a0, a3 = a0;
        long vb = LVL * 8L;
        long i = 0;
        long b4 = n - n % (4L * LVL);
        return switch (op) {
            case SUM -> {
                for (; i < b4; i += 4L * LVL) {
                    long o = off + i * 8;
                    a0 = a0.add(load(s, o));
                    a1 = a1.add(load(s, o + vb));
                    a2 = a2.add(load(s, o + 2 * vb));
                    a3 = a3.add(load(s, o + 3 * vb));
                }
                long r = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
                for (; i < n; i++) r += s.get(I64, off + i * 8);
                yield r;
            }
            case PROD -> {
                for (; i < b4; i += 4L * LVL) {
                    long o = off + i * 8;
                    a0 = a0.mul(load(s, o));
                    a1 = a1.mul(load(s, o + vb));
                    a2 = a2.mul(load(s, o + 2 * vb));
                    a3 = a3.mul(load(s, o + 3 * vb));
                }
                long r = a0.mul(a1).mul(a2.mul(a3)).reduceLanes(VectorOperators.MUL);
                for (; i < n; i++) r *= s.get(I64, off + i * 8);
                yield r;
            }
            case MAX -> {
                for (; i < b4; i += 4L * LVL) {
                    long o = off + i * 8;
                    a0 = a0.max(load(s, o));
                    a1 = a1.max(load(s, o + vb));
                    a2 = a2.max(load(s, o + 2 * vb));
                    a3 = a3.max(load(s, o + 3 * vb));
                }
                long r = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
                for (; i < n; i++) r = Math.max(r, s.get(I64, off + i * 8));
                yield r;
            }
            case MIN -> {
                for (; i < b4; i += 4L * LVL) {
                    long o = off + i * 8;
                    a0 = a0.min(load(s, o));
                    a1 = a1.min(load(s, o + vb));
                    a2 = a2.min(load(s, o + 2 * vb));
                    a3 = a3.min(load(s, o + 3 * vb));
                }
                long r = a0.min(a1).min(a2.min(a3)).reduceLanes(VectorOperators.MIN);
                for (; i < n; i++) r = Math.min(r, s.get(I64, off + i * 8));
                yield r;
            }
            case ALL, ANY -> throw boolOp(op);
        };
    }

    /** Unsigned max or min of n int64 lanes of a contiguous buffer starting at byte 0. */
    private static long reduceU64(boolean max, MemorySegment s, int n) {
        long r = max ? 0L : -1L;
        for (int i = 0; i < n; i++) {
            long v = s.getAtIndex(I64, i);
            if (max == Long.compareUnsigned(v, r) > 0) r = v;
        }
        return r;
    }

    /** SUM (widened to int64), MAX or MIN of contiguous int32 elements. */
    static long reduceI32(ReduceOp op, MemorySegment s, long off, long n) {
        long i = 0;
        if (op == ReduceOp.SUM) {
            LongVector a0 = LongVector.zero(LS), a1 = a0;
            long b2 = n - n % (2L * LVL);
            for (; i < b2; i += 2L * LVL) {
                long o = off + i * 4;
                a0 = a0.add(IntVector.fromMemorySegment(IH, s, o, NO).convertShape(VectorOperators.I2L, LS, 0));
                a1 = a1.add(IntVector.fromMemorySegment(IH, s, o + LVL * 4L, NO).convertShape(VectorOperators.I2L, LS, 0));
            }
            long r = a0.add(a1).reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) r += s.get(I32, off + i * 4);
            return r;
        }
        boolean max = op == ReduceOp.MAX;
        IntVector a0 = IntVector.broadcast(IS, max ? Integer.MIN_VALUE : Integer.MAX_VALUE), a1 = a0;
        long b2 = n - n % (2L * IVL);
        for (; i < b2; i += 2L * IVL) {
            long o = off + i * 4;
            IntVector v0 = IntVector.fromMemorySegment(IS, s, o, NO);
            IntVector v1 = IntVector.fromMemorySegment(IS, s, o + IVL * 4L, NO);
            if (max) {
                a0 = a0.max(v0);
                a1 = a1.max(v1);
            } else {
                a0 = a0.min(v0);
                a1 = a1.min(v1);
            }
        }
        int r = max ? a0.max(a1).reduceLanes(VectorOperators.MAX) : a0.min(a1).reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) {
            int v = s.get(I32, off + i * 4);
            r = max ? Math.max(r, v) : Math.min(r, v);
        }
        return r;
    }
}
