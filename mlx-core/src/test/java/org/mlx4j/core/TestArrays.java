package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Shared support for the op and gradient tests: seeded random arrays whose stored values are known
 * exactly, plain float64 reference code (broadcasting, slicing, transposes, reductions, matmul, erf,
 * finite differences) and closeness checks with tolerances chosen by dtype. The reference code is
 * written independently of the library so that a wrong kernel cannot agree with itself.
 */
final class TestArrays {
    private TestArrays() {}

    /** Central-difference step for FLOAT64 finite differences. */
    static final double FD_STEP = 1e-6;

    /** A test array together with its values as stored (already rounded to its dtype). */
    record Sample(Array array, double[] values, int[] shape) {
        DType dtype() { return array.dtype(); }
    }

    static int[] shape(int... dims) { return dims; }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    // ------------------------------------------------------------------ random values

    /** {@code n} uniform values in [lo, hi); drawn again in the (unlikely) case that all are zero. */
    static double[] uniform(Random rng, int n, double lo, double hi) {
        double[] v = new double[n];
        do {
            for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
        } while (n > 0 && Arrays.stream(v).allMatch(x -> x == 0));
        return v;
    }

    /** {@code n} values with magnitude in [minAbs, maxAbs) and a random sign. */
    static double[] awayFromZero(Random rng, int n, double minAbs, double maxAbs) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double m = minAbs + (maxAbs - minAbs) * rng.nextDouble();
            v[i] = rng.nextBoolean() ? m : -m;
        }
        return v;
    }

    /** {@code n} integers in [lo, hi] (inclusive), not all zero. */
    static long[] randomLongs(Random rng, int n, long lo, long hi) {
        long[] v = new long[n];
        do {
            for (int i = 0; i < n; i++) v[i] = lo + (long) Math.floor(rng.nextDouble() * (hi - lo + 1));
        } while (n > 0 && Arrays.stream(v).allMatch(x -> x == 0));
        return v;
    }

    /**
     * A random array of dtype {@code t}: floats uniform in [lo, hi) rounded to t, integers uniform in
     * [ceil(lo), floor(hi)], booleans with both values present. The values are never all zero.
     */
    static Sample sample(Random rng, DType t, double lo, double hi, int... shape) {
        int n = size(shape);
        double[] v;
        if (t == DType.BOOL) {
            v = new double[n];
            for (int i = 0; i < n; i++) v[i] = rng.nextBoolean() ? 1 : 0;
            if (n > 0) v[0] = 1;
            if (n > 1) v[n - 1] = 0;
        } else if (t.isInteger()) {
            long[] l = randomLongs(rng, n, (long) Math.ceil(lo), (long) Math.floor(hi));
            v = new double[n];
            for (int i = 0; i < n; i++) v[i] = l[i];
        } else {
            v = uniform(rng, n, lo, hi);
            for (int i = 0; i < n; i++) v[i] = storedAs(t, v[i]);
        }
        return new Sample(array(v, t, shape), v, shape.clone());
    }

    /** A FLOAT64 sample with values uniform in [lo, hi). */
    static Sample sample64(Random rng, double lo, double hi, int... shape) {
        return sample(rng, DType.FLOAT64, lo, hi, shape);
    }

    /** An array of dtype t holding {@code values} (converted as MLX converts floats); 0-d when shape is empty. */
    static Array array(double[] values, DType t, int... shape) {
        if (shape.length == 0) {
            if (values.length != 1) throw new IllegalArgumentException("a 0-d array needs one value");
            return Mx.array(values[0], t);
        }
        return Mx.array(values, t, shape);
    }

    static Array f64(double[] values, int... shape) { return array(values, DType.FLOAT64, shape); }

    /** The value as dtype t stores it: float rounding (nearest even), integer truncation and wrap, bool. */
    static double storedAs(DType t, double v) {
        return switch (t) {
            case BOOL -> v != 0 ? 1 : 0;
            case UINT8 -> (long) v & 0xff;
            case UINT16 -> (long) v & 0xffff;
            case UINT32 -> (long) v & 0xffffffffL;
            case UINT64, INT64 -> (long) v;
            case INT8 -> (byte) (long) v;
            case INT16 -> (short) (long) v;
            case INT32 -> (int) (long) v;
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> bfloat16((float) v);
            case FLOAT32, COMPLEX64 -> (float) v;
            case FLOAT64 -> v;
        };
    }

    /** Round-to-nearest-even to bfloat16 (the top 16 bits of a float32). */
    static float bfloat16(float f) {
        if (Float.isNaN(f)) return f;
        int bits = Float.floatToRawIntBits(f);
        int lsb = (bits >>> 16) & 1;
        bits += 0x7fff + lsb;
        return Float.intBitsToFloat(bits & 0xffff0000);
    }

    static double[] storedAs(DType t, double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = storedAs(t, v[i]);
        return r;
    }

    // ------------------------------------------------------------------ tolerances and assertions

    /** Relative tolerance for results of dtype t computed from exact inputs (a few units in the last place). */
    static double rtol(DType t) {
        return switch (t) {
            case FLOAT64 -> 1e-12;
            case FLOAT32, COMPLEX64 -> 1e-5;
            case FLOAT16 -> 2e-3;
            case BFLOAT16 -> 1.6e-2;
            default -> 0;
        };
    }

    static double atol(DType t) {
        return switch (t) {
            case FLOAT64 -> 1e-12;
            case FLOAT32, COMPLEX64 -> 1e-6;
            case FLOAT16 -> 1e-3;
            case BFLOAT16 -> 1e-2;
            default -> 0;
        };
    }

    static void assertShape(Array a, DType dtype, int... shape) {
        assertThat(a.dtype()).as("dtype").isEqualTo(dtype);
        assertThat(a.shape()).as("shape").containsExactly(shape);
        assertThat(a.ndim()).as("ndim").isEqualTo(shape.length);
        assertThat(a.size()).as("size").isEqualTo(size(shape));
    }

    /** Checks dtype, shape and values against {@code expected} with the dtype's default tolerance. */
    static void assertClose(Array actual, DType dtype, int[] shape, double[] expected) {
        assertClose(actual, dtype, shape, expected, rtol(dtype), atol(dtype));
    }

    static void assertClose(Array actual, DType dtype, int[] shape, double[] expected, double rtol, double atol) {
        assertShape(actual, dtype, shape);
        assertAllClose(actual.toDoubleArray(), expected, rtol, atol);
    }

    /** Exact element values (integers, bools as 0/1, or floats expected bit-for-bit up to -0.0 == 0.0). */
    static void assertExact(Array actual, DType dtype, int[] shape, double... expected) {
        assertClose(actual, dtype, shape, expected, 0, 0);
    }

    static void assertBools(Array actual, int[] shape, boolean... expected) {
        assertShape(actual, DType.BOOL, shape);
        assertThat(actual.toBooleanArray()).containsExactly(expected);
    }

    /**
     * Element-wise {@code |got - expected| <= atol + rtol * |expected|}; NaN must meet NaN and an
     * infinity the same infinity. The message lists the first mismatches.
     */
    static void assertAllClose(double[] got, double[] expected, double rtol, double atol) {
        assertThat(got.length).as("number of elements").isEqualTo(expected.length);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < got.length; i++) {
            double g = got[i], e = expected[i];
            boolean ok;
            if (Double.isNaN(e)) ok = Double.isNaN(g);
            else if (Double.isInfinite(e)) ok = g == e;
            else ok = Math.abs(g - e) <= atol + rtol * Math.abs(e);
            if (!ok && bad.size() < 8) bad.add("[" + i + "] got " + g + ", expected " + e);
            else if (!ok) { bad.add("..."); break; }
        }
        if (!bad.isEmpty()) {
            fail("values differ (rtol " + rtol + ", atol " + atol + "): " + String.join("; ", bad)
                    + (got.length <= 24 ? "\n got      " + Arrays.toString(got) + "\n expected " + Arrays.toString(expected) : ""));
        }
    }

    /** Asserts that {@code call} throws a RuntimeException whose message contains every fragment. */
    static Throwable assertFailsWith(ThrowingCallable call, String... fragments) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("expected an exception mentioning %s", Arrays.toString(fragments))
                .isNotNull().isInstanceOf(RuntimeException.class);
        assertThat(t.getMessage()).as("exception message").isNotNull();
        for (String f : fragments) assertThat(t.getMessage()).as("exception message").contains(f);
        return t;
    }

    // ------------------------------------------------------------------ float64 reference code: indexing

    static int[] rowMajorStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    static int ravel(int[] idx, int[] shape) {
        int flat = 0;
        for (int i = 0; i < shape.length; i++) flat = flat * shape[i] + idx[i];
        return flat;
    }

    /** NumPy broadcasting of two shapes (the test's own implementation). */
    static int[] broadcastShape(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) throw new IllegalArgumentException("not broadcastable");
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Values of x (shape xs) repeated to the broadcast shape {@code target}. */
    static double[] broadcastRef(double[] x, int[] xs, int[] target) {
        int n = size(target);
        double[] out = new double[n];
        int lead = target.length - xs.length;
        for (int f = 0; f < n; f++) {
            int[] idx = unravel(f, target);
            int src = 0;
            for (int i = 0; i < xs.length; i++) src = src * xs[i] + (xs[i] == 1 ? 0 : idx[i + lead]);
            out[f] = x[src];
        }
        return out;
    }

    static double[] mapRef(double[] x, DoubleUnaryOperator f) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = f.applyAsDouble(x[i]);
        return r;
    }

    /** {@code f(a, b)} element-wise after broadcasting both to their common shape. */
    static double[] zipRef(double[] a, int[] as, double[] b, int[] bs, DoubleBinaryOperator f) {
        int[] out = broadcastShape(as, bs);
        double[] x = broadcastRef(a, as, out), y = broadcastRef(b, bs, out);
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) r[i] = f.applyAsDouble(x[i], y[i]);
        return r;
    }

    static int[] permute(int[] shape, int... perm) {
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) out[i] = shape[perm[i]];
        return out;
    }

    /** Row-major values of x (shape s) with its axes permuted: out[i_0..] = x[i at perm]. */
    static double[] transposeRef(double[] x, int[] shape, int... perm) {
        int[] out = permute(shape, perm);
        double[] r = new double[x.length];
        for (int f = 0; f < r.length; f++) {
            int[] o = unravel(f, out);
            int[] in = new int[shape.length];
            for (int i = 0; i < perm.length; i++) in[perm[i]] = o[i];
            r[f] = x[ravel(in, shape)];
        }
        return r;
    }

    /** The indices Python's {@code range(*slice(start, stop, step).indices(n))} produces. */
    static int[] pySliceIndices(int n, int start, int stop, int step) {
        if (step == 0) throw new IllegalArgumentException("step 0");
        int lower = step > 0 ? 0 : -1, upper = step > 0 ? n : n - 1;
        long s = start, e = stop;
        if (s < 0) s = Math.max(s + n, lower);
        else s = Math.min(s, upper);
        if (e < 0) e = Math.max(e + n, lower);
        else e = Math.min(e, upper);
        List<Integer> idx = new ArrayList<>();
        for (long i = s; step > 0 ? i < e : i > e; i += step) idx.add((int) i);
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The shape of x[start:stop:step] per axis with Python semantics. */
    static int[] sliceShape(int[] shape, int[] start, int[] stop, int[] step) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) out[i] = pySliceIndices(shape[i], start[i], stop[i], step[i]).length;
        return out;
    }

    /** Row-major values of x[start:stop:step] (per axis, Python semantics). */
    static double[] sliceRef(double[] x, int[] shape, int[] start, int[] stop, int[] step) {
        int nd = shape.length;
        int[][] idx = new int[nd][];
        int[] out = new int[nd];
        for (int i = 0; i < nd; i++) {
            idx[i] = pySliceIndices(shape[i], start[i], stop[i], step[i]);
            out[i] = idx[i].length;
        }
        double[] r = new double[size(out)];
        for (int f = 0; f < r.length; f++) {
            int[] o = unravel(f, out);
            int[] in = new int[nd];
            for (int i = 0; i < nd; i++) in[i] = idx[i][o[i]];
            r[f] = x[ravel(in, shape)];
        }
        return r;
    }

    /** A copy of x with x[start:stop:step] = update (update already of the slice's shape). */
    static double[] sliceUpdateRef(double[] x, int[] shape, int[] start, int[] stop, int[] step, double[] update) {
        int nd = shape.length;
        int[][] idx = new int[nd][];
        int[] out = new int[nd];
        for (int i = 0; i < nd; i++) {
            idx[i] = pySliceIndices(shape[i], start[i], stop[i], step[i]);
            out[i] = idx[i].length;
        }
        double[] r = x.clone();
        for (int f = 0; f < size(out); f++) {
            int[] o = unravel(f, out);
            int[] in = new int[nd];
            for (int i = 0; i < nd; i++) in[i] = idx[i][o[i]];
            r[ravel(in, shape)] = update[f];
        }
        return r;
    }

    // ------------------------------------------------------------------ float64 reference code: reductions

    /** Normalised, sorted, distinct axes (all when empty). */
    static int[] normAxes(int[] axes, int ndim) {
        if (axes.length == 0) {
            int[] all = new int[ndim];
            for (int i = 0; i < ndim; i++) all[i] = i;
            return all;
        }
        return Arrays.stream(axes).map(a -> a < 0 ? a + ndim : a).sorted().distinct().toArray();
    }

    static int[] reducedShape(int[] shape, int[] axes, boolean keepdims) {
        int[] ax = normAxes(axes, shape.length);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            boolean red = Arrays.binarySearch(ax, i) >= 0;
            if (!red) out.add(shape[i]);
            else if (keepdims) out.add(1);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Folds {@code f} over the given axes, starting from {@code init}; row-major over the kept axes. */
    static double[] reduceRef(double[] x, int[] shape, int[] axes, double init, DoubleBinaryOperator f) {
        int[] ax = normAxes(axes, shape.length);
        int[] keep = reducedShape(shape, ax, true);
        double[] out = new double[size(keep)];
        Arrays.fill(out, init);
        for (int i = 0; i < x.length; i++) {
            int[] idx = unravel(i, shape);
            for (int a : ax) idx[a] = 0;
            int o = ravel(idx, keep);
            out[o] = f.applyAsDouble(out[o], x[i]);
        }
        return out;
    }

    /** Number of elements reduced by the given axes. */
    static int reducedCount(int[] shape, int[] axes) {
        int n = 1;
        for (int a : normAxes(axes, shape.length)) n *= shape[a];
        return n;
    }

    static double[] sumRef(double[] x, int[] shape, int... axes) { return reduceRef(x, shape, axes, 0, Double::sum); }

    static double[] meanRef(double[] x, int[] shape, int... axes) {
        int n = reducedCount(shape, axes);
        return mapRef(sumRef(x, shape, axes), s -> s / n);
    }

    /** Two-pass variance with {@code ddof}. */
    static double[] varRef(double[] x, int[] shape, int ddof, int... axes) {
        int[] keep = reducedShape(shape, axes, true);
        double[] mean = meanRef(x, shape, axes);
        double[] centered = zipRef(x, shape, mean, keep, (a, b) -> (a - b) * (a - b));
        int n = reducedCount(shape, axes);
        return mapRef(sumRef(centered, shape, axes), s -> s / (n - ddof));
    }

    static double[] logsumexpRef(double[] x, int[] shape, int... axes) {
        double[] max = reduceRef(x, shape, axes, Double.NEGATIVE_INFINITY, Math::max);
        int[] keep = reducedShape(shape, axes, true);
        double[] safeMax = mapRef(max, m -> Double.isInfinite(m) ? 0 : m);
        double[] e = zipRef(x, shape, safeMax, keep, (a, m) -> Math.exp(a - m));
        double[] s = sumRef(e, shape, axes);
        double[] r = new double[s.length];
        for (int i = 0; i < r.length; i++) r[i] = Math.log(s[i]) + safeMax[i];
        return r;
    }

    static double[] softmaxRef(double[] x, int[] shape, int... axes) {
        int[] keep = reducedShape(shape, axes, true);
        double[] lse = logsumexpRef(x, shape, axes);
        return zipRef(x, shape, lse, keep, (a, l) -> Math.exp(a - l));
    }

    /** Index of the first largest (or smallest) element along {@code axis}. */
    static double[] argReduceRef(double[] x, int[] shape, int axis, boolean isMax) {
        int ax = axis < 0 ? axis + shape.length : axis;
        int[] keep = reducedShape(shape, new int[] {ax}, true);
        double[] best = new double[size(keep)];
        double[] arg = new double[best.length];
        Arrays.fill(best, Double.NaN);
        for (int i = 0; i < x.length; i++) {
            int[] idx = unravel(i, shape);
            int pos = idx[ax];
            idx[ax] = 0;
            int o = ravel(idx, keep);
            if (pos == 0 || (isMax ? x[i] > best[o] : x[i] < best[o])) {
                best[o] = x[i];
                arg[o] = pos;
            }
        }
        return arg;
    }

    // ------------------------------------------------------------------ float64 reference code: linear algebra

    /** {@code batch} independent products of (m x k) and (k x n) row-major matrices. */
    static double[] matmulRef(double[] a, double[] b, int batch, int m, int k, int n) {
        double[] c = new double[batch * m * n];
        for (int p = 0; p < batch; p++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) s += a[p * m * k + i * k + q] * b[p * k * n + q * n + j];
                    c[p * m * n + i * n + j] = s;
                }
        return c;
    }

    // ------------------------------------------------------------------ float64 reference code: special functions

    /** The error function by its Maclaurin series (accurate to ~1e-14 for |x| <= 3). */
    static double erf(double x) {
        if (Math.abs(x) > 3) return Math.signum(x) * (1 - erfcLarge(Math.abs(x)));
        double sum = 0, term = x;
        for (int n = 0; n < 200; n++) {
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** erfc for x > 3 by its continued fraction. */
    private static double erfcLarge(double x) {
        double f = 0;
        for (int k = 60; k >= 1; k--) f = k / 2.0 / (x + f);
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
    }

    /** The inverse error function by Newton's method on {@link #erf}. */
    static double erfinv(double y) {
        if (y <= -1) return y == -1 ? Double.NEGATIVE_INFINITY : Double.NaN;
        if (y >= 1) return y == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
        double x = 0;
        for (int i = 0; i < 100; i++) {
            double step = (erf(x) - y) / (2 / Math.sqrt(Math.PI) * Math.exp(-x * x));
            x -= step;
            if (Math.abs(step) < 1e-16 * Math.max(1, Math.abs(x))) break;
        }
        return x;
    }

    // ------------------------------------------------------------------ finite differences

    /** Central differences of a scalar function of {@code x}: (f(x + h e_i) - f(x - h e_i)) / 2h. */
    static double[] centralDifferences(ToDoubleFunction<double[]> f, double[] x, double h) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone(), m = x.clone();
            p[i] += h;
            m[i] -= h;
            g[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * h);
        }
        return g;
    }

    /** The dot product of two equally long vectors. */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
