package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.graph.BinaryOp;

/**
 * int64 and uint64 binary ops with the Vector API: wrapping arithmetic, max/min, comparisons, logical and
 * bitwise ops and shifts, signed or unsigned as the dtype says (one loop per case and signedness, so every
 * vector operation is a constant). Division, remainder and power go through {@link BinaryIntegers}.
 * BinaryInt8, BinaryInt16, BinaryInt32 and BinaryInt64 are the same code for four lane types: change them together.
 */
final class BinaryInt64 implements BinaryContiguous {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int BITS = 64;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final ValueLayout.OfLong I = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final int VV = 0, SV = 1, VS = 2;

    private final BinaryOp op;
    private final boolean unsigned;

    BinaryInt64(BinaryOp op, boolean unsigned) {
        this.op = op;
        this.unsigned = unsigned;
    }

    /** Whether this class has vector loops for {@code op} (the others belong to {@link BinaryIntegers}). */
    static boolean handles(BinaryOp op) { return IntegerLoop.of(op) != null; }

    @Override
    public void vv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        vector(op, unsigned, VV, a, ai, b, bi, o, oi, S.loopBound(n));
        scalar(a, ai, 1, b, bi, 1, o, oi, S.loopBound(n), n);
    }

    @Override
    public void sv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        vector(op, unsigned, SV, a, ai, b, bi, o, oi, S.loopBound(n));
        scalar(a, ai, 0, b, bi, 1, o, oi, S.loopBound(n), n);
    }

    @Override
    public void vs(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        BinaryOp swapped = BinaryContiguous.swapped(op);
        if (swapped != null) vector(swapped, unsigned, SV, b, bi, a, ai, o, oi, S.loopBound(n));
        else vector(op, unsigned, VS, a, ai, b, bi, o, oi, S.loopBound(n));
        scalar(a, ai, 1, b, bi, 0, o, oi, S.loopBound(n), n);
    }

    private static void vector(BinaryOp op, boolean u, int mode, MemorySegment a, long ai, MemorySegment b, long bi,
                               MemorySegment o, long oi, long up) {
        switch (IntegerLoop.of(op)) {
            case null -> throw new IllegalStateException("no vector loop for " + op); // a null label makes the compiler check that every case is listed
            case ADD -> add(mode, a, ai, b, bi, o, oi, up);
            case SUBTRACT -> subtract(mode, a, ai, b, bi, o, oi, up);
            case MULTIPLY -> multiply(mode, a, ai, b, bi, o, oi, up);
            case MAXIMUM -> maximum(mode, u, a, ai, b, bi, o, oi, up);
            case MINIMUM -> minimum(mode, u, a, ai, b, bi, o, oi, up);
            case EQUAL -> equal(mode, a, ai, b, bi, o, oi, up);
            case NOT_EQUAL -> notEqual(mode, a, ai, b, bi, o, oi, up);
            case LESS -> less(mode, u, a, ai, b, bi, o, oi, up);
            case LESS_EQUAL -> lessEqual(mode, u, a, ai, b, bi, o, oi, up);
            case GREATER -> greater(mode, u, a, ai, b, bi, o, oi, up);
            case GREATER_EQUAL -> greaterEqual(mode, u, a, ai, b, bi, o, oi, up);
            case LOGICAL_AND -> logicalAnd(mode, a, ai, b, bi, o, oi, up);
            case LOGICAL_OR -> logicalOr(mode, a, ai, b, bi, o, oi, up);
            case BITWISE_AND -> bitwiseAnd(mode, a, ai, b, bi, o, oi, up);
            case BITWISE_OR -> bitwiseOr(mode, a, ai, b, bi, o, oi, up);
            case BITWISE_XOR -> bitwiseXor(mode, a, ai, b, bi, o, oi, up);
            case LEFT_SHIFT -> leftShift(mode, a, ai, b, bi, o, oi, up);
            case RIGHT_SHIFT -> { if (u) rightShiftLogical(mode, a, ai, b, bi, o, oi, up); else rightShiftArithmetic(mode, a, ai, b, bi, o, oi, up); }
        }
    }

    private static LongVector ld(MemorySegment s, long i) { return LongVector.fromMemorySegment(S, s, i * Long.BYTES, NATIVE); }

    private static void st(LongVector v, MemorySegment s, long i) { v.intoMemorySegment(s, i * Long.BYTES, NATIVE); }

    private static LongVector bc(MemorySegment s, long i) { return LongVector.broadcast(S, s.getAtIndex(I, i)); }

    private static void add(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) st(ld(a, ai + i).add(ld(b, bi + i)), o, oi + i);
        else { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.add(ld(b, bi + i)), o, oi + i); }
    }

    private static void multiply(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) st(ld(a, ai + i).mul(ld(b, bi + i)), o, oi + i);
        else { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.mul(ld(b, bi + i)), o, oi + i); }
    }

    private static void subtract(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        switch (mode) {
            case VV -> { for (long i = 0; i < up; i += L) st(ld(a, ai + i).sub(ld(b, bi + i)), o, oi + i); }
            case SV -> { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.sub(ld(b, bi + i)), o, oi + i); }
            default -> { LongVector y = bc(b, bi); for (long i = 0; i < up; i += L) st(ld(a, ai + i).sub(y), o, oi + i); }
        }
    }

    private static void maximum(int mode, boolean u, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var umax = VectorOperators.UMAX;
        if (mode == VV) {
            if (u) for (long i = 0; i < up; i += L) st(ld(a, ai + i).lanewise(umax, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) st(ld(a, ai + i).max(ld(b, bi + i)), o, oi + i);
        } else {
            LongVector x = bc(a, ai);
            if (u) for (long i = 0; i < up; i += L) st(x.lanewise(umax, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) st(x.max(ld(b, bi + i)), o, oi + i);
        }
    }

    private static void minimum(int mode, boolean u, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var umin = VectorOperators.UMIN;
        if (mode == VV) {
            if (u) for (long i = 0; i < up; i += L) st(ld(a, ai + i).lanewise(umin, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) st(ld(a, ai + i).min(ld(b, bi + i)), o, oi + i);
        } else {
            LongVector x = bc(a, ai);
            if (u) for (long i = 0; i < up; i += L) st(x.lanewise(umin, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) st(x.min(ld(b, bi + i)), o, oi + i);
        }
    }

    private static void equal(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).eq(ld(b, bi + i)), o, oi + i);
        else { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) BinaryMasks.store(x.eq(ld(b, bi + i)), o, oi + i); }
    }

    private static void notEqual(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var ne = VectorOperators.NE;
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(ne, ld(b, bi + i)), o, oi + i);
        else { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(ne, ld(b, bi + i)), o, oi + i); }
    }

    private static void less(int mode, boolean u, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var lt = VectorOperators.LT;
        var ult = VectorOperators.ULT;
        if (mode == VV) {
            if (u) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(ult, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(lt, ld(b, bi + i)), o, oi + i);
        } else {
            LongVector x = bc(a, ai);
            if (u) for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(ult, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(lt, ld(b, bi + i)), o, oi + i);
        }
    }

    private static void lessEqual(int mode, boolean u, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var le = VectorOperators.LE;
        var ule = VectorOperators.ULE;
        if (mode == VV) {
            if (u) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(ule, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(le, ld(b, bi + i)), o, oi + i);
        } else {
            LongVector x = bc(a, ai);
            if (u) for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(ule, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(le, ld(b, bi + i)), o, oi + i);
        }
    }

    private static void greater(int mode, boolean u, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var gt = VectorOperators.GT;
        var ugt = VectorOperators.UGT;
        if (mode == VV) {
            if (u) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(ugt, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(gt, ld(b, bi + i)), o, oi + i);
        } else {
            LongVector x = bc(a, ai);
            if (u) for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(ugt, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(gt, ld(b, bi + i)), o, oi + i);
        }
    }

    private static void greaterEqual(int mode, boolean u, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var ge = VectorOperators.GE;
        var uge = VectorOperators.UGE;
        if (mode == VV) {
            if (u) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(uge, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(ge, ld(b, bi + i)), o, oi + i);
        } else {
            LongVector x = bc(a, ai);
            if (u) for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(uge, ld(b, bi + i)), o, oi + i);
            else for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(ge, ld(b, bi + i)), o, oi + i);
        }
    }

    private static VectorMask<Long> nonZero(LongVector v) { return v.compare(VectorOperators.NE, 0); }

    private static void logicalAnd(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(nonZero(ld(a, ai + i)).and(nonZero(ld(b, bi + i))), o, oi + i);
        else { VectorMask<Long> x = nonZero(bc(a, ai)); for (long i = 0; i < up; i += L) BinaryMasks.store(x.and(nonZero(ld(b, bi + i))), o, oi + i); }
    }

    private static void logicalOr(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(nonZero(ld(a, ai + i)).or(nonZero(ld(b, bi + i))), o, oi + i);
        else { VectorMask<Long> x = nonZero(bc(a, ai)); for (long i = 0; i < up; i += L) BinaryMasks.store(x.or(nonZero(ld(b, bi + i))), o, oi + i); }
    }

    private static void bitwiseAnd(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) st(ld(a, ai + i).and(ld(b, bi + i)), o, oi + i);
        else { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.and(ld(b, bi + i)), o, oi + i); }
    }

    private static void bitwiseOr(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) st(ld(a, ai + i).or(ld(b, bi + i)), o, oi + i);
        else { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.or(ld(b, bi + i)), o, oi + i); }
    }

    private static void bitwiseXor(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var xor = VectorOperators.XOR;
        if (mode == VV) for (long i = 0; i < up; i += L) st(ld(a, ai + i).lanewise(xor, ld(b, bi + i)), o, oi + i);
        else { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.lanewise(xor, ld(b, bi + i)), o, oi + i); }
    }

    /** {@code x << y}, 0 where y is negative or at least the bit width (Java would mask the count). */
    private static LongVector shl(LongVector x, LongVector y) {
        return x.lanewise(VectorOperators.LSHL, y).blend(0, y.compare(VectorOperators.UGE, BITS));
    }

    /** {@code x >>> y}, 0 where y is out of range. */
    private static LongVector shrLogical(LongVector x, LongVector y) {
        return x.lanewise(VectorOperators.LSHR, y).blend(0, y.compare(VectorOperators.UGE, BITS));
    }

    /** {@code x >> y}; a count out of range (negative too: unsigned min) shifts by width - 1, giving 0 or -1. */
    private static LongVector shrArithmetic(LongVector x, LongVector y) {
        return x.lanewise(VectorOperators.ASHR, y.lanewise(VectorOperators.UMIN, BITS - 1));
    }

    private static void leftShift(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        switch (mode) {
            case VV -> { for (long i = 0; i < up; i += L) st(shl(ld(a, ai + i), ld(b, bi + i)), o, oi + i); }
            case SV -> { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(shl(x, ld(b, bi + i)), o, oi + i); }
            default -> { LongVector y = bc(b, bi); for (long i = 0; i < up; i += L) st(shl(ld(a, ai + i), y), o, oi + i); }
        }
    }

    private static void rightShiftLogical(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        switch (mode) {
            case VV -> { for (long i = 0; i < up; i += L) st(shrLogical(ld(a, ai + i), ld(b, bi + i)), o, oi + i); }
            case SV -> { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(shrLogical(x, ld(b, bi + i)), o, oi + i); }
            default -> { LongVector y = bc(b, bi); for (long i = 0; i < up; i += L) st(shrLogical(ld(a, ai + i), y), o, oi + i); }
        }
    }

    private static void rightShiftArithmetic(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        switch (mode) {
            case VV -> { for (long i = 0; i < up; i += L) st(shrArithmetic(ld(a, ai + i), ld(b, bi + i)), o, oi + i); }
            case SV -> { LongVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(shrArithmetic(x, ld(b, bi + i)), o, oi + i); }
            default -> { LongVector y = bc(b, bi); for (long i = 0; i < up; i += L) st(shrArithmetic(ld(a, ai + i), y), o, oi + i); }
        }
    }

    /** Elements {@code [from, n)} one at a time with {@link BinaryIntegers#apply}. */
    private void scalar(MemorySegment a, long ai, long as, MemorySegment b, long bi, long bs, MemorySegment o, long oi,
                        long from, long n) {
        boolean bool = op.producesBool();
        for (long k = from; k < n; k++) {
            long r = BinaryIntegers.apply(op, BITS, unsigned, a.getAtIndex(I, ai + k * as), b.getAtIndex(I, bi + k * bs));
            if (bool) o.set(ValueLayout.JAVA_BYTE, oi + k, (byte) r);
            else o.setAtIndex(I, oi + k, r);
        }
    }
}
