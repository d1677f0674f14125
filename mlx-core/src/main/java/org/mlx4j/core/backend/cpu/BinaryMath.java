package org.mlx4j.core.backend.cpu;

import org.mlx4j.core.graph.BinaryOp;

/**
 * The float32 scalar forms that differ from computing in float64 and rounding (Python's {@code %} in float
 * arithmetic); every other scalar form is {@link BinaryOp#applyReal}.
 */
final class BinaryMath {
    private BinaryMath() {}

    static float remainder(float x, float y) {
        float r = x % y;
        if (r != 0) {
            if ((r < 0) != (y < 0)) r += y;
        } else {
            r = Math.copySign(0f, y);
        }
        return r;
    }

    /** Comparisons and logical ops on floats: {@link BinaryOp#applyReal} is 1 or 0 (NaN compares false but for NOT_EQUAL). */
    static boolean test(BinaryOp op, double x, double y) { return op.applyReal(x, y) != 0; }
}
