package org.mlx4j.core;

import static org.mlx4j.core.TestArrays.*;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * {@link Mx#stridedSlice}: elements {@code start[i] + k * step[i]} for {@code k < shape[i]}, against
 * plain index arithmetic on random arrays, starts and (negative too) steps.
 */
class StridedSliceTest {

    /** Row-major values of x at start + k * step per axis. */
    private static double[] stridedRef(double[] x, int[] in, int[] start, int[] step, int[] shape) {
        double[] out = new double[size(shape)];
        for (int f = 0; f < out.length; f++) {
            int[] o = unravel(f, shape);
            int[] idx = new int[in.length];
            for (int d = 0; d < in.length; d++) idx[d] = start[d] + o[d] * step[d];
            out[f] = x[ravel(idx, in)];
        }
        return out;
    }

    @RepeatedTest(12)
    void matchesIndexArithmeticForRandomStartsAndSteps(RepetitionInfo info) {
        Random rng = new Random(0x9E3779B97F4A7C15L * info.getCurrentRepetition());
        int nd = 1 + rng.nextInt(3);
        int[] in = new int[nd], start = new int[nd], step = new int[nd], shape = new int[nd];
        for (int d = 0; d < nd; d++) {
            in[d] = 3 + rng.nextInt(5);
            step[d] = new int[] {-3, -2, -1, 1, 2, 3}[rng.nextInt(6)];
            int most = (in[d] - 1) / Math.abs(step[d]) + 1; // the most elements that fit
            shape[d] = rng.nextBoolean() ? most : 1 + rng.nextInt(most);
            int span = (shape[d] - 1) * Math.abs(step[d]);
            start[d] = (step[d] > 0 ? 0 : span) + rng.nextInt(in[d] - span);
        }
        DType t = new DType[] {DType.FLOAT32, DType.INT32, DType.FLOAT64, DType.INT8}[rng.nextInt(4)];
        Sample x = sample(rng, t, -50, 50, in);
        Array r = Mx.stridedSlice(x.array(), start, step, shape);
        assertClose(r, t, shape, stridedRef(x.values(), in, start, step, shape), 0, 0);
    }

    @Test
    void aZeroExtentGivesAnEmptyArrayWhateverTheStart() {
        Array x = Mx.array(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Array r = Mx.stridedSlice(x, new int[] {1, 7}, new int[] {1, -2}, new int[] {1, 0});
        assertShape(r, DType.FLOAT32, 1, 0);
        org.assertj.core.api.Assertions.assertThat(r.toFloatArray()).isEmpty();
    }

    @Test
    void aSliceOfASliceComposes() {
        Random rng = new Random(420);
        Sample x = sample(rng, DType.FLOAT32, -5, 5, 6, 8);
        Array inner = Mx.stridedSlice(x.array(), new int[] {5, 1}, new int[] {-1, 2}, new int[] {4, 4});
        Array r = Mx.stridedSlice(inner, new int[] {1, 3}, new int[] {2, -1}, new int[] {2, 3});
        double[] first = stridedRef(x.values(), shape(6, 8), new int[] {5, 1}, new int[] {-1, 2}, shape(4, 4));
        assertClose(r, DType.FLOAT32, shape(2, 3), stridedRef(first, shape(4, 4), new int[] {1, 3}, new int[] {2, -1}, shape(2, 3)), 0, 0);
    }

    @Test
    void theWholeArrayInOrderIsTheArrayItself() {
        Array x = Mx.array(new float[] {1, 2, 3, 4}, 2, 2);
        assertExact(Mx.stridedSlice(x, new int[] {0, 0}, new int[] {1, 1}, new int[] {2, 2}), DType.FLOAT32, shape(2, 2), 1, 2, 3, 4);
        assertExact(Mx.stridedSlice(x, new int[] {1, 1}, new int[] {-1, -1}, new int[] {2, 2}), DType.FLOAT32, shape(2, 2), 4, 3, 2, 1);
    }

    @Test
    void badInputsNameTheOp() {
        Array x = Mx.zeros(3, 4);
        assertFailsWith(() -> Mx.stridedSlice(x, new int[] {0, 2}, new int[] {1, 1}, new int[] {3, 3}), "stridedSlice", "axis 1");
        assertFailsWith(() -> Mx.stridedSlice(x, new int[] {0, 0}, new int[] {-1, 1}, new int[] {2, 4}), "stridedSlice", "axis 0");
        assertFailsWith(() -> Mx.stridedSlice(x, new int[] {0, 4}, new int[] {1, 1}, new int[] {3, 1}), "stridedSlice", "axis 1");
        assertFailsWith(() -> Mx.stridedSlice(x, new int[] {0}, new int[] {1, 1}, new int[] {3, 4}), "stridedSlice", "(3, 4)");
        assertFailsWith(() -> Mx.stridedSlice(x, new int[] {0, 0, 0}, new int[] {1, 1, 1}, new int[] {3, 4, 1}), "stridedSlice", "(3, 4)");
        assertFailsWith(() -> Mx.stridedSlice(x, new int[] {0, 0}, new int[] {1, 1}, new int[] {3, -1}), "stridedSlice", "-1");
    }
}
