package org.mlx4j.core;

/** Tests and replacements of the special floating values: {@code isposinf}, {@code isneginf}, {@code nan_to_num}. */
final class FloatClasses {
    private FloatClasses() {}

    static Array isposinf(Array a) { return Mx.logicalAnd(Mx.isinf(a), Mx.greater(a, 0L)); }

    static Array isneginf(Array a) { return Mx.logicalAnd(Mx.isinf(a), Mx.less(a, 0L)); }

    /**
     * NaN replaced by {@code nan}, +inf by {@code posinf} and -inf by {@code neginf} (null: the largest and
     * smallest finite value of the dtype). Arrays of integers or booleans are returned as they are.
     */
    static Array nanToNum(Array a, double nan, Double posinf, Double neginf) {
        DType t = a.dtype();
        if (t == DType.COMPLEX64) {
            throw new IllegalArgumentException("nanToNum: complex64 is not supported (valid: real dtypes)");
        }
        if (!t.isInexact()) return a;
        double max = largestFinite(t);
        Array out = Mx.where(Mx.isnan(a), Creation.scalar(nan, t), a);
        out = Mx.where(isposinf(a), Creation.scalar(posinf == null ? max : posinf, t), out);
        return Mx.where(isneginf(a), Creation.scalar(neginf == null ? -max : neginf, t), out);
    }

    static double largestFinite(DType t) {
        return switch (t) {
            case FLOAT16 -> 65504.0;
            case BFLOAT16 -> Float.intBitsToFloat(0x7f7f0000);
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
            case BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, COMPLEX64 ->
                    throw new IllegalArgumentException("largestFinite: " + t.mlxName() + " is not a real floating dtype");
        };
    }
}
