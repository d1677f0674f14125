package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.mlx4j.core.DType;

/**
 * What a CPU kernel sees of an array: a segment, an element offset into it, a shape and
 * per-axis strides in elements (0 for a broadcast axis, negative for a reversed one).
 * Outputs handed to kernels are always row-major contiguous with {@code offset == 0}.
 */
public record StridedView(MemorySegment segment, long offset, int[] shape, long[] strides, DType dtype) {

    /** A row-major contiguous view of {@code segment} starting at element 0. */
    public static StridedView contiguous(MemorySegment segment, DType dtype, int... shape) {
        return new StridedView(segment, 0, shape, rowMajorStrides(shape), dtype);
    }

    public static long[] rowMajorStrides(int[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    public static long sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    public int ndim() { return shape.length; }

    public long size() { return sizeOf(shape); }

    /** Byte offset of the first element. */
    public long byteOffset() { return offset * dtype.size(); }

    /** True when the elements are laid out row-major with no gaps (axes of extent 1 may have any stride). */
    public boolean isRowContiguous() {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /** True when every element is the same memory location (all strides 0, or one element). */
    public boolean isScalarBroadcast() {
        for (int i = 0; i < shape.length; i++) if (shape[i] != 1 && strides[i] != 0) return false;
        return true;
    }

    @Override
    public String toString() {
        return "StridedView[" + dtype.mlxName() + " shape=" + Arrays.toString(shape)
                + " strides=" + Arrays.toString(strides) + " offset=" + offset + "]";
    }
}
