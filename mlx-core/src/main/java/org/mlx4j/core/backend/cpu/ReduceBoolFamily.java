package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.I16;
import static org.mlx4j.core.backend.cpu.ElementAccess.I32;
import static org.mlx4j.core.backend.cpu.ElementAccess.I64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I8;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.ReduceOp;

/**
 * ALL and ANY over any dtype, working on raw bits: an element is true when its bits, with the sign
 * bit of floating types masked off (so -0.0 is false and NaN is true), are not all zero. Complex
 * elements are true when either part is. Accumulators hold 0 or 1; a decided run is skipped.
 */
final class ReduceBoolFamily extends ReduceFamily {
    private static final ByteOrder NO = ByteOrder.nativeOrder();
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BS = ByteVector.SPECIES_PREFERRED;

    private final boolean all;
    private final int size;
    /** Bits that make an element true, for one element. */
    private final long mask;
    /** The element mask repeated across a 64-bit word. */
    private final long wideMask;

    ReduceBoolFamily(ReduceOp op, DType in) {
        super(op, in);
        all = op == ReduceOp.ALL;
        size = in.size();
        mask = switch (in) {
            case FLOAT16, BFLOAT16 -> 0x7fffL;
            case FLOAT32 -> 0x7fffffffL;
            case FLOAT64 -> 0x7fffffffffffffffL;
            case COMPLEX64 -> 0x7fffffff7fffffffL;
            default -> size == 8 ? -1L : (1L << (8 * size)) - 1;
        };
        long w = 0;
        for (int i = 0; i < 8; i += size) w |= mask << (8 * i);
        wideMask = w;
    }

    @Override
    void fill(long[] acc, int slot, int count) {
        Arrays.fill(acc, slot, slot + count, all ? 1L : 0L);
    }

    @Override
    void run(long[] acc, int slot, MemorySegment s, long off, long stride, long n) {
        if (acc[slot] == (all ? 0 : 1)) return; // already decided
        boolean r;
        if (stride == 1) {
            r = all ? allNonzero(s, off * size, n) : anyNonzero(s, off * size, n);
        } else {
            r = all;
            for (long i = 0; i < n; i++) {
                if (nonzero(s, off + i * stride) != all) {
                    r = !all;
                    break;
                }
            }
        }
        acc[slot] = r ? 1 : 0;
    }

    private boolean nonzero(MemorySegment s, long index) {
        long bits = switch (size) {
            case 1 -> s.getAtIndex(I8, index);
            case 2 -> s.getAtIndex(I16, index);
            case 4 -> s.getAtIndex(I32, index);
            default -> s.getAtIndex(I64, index);
        };
        return (bits & mask) != 0;
    }

    @Override
    void columns(long[] acc, int slot, MemorySegment s, long base, int w, long[] rows, int nRows) {
        for (int r = 0; r < nRows; r++) {
            long off = base + rows[r];
            switch (size) {
                case 1 -> { for (int c = 0; c < w; c++) fold(acc, slot + c, (s.getAtIndex(I8, off + c) & mask) != 0); }
                case 2 -> { for (int c = 0; c < w; c++) fold(acc, slot + c, (s.getAtIndex(I16, off + c) & mask) != 0); }
                case 4 -> { for (int c = 0; c < w; c++) fold(acc, slot + c, (s.getAtIndex(I32, off + c) & mask) != 0); }
                default -> { for (int c = 0; c < w; c++) fold(acc, slot + c, (s.getAtIndex(I64, off + c) & mask) != 0); }
            }
        }
    }

    private void fold(long[] acc, int slot, boolean nz) {
        if (all) acc[slot] &= nz ? 1 : 0;
        else acc[slot] |= nz ? 1 : 0;
    }

    @Override
    void merge(long[] acc, int dst, long[] src, int srcSlot) {
        if (all) acc[dst] &= src[srcSlot];
        else acc[dst] |= src[srcSlot];
    }

    @Override
    void write(long[] acc, int slot, MemorySegment out, DType outType, long index) {
        ElementAccess.setLong(out, outType, index, acc[slot]);
    }

    /** Some element of the n contiguous elements at byte offset off is true: OR of the masked words. */
    private boolean anyNonzero(MemorySegment s, long off, long n) {
        long bytes = n * size;
        long vb = LS.vectorByteSize();
        LongVector m = LongVector.broadcast(LS, wideMask);
        LongVector a0 = LongVector.zero(LS), a1 = a0;
        long i = 0;
        for (long b = bytes - bytes % (2 * vb); i < b; i += 2 * vb) {
            a0 = a0.or(LongVector.fromMemorySegment(LS, s, off + i, NO));
            a1 = a1.or(LongVector.fromMemorySegment(LS, s, off + i + vb, NO));
        }
        if (a0.or(a1).and(m).compare(VectorOperators.NE, 0).anyTrue()) return true;
        for (long e = i / size; e < n; e++) {
            if (nonzero(s, off / size + e)) return true;
        }
        return false;
    }

    /** Every one of the n contiguous elements at byte offset off is true. */
    private boolean allNonzero(MemorySegment s, long off, long n) {
        long i = 0;
        switch (size) {
            case 1 -> {
                ByteVector m = ByteVector.broadcast(BS, (byte) mask);
                for (long b = n - n % BS.length(); i < b; i += BS.length()) {
                    if (ByteVector.fromMemorySegment(BS, s, off + i, NO).and(m).compare(VectorOperators.EQ, 0).anyTrue()) return false;
                }
            }
            case 2 -> {
                ShortVector m = ShortVector.broadcast(SS, (short) mask);
                for (long b = n - n % SS.length(); i < b; i += SS.length()) {
                    if (ShortVector.fromMemorySegment(SS, s, off + i * 2, NO).and(m).compare(VectorOperators.EQ, 0).anyTrue()) return false;
                }
            }
            case 4 -> {
                IntVector m = IntVector.broadcast(IS, (int) mask);
                for (long b = n - n % IS.length(); i < b; i += IS.length()) {
                    if (IntVector.fromMemorySegment(IS, s, off + i * 4, NO).and(m).compare(VectorOperators.EQ, 0).anyTrue()) return false;
                }
            }
            default -> {
                LongVector m = LongVector.broadcast(LS, mask);
                for (long b = n - n % LS.length(); i < b; i += LS.length()) {
                    if (LongVector.fromMemorySegment(LS, s, off + i * 8, NO).and(m).compare(VectorOperators.EQ, 0).anyTrue()) return false;
                }
            }
        }
        for (; i < n; i++) {
            if (!nonzero(s, off / size + i)) return false;
        }
        return true;
    }
}
