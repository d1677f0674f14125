package org.mlx4j.core.io;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/** Row-major, native-byte-order bytes of one array as read from a file, before it becomes an {@link Array}. */
record RawTensor(DType dtype, int[] shape, MemorySegment data) {
    Array toArray() {
        return Mx.array(data, dtype, shape);
    }

    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) n = Math.multiplyExact(n, (long) d);
        return n;
    }

    static String shapeString(int[] shape) {
        return Arrays.toString(shape);
    }
}
