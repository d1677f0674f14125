package org.mlx4j.core.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** In-place byte swapping and layout changes of raw element bytes. */
final class ByteOrders {
    private ByteOrders() {}

    /** Reverses the bytes of every element of {@code size} bytes (COMPLEX64 swaps each float32 half). */
    static void swap(MemorySegment s, int size) {
        if (size == 1) return;
        long n = s.byteSize() / size;
        for (long i = 0; i < n; i++) {
            long base = i * size;
            for (int j = 0; j < size / 2; j++) {
                byte a = s.get(ValueLayout.JAVA_BYTE, base + j);
                byte b = s.get(ValueLayout.JAVA_BYTE, base + size - 1 - j);
                s.set(ValueLayout.JAVA_BYTE, base + j, b);
                s.set(ValueLayout.JAVA_BYTE, base + size - 1 - j, a);
            }
        }
    }

    /**
     * Copies column-major ("Fortran order") elements of {@code shape} from {@code src} into row-major
     * order in {@code dst}.
     */
    static void fortranToRowMajor(MemorySegment src, MemorySegment dst, int[] shape, int size) {
        int nd = shape.length;
        long n = RawTensor.elementCount(shape);
        if (nd <= 1 || n == 0) {
            MemorySegment.copy(src, 0, dst, 0, n * size);
            return;
        }
        long[] colStrides = new long[nd];
        long st = 1;
        for (int d = 0; d < nd; d++) {
            colStrides[d] = st;
            st *= shape[d];
        }
        int[] idx = new int[nd];
        long srcIndex = 0;
        for (long i = 0; i < n; i++) {
            MemorySegment.copy(src, srcIndex * size, dst, i * size, size);
            // advance the row-major multi-index, keeping the column-major source index in step
            for (int d = nd - 1; d >= 0; d--) {
                idx[d]++;
                srcIndex += colStrides[d];
                if (idx[d] < shape[d]) break;
                srcIndex -= colStrides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }
}
