package org.mlx4j.core;

import org.mlx4j.core.graph.ScatterOp;

/**
 * Functional updates at an index, as MLX's {@code a.at[idx]}: each method returns a new array and
 * leaves the original untouched. Repeated indices accumulate for {@code add}/{@code multiply}.
 */
public final class ArrayAt {
    private final Array array;
    private final Object[] index;

    ArrayAt(Array array, Object[] index) {
        this.array = array;
        this.index = index;
    }

    public Array set(Array v) { return Indexing.update("at.set", array, index, v, ScatterOp.SET); }
    public Array set(double v) { return set(Ops.weak(array, v)); }
    public Array add(Array v) { return Indexing.update("at.add", array, index, v, ScatterOp.ADD); }
    public Array add(double v) { return add(Ops.weak(array, v)); }
    public Array subtract(Array v) { return Indexing.update("at.subtract", array, index, Mx.negative(v), ScatterOp.ADD); }
    public Array subtract(double v) { return subtract(Ops.weak(array, v)); }
    public Array multiply(Array v) { return Indexing.update("at.multiply", array, index, v, ScatterOp.PROD); }
    public Array multiply(double v) { return multiply(Ops.weak(array, v)); }
    public Array divide(Array v) { return Indexing.update("at.divide", array, index, Mx.reciprocal(v), ScatterOp.PROD); }
    public Array divide(double v) { return divide(Ops.weak(array, v)); }
    public Array maximum(Array v) { return Indexing.update("at.maximum", array, index, v, ScatterOp.MAX); }
    public Array minimum(Array v) { return Indexing.update("at.minimum", array, index, v, ScatterOp.MIN); }
}
