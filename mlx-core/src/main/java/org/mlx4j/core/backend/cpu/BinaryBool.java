package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.graph.BinaryOp;

/**
 * Every binary op on BOOL, through its truth table: any op of two booleans is one of 16 functions, so one
 * vector loop per case serves them all. Each lane's inputs become masks ({@code byte != 0}, so non-canonical
 * true values count as true), the table's four entries are loop-invariant all-true or all-false masks, and
 * the output is 0 or 1.
 */
final class BinaryBool implements BinaryContiguous {
    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;

    /** Bit {@code 2p + q} is {@code op(p, q)}. */
    private final int table;

    BinaryBool(BinaryOp op) {
        int t = 0;
        for (int p = 0; p < 2; p++) {
            for (int q = 0; q < 2; q++) if (value(op, p == 1, q == 1)) t |= 1 << (2 * p + q);
        }
        this.table = t;
    }

    /** The op on booleans, as NumPy computes it on bool arrays: its integer form on 0 and 1 (bytes), non-zero is true. */
    static boolean value(BinaryOp op, boolean p, boolean q) {
        return op.applyIntegral(p ? 1 : 0, q ? 1 : 0, 8, true) != 0;
    }

    private boolean entry(boolean p, boolean q) { return (table >> ((p ? 2 : 0) + (q ? 1 : 0)) & 1) != 0; }

    @Override
    public void vv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        VectorMask<Byte> tt = S.maskAll(entry(true, true)), tf = S.maskAll(entry(true, false));
        VectorMask<Byte> ft = S.maskAll(entry(false, true)), ff = S.maskAll(entry(false, false));
        ByteVector zero = ByteVector.zero(S);
        long i = 0;
        for (long up = S.loopBound(n); i < up; i += L) {
            VectorMask<Byte> p = nonZero(a, ai + i), q = nonZero(b, bi + i);
            combine(p, q, tt, tf, ft, ff, zero).intoMemorySegment(o, oi + i, NATIVE);
        }
        for (; i < n; i++) o.set(B, oi + i, bool(entry(a.get(B, ai + i) != 0, b.get(B, bi + i) != 0)));
    }

    @Override
    public void sv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        // With p fixed the op is a function of q alone: q, !q, true or false.
        boolean p = a.get(B, ai) != 0;
        unary(entry(p, true), entry(p, false), b, bi, o, oi, n);
    }

    @Override
    public void vs(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        boolean q = b.get(B, bi) != 0;
        unary(entry(true, q), entry(false, q), a, ai, o, oi, n);
    }

    /** {@code o[k] = x[k] != 0 ? ifTrue : ifFalse}. */
    private static void unary(boolean ifTrue, boolean ifFalse, MemorySegment x, long xi, MemorySegment o, long oi, long n) {
        if (ifTrue == ifFalse) {
            o.asSlice(oi, n).fill(bool(ifTrue));
            return;
        }
        ByteVector zero = ByteVector.zero(S);
        long i = 0, up = S.loopBound(n);
        if (ifTrue) for (; i < up; i += L) zero.blend((byte) 1, nonZero(x, xi + i)).intoMemorySegment(o, oi + i, NATIVE);
        else for (; i < up; i += L) zero.blend((byte) 1, nonZero(x, xi + i).not()).intoMemorySegment(o, oi + i, NATIVE);
        for (; i < n; i++) o.set(B, oi + i, bool((x.get(B, xi + i) != 0) ? ifTrue : ifFalse));
    }

    private static VectorMask<Byte> nonZero(MemorySegment s, long i) {
        return ByteVector.fromMemorySegment(S, s, i, NATIVE).compare(VectorOperators.NE, 0);
    }

    /** Lanes where the table entry selected by (p, q) is true, as 0 or 1. */
    private static ByteVector combine(VectorMask<Byte> p, VectorMask<Byte> q, VectorMask<Byte> tt, VectorMask<Byte> tf,
                                      VectorMask<Byte> ft, VectorMask<Byte> ff, ByteVector zero) {
        VectorMask<Byte> r = p.and(q).and(tt)
                .or(p.andNot(q).and(tf))
                .or(q.andNot(p).and(ft))
                .or(p.or(q).not().and(ff));
        return zero.blend((byte) 1, r);
    }

    private static byte bool(boolean v) { return (byte) (v ? 1 : 0); }
}
