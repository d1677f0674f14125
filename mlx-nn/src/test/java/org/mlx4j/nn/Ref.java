package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/** Random inputs and float64 comparisons for the mlx-nn tests. */
public final class Ref {
    private Ref() {}

    /** {@code n} values uniform in {@code [-1, 1)} from {@code seed}. */
    public static double[] uniform(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = r.nextDouble(-1, 1);
        return out;
    }

    /** A FLOAT32 array of the given values. */
    public static Array f32(double[] values, int... shape) { return Mx.array(values, shape); }

    /** A FLOAT64 array of the given values. */
    public static Array f64(double[] values, int... shape) { return Mx.array(values, DType.FLOAT64, shape); }

    /** Asserts shape and dtype, then every value within {@code tol} (absolute plus relative). */
    public static void assertClose(Array actual, double[] expected, int[] shape, DType dtype, double tol) {
        assertThat(actual.shape()).as("shape").isEqualTo(shape);
        assertThat(actual.dtype()).as("dtype").isEqualTo(dtype);
        double[] got = actual.toDoubleArray();
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("element %d of %s", i, Arrays.toString(shape))
                    .isCloseTo(expected[i], Offset.offset(tol * (1 + Math.abs(expected[i]))));
        }
    }
}
