package org.mlx4j.core;

import org.mlx4j.core.primitives.View;

/** Ops that read an array's elements in another layout: {@code as_strided}, {@code view}, {@code contiguous}. */
final class Reinterpretations {
    private Reinterpretations() {}

    /**
     * The row-major elements of {@code a} read with {@code strides} (in elements) from {@code offset}: element
     * {@code i} of the result is element {@code offset + sum(i_k * strides[k])} of the flattened {@code a}. Unlike
     * MLX, every position is checked to lie inside {@code a}.
     */
    static Array asStrided(Array a, int[] shape, long[] strides, long offset) {
        Shapes.checkShape("asStrided", shape);
        if (strides.length != shape.length) {
            throw new IllegalArgumentException("asStrided: " + strides.length + " strides for the shape " + Shapes.str(shape)
                    + " (need one per axis)");
        }
        long count = Shapes.size(shape), size = a.size();
        if (count > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("asStrided: " + count + " elements are too many");
        int[] index = new int[(int) count];
        int[] at = new int[shape.length];
        for (int i = 0; i < count; i++) {
            long pos = offset;
            for (int k = 0; k < shape.length; k++) pos += at[k] * strides[k];
            if (pos < 0 || pos >= size) {
                throw new IndexOutOfBoundsException("asStrided: position " + java.util.Arrays.toString(at) + " reads element " + pos
                        + " of an array of " + size + " elements (shape " + Shapes.str(a.node().shape) + ", strides "
                        + java.util.Arrays.toString(strides) + ", offset " + offset + ")");
            }
            index[i] = (int) pos;
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++at[k] < shape[k]) break;
                at[k] = 0;
            }
        }
        Array flat = ShapeOps.reshape(a, -1);
        return SortingOps.take(flat, Creation.fromInts(index, shape.clone()), 0);
    }

    /** MLX's {@code view}: the bytes of {@code a} as {@code dtype}; the last axis grows or shrinks by the size ratio. */
    static Array view(Array a, DType dtype) {
        int[] s = a.node().shape;
        int in = a.dtype().size(), out = dtype.size();
        if (in == out) return a.dtype() == dtype ? a : Ops.make(new View(dtype), s.clone(), dtype, a);
        if (s.length == 0) {
            throw new IllegalArgumentException("view: a 0-d array of " + a.dtype().mlxName() + " (" + in + " bytes) cannot be viewed as "
                    + dtype.mlxName() + " (" + out + " bytes): the sizes must be equal for a scalar");
        }
        long bytes = (long) s[s.length - 1] * in;
        if (bytes % out != 0) {
            throw new IllegalArgumentException("view: the last axis of shape " + Shapes.str(s) + " holds " + bytes + " bytes of "
                    + a.dtype().mlxName() + ", not a multiple of the " + out + " bytes of " + dtype.mlxName());
        }
        int[] shape = s.clone();
        shape[s.length - 1] = (int) (bytes / out);
        return Ops.make(new View(dtype), shape, dtype, a);
    }

    /** A row-major contiguous copy of {@code a}, as MLX's {@code contiguous}. */
    static Array contiguous(Array a) { return ShapeOps.copy(a); }
}
