package org.mlx4j.core.backend.cpu;

import java.util.Arrays;

/** Argument checks shared by the element-wise kernels, with messages naming the op, operand and shapes. */
final class BinaryChecks {
    private BinaryChecks() {}

    static void sameShape(String op, String operand, StridedView in, StridedView out) {
        if (!Arrays.equals(in.shape(), out.shape())) {
            throw new IllegalArgumentException(op + ": " + operand + " has shape " + Arrays.toString(in.shape())
                    + " but the output has shape " + Arrays.toString(out.shape()) + " (broadcast inputs first)");
        }
        if (in.strides().length != in.shape().length) {
            throw new IllegalArgumentException(op + ": " + operand + " has " + in.strides().length
                    + " strides for shape " + Arrays.toString(in.shape()));
        }
    }

    static void output(String op, StridedView out) {
        if (out.strides().length != out.shape().length || !out.isRowContiguous()) {
            throw new IllegalArgumentException(op + ": the output must be row-major contiguous, got " + out);
        }
        if (out.segment().isReadOnly()) throw new IllegalArgumentException(op + ": the output segment is read-only");
        inBounds(op, "output", out);
    }

    /** Every element the view can address lies inside its segment. */
    static void inBounds(String op, String operand, StridedView v) {
        long lo = v.offset(), hi = v.offset();
        for (int d = 0; d < v.ndim(); d++) {
            if (v.shape()[d] < 0) throw new IllegalArgumentException(op + ": " + operand + " has a negative extent: " + v);
            if (v.shape()[d] == 0) return;
            long reach = (v.shape()[d] - 1) * v.strides()[d];
            if (reach < 0) lo += reach;
            else hi += reach;
        }
        long elements = v.segment().byteSize() / v.dtype().size();
        if (lo < 0 || hi >= elements) {
            throw new IllegalArgumentException(op + ": " + operand + " reaches elements [" + lo + ", " + hi
                    + "] outside its segment of " + elements + " elements: " + v);
        }
    }
}
