package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.UnaryOp;

/**
 * Integer and bool unary kernels: values are read widened to long (sign- or zero-extended by type),
 * computed there and stored truncated, which gives C's wrap-around for every width.
 */
final class UnaryInteger {
    private UnaryInteger() {}

    private static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;

    static void apply(UnaryOp op, DType type, MemorySegment a, long ab, MemorySegment o, long ob, long n) {
        boolean unsigned = type.isUnsignedInteger() || type == DType.BOOL;
        if (op == UnaryOp.LOGICAL_NOT || type == DType.BOOL && op == UnaryOp.BITWISE_INVERT) {
            int es = type.size();
            for (long i = 0; i < n; i++) o.set(I8, ob + i, (byte) (read(a, ab + es * i, es, true) == 0 ? 1 : 0));
            return;
        }
        switch (type.size()) {
            case 1 -> {
                for (long i = 0; i < n; i++) {
                    byte x = a.get(I8, ab + i);
                    o.set(I8, ob + i, (byte) compute(op, unsigned ? x & 0xff : x, unsigned));
                }
            }
            case 2 -> {
                for (long i = 0; i < n; i++) {
                    short x = a.get(I16, ab + 2 * i);
                    o.set(I16, ob + 2 * i, (short) compute(op, unsigned ? x & 0xffff : x, unsigned));
                }
            }
            case 4 -> {
                for (long i = 0; i < n; i++) {
                    int x = a.get(I32, ab + 4 * i);
                    o.set(I32, ob + 4 * i, (int) compute(op, unsigned ? x & 0xffffffffL : x, unsigned));
                }
            }
            default -> {
                for (long i = 0; i < n; i++) o.set(I64, ob + 8 * i, compute(op, a.get(I64, ab + 8 * i), unsigned));
            }
        }
    }

    private static long read(MemorySegment s, long off, int es, boolean unsigned) {
        return switch (es) {
            case 1 -> unsigned ? s.get(I8, off) & 0xff : s.get(I8, off);
            case 2 -> unsigned ? s.get(I16, off) & 0xffff : s.get(I16, off);
            case 4 -> unsigned ? s.get(I32, off) & 0xffffffffL : s.get(I32, off);
            default -> s.get(I64, off);
        };
    }

    /** x is the exact value for every type but uint64, whose bits it holds: {@link UnaryOp#applyIntegral}. */
    private static long compute(UnaryOp op, long x, boolean unsigned) { return op.applyIntegral(x, unsigned); }
}
