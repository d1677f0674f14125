package org.mlx4j.core.graph;

import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.StridedView;
import org.mlx4j.core.memory.Buffer;

/**
 * The storage of a computed array: a buffer (possibly shared with other views), an element
 * offset and per-axis element strides.
 */
public record Data(Buffer buffer, long offset, long[] strides) {

    /** A fresh row-major layout over the whole of {@code buffer}. */
    public static Data contiguous(Buffer buffer, int[] shape) {
        return new Data(buffer, 0, StridedView.rowMajorStrides(shape));
    }

    public StridedView view(int[] shape, DType dtype) {
        return new StridedView(buffer.segment(), offset, shape, strides, dtype);
    }

    /** Row-major with no gaps (axes of extent 1 may have any stride). */
    public boolean isRowContiguous(int[] shape) {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }
}
