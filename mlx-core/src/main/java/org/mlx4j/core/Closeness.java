package org.mlx4j.core;

/** Element-wise closeness and equality tests: {@code isclose}, {@code allclose}, {@code array_equal}. */
final class Closeness {
    private Closeness() {}

    /** MLX's isclose: {@code |a - b| <= atol + rtol * |b|}, infinities close only to themselves, NaNs when {@code equalNan}. */
    static Array isclose(Array a, Array b, double rtol, double atol, boolean equalNan) {
        Shapes.broadcast("isclose", a.node().shape, b.node().shape);
        Array diff = Mx.abs(Mx.subtract(a, b));
        Array bound = Mx.add(Mx.multiply(Mx.abs(b), rtol), atol);
        Array out = Mx.lessEqual(diff, bound);
        Array anyInf = Mx.logicalOr(Mx.isinf(a), Mx.isinf(b));
        Array bothInf = Mx.logicalAnd(anyInf, Mx.equal(a, b));
        out = Mx.logicalOr(Mx.logicalAnd(out, Mx.logicalNot(anyInf)), bothInf);
        if (equalNan) out = Mx.logicalOr(out, Mx.logicalAnd(Mx.isnan(a), Mx.isnan(b)));
        return out;
    }

    static Array allclose(Array a, Array b, double rtol, double atol, boolean equalNan) {
        return Mx.all(isclose(a, b, rtol, atol, equalNan));
    }

    /** True when the shapes are equal and so is every element (NaNs equal to each other when {@code equalNan}). */
    static Array arrayEqual(Array a, Array b, boolean equalNan) {
        if (!java.util.Arrays.equals(a.node().shape, b.node().shape)) return Creation.scalar(0L, DType.BOOL);
        Array eq = Mx.equal(a, b);
        if (equalNan) eq = Mx.logicalOr(eq, Mx.logicalAnd(Mx.isnan(a), Mx.isnan(b)));
        return Mx.all(eq);
    }
}
