package org.mlx4j.core.backend.cpu;

import org.mlx4j.core.DType;
import org.mlx4j.core.graph.*;

final class Idx {
    static long off(StridedView v, long flat) {
        long off = v.offset();
        int[] sh = v.shape();
        for (int i = sh.length - 1; i >= 0; i--) {
            long d = sh[i];
            if (d == 0) return off;
            off += (flat % d) * v.strides()[i];
            flat /= d;
        }
        return off;
    }
    static double get(StridedView v, long flat) { return ElementAccess.getDouble(v.segment(), v.dtype(), off(v, flat)); }
    static void set(StridedView v, long flat, double x) { ElementAccess.setDouble(v.segment(), v.dtype(), off(v, flat), x); }
}
