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

    /**
     * Writes {@code v} at the index (with repeated indices one of the values is kept). MLX:
     * {@code a.at[index].set(v)}.
     *
     * @param v the values, converted to the array's dtype and broadcast to the indexed shape
     * @return a new array; the original is unchanged
     * @throws IllegalArgumentException if {@code v} does not broadcast to the indexed shape
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array set(Array v) { return Indexing.update("at.set", array, index, v, ScatterOp.SET); }

    /**
     * Writes {@code v} at the index (with repeated indices one of the values is kept), with a scalar {@code v}.
     * MLX: {@code a.at[index].set(v)}.
     *
     * @param v the value, a <a href="Mx.html#weak-scalars">weak</a> scalar
     * @return a new array; the original is unchanged
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array set(double v) { return set(Ops.weak(array, v)); }

    /**
     * Adds {@code v} at the index (repeated indices add up). MLX: {@code a.at[index].add(v)}.
     *
     * @param v the values, converted to the array's dtype and broadcast to the indexed shape
     * @return a new array; the original is unchanged
     * @throws IllegalArgumentException if {@code v} does not broadcast to the indexed shape
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array add(Array v) { return Indexing.update("at.add", array, index, v, ScatterOp.ADD); }

    /**
     * Adds {@code v} at the index (repeated indices add up), with a scalar {@code v}. MLX:
     * {@code a.at[index].add(v)}.
     *
     * @param v the value, a <a href="Mx.html#weak-scalars">weak</a> scalar
     * @return a new array; the original is unchanged
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array add(double v) { return add(Ops.weak(array, v)); }

    /**
     * Subtracts {@code v} at the index (repeated indices add up). MLX: {@code a.at[index].subtract(v)}.
     *
     * @param v the values, converted to the array's dtype and broadcast to the indexed shape
     * @return a new array; the original is unchanged
     * @throws IllegalArgumentException if {@code v} does not broadcast to the indexed shape
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array subtract(Array v) { return Indexing.update("at.subtract", array, index, Mx.negative(v), ScatterOp.ADD); }

    /**
     * Subtracts {@code v} at the index (repeated indices add up), with a scalar {@code v}. MLX:
     * {@code a.at[index].subtract(v)}.
     *
     * @param v the value, a <a href="Mx.html#weak-scalars">weak</a> scalar
     * @return a new array; the original is unchanged
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array subtract(double v) { return subtract(Ops.weak(array, v)); }

    /**
     * Multiplies by {@code v} at the index (repeated indices multiply up). MLX:
     * {@code a.at[index].multiply(v)}.
     *
     * @param v the values, converted to the array's dtype and broadcast to the indexed shape
     * @return a new array; the original is unchanged
     * @throws IllegalArgumentException if {@code v} does not broadcast to the indexed shape
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array multiply(Array v) { return Indexing.update("at.multiply", array, index, v, ScatterOp.PROD); }

    /**
     * Multiplies by {@code v} at the index (repeated indices multiply up), with a scalar {@code v}. MLX:
     * {@code a.at[index].multiply(v)}.
     *
     * @param v the value, a <a href="Mx.html#weak-scalars">weak</a> scalar
     * @return a new array; the original is unchanged
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array multiply(double v) { return multiply(Ops.weak(array, v)); }

    /**
     * Divides by {@code v} at the index (multiplies by its reciprocal; repeated indices multiply up). MLX:
     * {@code a.at[index].divide(v)}.
     *
     * @param v the values, converted to the array's dtype and broadcast to the indexed shape
     * @return a new array; the original is unchanged
     * @throws IllegalArgumentException if {@code v} does not broadcast to the indexed shape
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array divide(Array v) { return Indexing.update("at.divide", array, index, Mx.reciprocal(v), ScatterOp.PROD); }

    /**
     * Divides by {@code v} at the index (multiplies by its reciprocal; repeated indices multiply up), with a
     * scalar {@code v}. MLX: {@code a.at[index].divide(v)}.
     *
     * @param v the value, a <a href="Mx.html#weak-scalars">weak</a> scalar
     * @return a new array; the original is unchanged
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array divide(double v) { return divide(Ops.weak(array, v)); }

    /**
     * Keeps the larger of each element and {@code v} at the index. MLX: {@code a.at[index].maximum(v)}.
     *
     * @param v the values, converted to the array's dtype and broadcast to the indexed shape
     * @return a new array; the original is unchanged
     * @throws IllegalArgumentException if {@code v} does not broadcast to the indexed shape
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array maximum(Array v) { return Indexing.update("at.maximum", array, index, v, ScatterOp.MAX); }

    /**
     * Keeps the smaller of each element and {@code v} at the index. MLX: {@code a.at[index].minimum(v)}.
     *
     * @param v the values, converted to the array's dtype and broadcast to the indexed shape
     * @return a new array; the original is unchanged
     * @throws IllegalArgumentException if {@code v} does not broadcast to the indexed shape
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Array minimum(Array v) { return Indexing.update("at.minimum", array, index, v, ScatterOp.MIN); }
}
