package org.mlx4j.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.ReduceOp;
import org.mlx4j.core.graph.ScanOp;
import org.mlx4j.core.graph.ScatterOp;
import org.mlx4j.core.graph.UnaryOp;
import org.mlx4j.core.transforms.Autodiff;

/**
 * The op facade: array creation, every op (MLX names in lowerCamelCase), evaluation, streams and
 * transformations. Ops build graph nodes and validate shapes and dtypes at call time; nothing is
 * computed until {@link #eval} or an implicit evaluation.
 */
public final class Mx {
    /** Marks an input of {@code vmap} that is not mapped. */
    public static final int UNMAPPED = Integer.MIN_VALUE;

    private Mx() {}

    // ================================================================ creation

    public static Array array(float[] data, int... shape) { return Creation.fromFloats(data, shape); }

    /** FLOAT32, as MLX makes from Python floats. */
    public static Array array(double[] data, int... shape) { return Creation.fromDoubles(data, shape, DType.FLOAT32); }

    public static Array array(double[] data, DType dtype, int... shape) { return Creation.fromDoubles(data, shape, dtype); }

    public static Array array(int[] data, int... shape) { return Creation.fromInts(data, shape); }

    public static Array array(long[] data, int... shape) { return Creation.fromLongs(data, shape); }

    public static Array array(boolean[] data, int... shape) { return Creation.fromBooleans(data, shape); }

    /** Copies raw native-order, row-major bytes of {@code dtype} elements. */
    public static Array array(MemorySegment rawBytes, DType dtype, int... shape) {
        return Creation.fromSegment(rawBytes, dtype, shape);
    }

    public static Array array(float v) { return Creation.scalar(v, DType.FLOAT32); }

    public static Array array(int v) { return Creation.scalar((long) v, DType.INT32); }

    public static Array array(boolean v) { return Creation.scalar(v ? 1L : 0L, DType.BOOL); }

    public static Array array(double v, DType dtype) { return Creation.scalar(v, dtype); }

    public static Array array(long v, DType dtype) { return Creation.scalar(v, dtype); }

    public static Array zeros(int[] shape, DType dtype) { return full(shape, 0, dtype); }

    public static Array zeros(int... shape) { return full(shape, 0, DType.FLOAT32); }

    public static Array ones(int[] shape, DType dtype) { return full(shape, 1, dtype); }

    public static Array ones(int... shape) { return full(shape, 1, DType.FLOAT32); }

    public static Array full(int[] shape, double value, DType dtype) { return Creation.full(shape, value, dtype); }

    public static Array zerosLike(Array a) { return full(a.node().shape, 0, a.dtype()); }

    public static Array onesLike(Array a) { return full(a.node().shape, 1, a.dtype()); }

    public static Array fullLike(Array a, double value) { return full(a.node().shape, value, a.dtype()); }

    /** {@code 0, 1, ..., stop-1} as INT32. */
    public static Array arange(int stop) { return Creation.arange(0, stop, 1, DType.INT32); }

    public static Array arange(double start, double stop, double step) {
        return Creation.arange(start, stop, step, DType.FLOAT32);
    }

    public static Array arange(double start, double stop, double step, DType dtype) {
        return Creation.arange(start, stop, step, dtype);
    }

    /** {@code num} evenly spaced FLOAT32 values from start to stop inclusive. */
    public static Array linspace(double start, double stop, int num) { return Creation.linspace(start, stop, num, DType.FLOAT32); }

    public static Array linspace(double start, double stop, int num, DType dtype) { return Creation.linspace(start, stop, num, dtype); }

    /** The n x n FLOAT32 identity. */
    public static Array eye(int n) { return eye(n, n, 0, DType.FLOAT32); }

    /** An n x m matrix with ones on diagonal k. */
    public static Array eye(int n, int m, int k, DType dtype) { return Creation.eye(n, m, k, dtype); }

    public static Array identity(int n) { return eye(n); }

    // ================================================================ element-wise: binary

    public static Array add(Array a, Array b) { return Ops.binary(BinaryOp.ADD, a, b); }
    public static Array add(Array a, long b) { return Ops.binary(BinaryOp.ADD, a, Ops.weak(a, b)); }
    public static Array add(Array a, double b) { return Ops.binary(BinaryOp.ADD, a, Ops.weak(a, b)); }
    public static Array subtract(Array a, Array b) { return Ops.binary(BinaryOp.SUBTRACT, a, b); }
    public static Array subtract(Array a, long b) { return Ops.binary(BinaryOp.SUBTRACT, a, Ops.weak(a, b)); }
    public static Array subtract(Array a, double b) { return Ops.binary(BinaryOp.SUBTRACT, a, Ops.weak(a, b)); }
    public static Array subtract(double a, Array b) { return Ops.binary(BinaryOp.SUBTRACT, Ops.weak(b, a), b); }
    public static Array subtract(long a, Array b) { return Ops.binary(BinaryOp.SUBTRACT, Ops.weak(b, a), b); }
    public static Array multiply(Array a, Array b) { return Ops.binary(BinaryOp.MULTIPLY, a, b); }
    public static Array multiply(Array a, long b) { return Ops.binary(BinaryOp.MULTIPLY, a, Ops.weak(a, b)); }
    public static Array multiply(Array a, double b) { return Ops.binary(BinaryOp.MULTIPLY, a, Ops.weak(a, b)); }
    /** True division: integer inputs give FLOAT32. */
    public static Array divide(Array a, Array b) { return Ops.binary(BinaryOp.DIVIDE, a, b); }
    public static Array divide(Array a, long b) { return Ops.binary(BinaryOp.DIVIDE, a, Ops.weak(a, b)); }
    public static Array divide(Array a, double b) { return Ops.binary(BinaryOp.DIVIDE, a, Ops.weak(a, b)); }
    public static Array divide(double a, Array b) { return Ops.binary(BinaryOp.DIVIDE, Ops.weak(b, a), b); }
    public static Array floorDivide(Array a, Array b) { return Ops.binary(BinaryOp.FLOOR_DIVIDE, a, b); }
    public static Array floorDivide(Array a, long b) { return Ops.binary(BinaryOp.FLOOR_DIVIDE, a, Ops.weak(a, b)); }
    public static Array floorDivide(Array a, double b) { return Ops.binary(BinaryOp.FLOOR_DIVIDE, a, Ops.weak(a, b)); }
    /** Python's {@code %}: the result takes the sign of the divisor. */
    public static Array remainder(Array a, Array b) { return Ops.binary(BinaryOp.REMAINDER, a, b); }
    public static Array remainder(Array a, long b) { return Ops.binary(BinaryOp.REMAINDER, a, Ops.weak(a, b)); }
    public static Array remainder(Array a, double b) { return Ops.binary(BinaryOp.REMAINDER, a, Ops.weak(a, b)); }
    public static Array power(Array a, Array b) { return Ops.binary(BinaryOp.POWER, a, b); }
    public static Array power(Array a, long b) { return Ops.binary(BinaryOp.POWER, a, Ops.weak(a, b)); }
    public static Array power(Array a, double b) { return Ops.binary(BinaryOp.POWER, a, Ops.weak(a, b)); }
    public static Array power(double a, Array b) { return Ops.binary(BinaryOp.POWER, Ops.weak(b, a), b); }
    public static Array maximum(Array a, Array b) { return Ops.binary(BinaryOp.MAXIMUM, a, b); }
    public static Array maximum(Array a, double b) { return Ops.binary(BinaryOp.MAXIMUM, a, Ops.weak(a, b)); }
    public static Array maximum(Array a, long b) { return Ops.binary(BinaryOp.MAXIMUM, a, Ops.weak(a, b)); }
    public static Array minimum(Array a, Array b) { return Ops.binary(BinaryOp.MINIMUM, a, b); }
    public static Array minimum(Array a, double b) { return Ops.binary(BinaryOp.MINIMUM, a, Ops.weak(a, b)); }
    public static Array minimum(Array a, long b) { return Ops.binary(BinaryOp.MINIMUM, a, Ops.weak(a, b)); }
    public static Array arctan2(Array a, Array b) { return Ops.binary(BinaryOp.ARCTAN2, a, b); }
    public static Array arctan2(Array a, double b) { return Ops.binary(BinaryOp.ARCTAN2, a, Ops.weak(a, b)); }
    public static Array logaddexp(Array a, Array b) { return Ops.binary(BinaryOp.LOGADDEXP, a, b); }
    public static Array logaddexp(Array a, double b) { return Ops.binary(BinaryOp.LOGADDEXP, a, Ops.weak(a, b)); }

    public static Array equal(Array a, Array b) { return Ops.binary(BinaryOp.EQUAL, a, b); }
    public static Array equal(Array a, double b) { return Ops.binary(BinaryOp.EQUAL, a, Ops.weak(a, b)); }
    public static Array equal(Array a, long b) { return Ops.binary(BinaryOp.EQUAL, a, Ops.weak(a, b)); }
    public static Array notEqual(Array a, Array b) { return Ops.binary(BinaryOp.NOT_EQUAL, a, b); }
    public static Array notEqual(Array a, double b) { return Ops.binary(BinaryOp.NOT_EQUAL, a, Ops.weak(a, b)); }
    public static Array notEqual(Array a, long b) { return Ops.binary(BinaryOp.NOT_EQUAL, a, Ops.weak(a, b)); }
    public static Array less(Array a, Array b) { return Ops.binary(BinaryOp.LESS, a, b); }
    public static Array less(Array a, double b) { return Ops.binary(BinaryOp.LESS, a, Ops.weak(a, b)); }
    public static Array less(Array a, long b) { return Ops.binary(BinaryOp.LESS, a, Ops.weak(a, b)); }
    public static Array lessEqual(Array a, Array b) { return Ops.binary(BinaryOp.LESS_EQUAL, a, b); }
    public static Array lessEqual(Array a, double b) { return Ops.binary(BinaryOp.LESS_EQUAL, a, Ops.weak(a, b)); }
    public static Array lessEqual(Array a, long b) { return Ops.binary(BinaryOp.LESS_EQUAL, a, Ops.weak(a, b)); }
    public static Array greater(Array a, Array b) { return Ops.binary(BinaryOp.GREATER, a, b); }
    public static Array greater(Array a, double b) { return Ops.binary(BinaryOp.GREATER, a, Ops.weak(a, b)); }
    public static Array greater(Array a, long b) { return Ops.binary(BinaryOp.GREATER, a, Ops.weak(a, b)); }
    public static Array greaterEqual(Array a, Array b) { return Ops.binary(BinaryOp.GREATER_EQUAL, a, b); }
    public static Array greaterEqual(Array a, double b) { return Ops.binary(BinaryOp.GREATER_EQUAL, a, Ops.weak(a, b)); }
    public static Array greaterEqual(Array a, long b) { return Ops.binary(BinaryOp.GREATER_EQUAL, a, Ops.weak(a, b)); }
    public static Array logicalAnd(Array a, Array b) { return Ops.binary(BinaryOp.LOGICAL_AND, a, b); }
    public static Array logicalAnd(Array a, boolean b) { return Ops.binary(BinaryOp.LOGICAL_AND, a, Creation.scalar(b ? 1L : 0L, DType.BOOL)); }
    public static Array logicalOr(Array a, Array b) { return Ops.binary(BinaryOp.LOGICAL_OR, a, b); }
    public static Array logicalOr(Array a, boolean b) { return Ops.binary(BinaryOp.LOGICAL_OR, a, Creation.scalar(b ? 1L : 0L, DType.BOOL)); }
    public static Array bitwiseAnd(Array a, Array b) { return Ops.binary(BinaryOp.BITWISE_AND, a, b); }
    public static Array bitwiseAnd(Array a, long b) { return Ops.binary(BinaryOp.BITWISE_AND, a, Ops.weak(a, b)); }
    public static Array bitwiseOr(Array a, Array b) { return Ops.binary(BinaryOp.BITWISE_OR, a, b); }
    public static Array bitwiseOr(Array a, long b) { return Ops.binary(BinaryOp.BITWISE_OR, a, Ops.weak(a, b)); }
    public static Array bitwiseXor(Array a, Array b) { return Ops.binary(BinaryOp.BITWISE_XOR, a, b); }
    public static Array bitwiseXor(Array a, long b) { return Ops.binary(BinaryOp.BITWISE_XOR, a, Ops.weak(a, b)); }
    public static Array leftShift(Array a, Array b) { return Ops.binary(BinaryOp.LEFT_SHIFT, a, b); }
    public static Array leftShift(Array a, long b) { return Ops.binary(BinaryOp.LEFT_SHIFT, a, Ops.weak(a, b)); }
    public static Array rightShift(Array a, Array b) { return Ops.binary(BinaryOp.RIGHT_SHIFT, a, b); }
    public static Array rightShift(Array a, long b) { return Ops.binary(BinaryOp.RIGHT_SHIFT, a, Ops.weak(a, b)); }

    /** {@code cond ? x : y} element-wise, broadcasting all three. */
    public static Array where(Array cond, Array x, Array y) { return Ops.where(cond, x, y); }
    public static Array where(Array cond, Array x, double y) { return Ops.where(cond, x, Ops.weak(x, y)); }
    public static Array where(Array cond, double x, Array y) { return Ops.where(cond, Ops.weak(y, x), y); }

    /** Limits values to {@code [min, max]}; either bound may be null. */
    public static Array clip(Array a, Array min, Array max) {
        if (min == null && max == null) throw new IllegalArgumentException("clip: min and max cannot both be null");
        Array r = min == null ? a : maximum(a, min);
        return max == null ? r : minimum(r, max);
    }

    public static Array clip(Array a, double min, double max) { return minimum(maximum(a, min), max); }

    /** Integer bounds are weak: an integer array stays integer. */
    public static Array clip(Array a, long min, long max) { return minimum(maximum(a, min), max); }

    // ================================================================ element-wise: unary

    public static Array abs(Array a) { return Ops.unary(UnaryOp.ABS, a); }
    public static Array negative(Array a) { return Ops.unary(UnaryOp.NEGATIVE, a); }
    public static Array sign(Array a) { return Ops.unary(UnaryOp.SIGN, a); }
    public static Array sqrt(Array a) { return Ops.unary(UnaryOp.SQRT, a); }
    public static Array rsqrt(Array a) { return Ops.unary(UnaryOp.RSQRT, a); }
    public static Array square(Array a) { return Ops.unary(UnaryOp.SQUARE, a); }
    public static Array reciprocal(Array a) { return Ops.unary(UnaryOp.RECIPROCAL, a); }
    public static Array exp(Array a) { return Ops.unary(UnaryOp.EXP, a); }
    public static Array expm1(Array a) { return Ops.unary(UnaryOp.EXPM1, a); }
    public static Array log(Array a) { return Ops.unary(UnaryOp.LOG, a); }
    public static Array log2(Array a) { return Ops.unary(UnaryOp.LOG2, a); }
    public static Array log10(Array a) { return Ops.unary(UnaryOp.LOG10, a); }
    public static Array log1p(Array a) { return Ops.unary(UnaryOp.LOG1P, a); }
    public static Array sin(Array a) { return Ops.unary(UnaryOp.SIN, a); }
    public static Array cos(Array a) { return Ops.unary(UnaryOp.COS, a); }
    public static Array tan(Array a) { return Ops.unary(UnaryOp.TAN, a); }
    public static Array arcsin(Array a) { return Ops.unary(UnaryOp.ARCSIN, a); }
    public static Array arccos(Array a) { return Ops.unary(UnaryOp.ARCCOS, a); }
    public static Array arctan(Array a) { return Ops.unary(UnaryOp.ARCTAN, a); }
    public static Array sinh(Array a) { return Ops.unary(UnaryOp.SINH, a); }
    public static Array cosh(Array a) { return Ops.unary(UnaryOp.COSH, a); }
    public static Array tanh(Array a) { return Ops.unary(UnaryOp.TANH, a); }
    public static Array arcsinh(Array a) { return Ops.unary(UnaryOp.ARCSINH, a); }
    public static Array arccosh(Array a) { return Ops.unary(UnaryOp.ARCCOSH, a); }
    public static Array arctanh(Array a) { return Ops.unary(UnaryOp.ARCTANH, a); }
    public static Array floor(Array a) { return Ops.unary(UnaryOp.FLOOR, a); }
    public static Array ceil(Array a) { return Ops.unary(UnaryOp.CEIL, a); }
    public static Array erf(Array a) { return Ops.unary(UnaryOp.ERF, a); }
    public static Array erfinv(Array a) { return Ops.unary(UnaryOp.ERFINV, a); }
    public static Array sigmoid(Array a) { return Ops.unary(UnaryOp.SIGMOID, a); }
    public static Array logicalNot(Array a) { return Ops.unary(UnaryOp.LOGICAL_NOT, a); }
    public static Array bitwiseInvert(Array a) { return Ops.unary(UnaryOp.BITWISE_INVERT, a); }
    public static Array isnan(Array a) { return Ops.unary(UnaryOp.ISNAN, a); }
    public static Array isinf(Array a) { return Ops.unary(UnaryOp.ISINF, a); }
    public static Array isfinite(Array a) { return Ops.unary(UnaryOp.ISFINITE, a); }
    public static Array real(Array a) { return Ops.unary(UnaryOp.REAL, a); }
    public static Array imag(Array a) { return Ops.unary(UnaryOp.IMAG, a); }
    public static Array conjugate(Array a) { return Ops.unary(UnaryOp.CONJUGATE, a); }
    public static Array degrees(Array a) { return multiply(Ops.toInexact(a), 180.0 / Math.PI); }
    public static Array radians(Array a) { return multiply(Ops.toInexact(a), Math.PI / 180.0); }

    /** Rounds half to even at {@code decimals} decimal places (negative rounds to tens, hundreds...). */
    public static Array round(Array a, int decimals) { return Ops.round(a, decimals); }

    public static Array round(Array a) { return Ops.round(a, 0); }

    // ================================================================ reductions

    public static Array sum(Array a, int... axes) { return Reductions.reduce(ReduceOp.SUM, a, axes, false); }
    public static Array sum(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.SUM, a, axes, keepdims); }
    public static Array prod(Array a, int... axes) { return Reductions.reduce(ReduceOp.PROD, a, axes, false); }
    public static Array prod(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.PROD, a, axes, keepdims); }
    public static Array max(Array a, int... axes) { return Reductions.reduce(ReduceOp.MAX, a, axes, false); }
    public static Array max(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.MAX, a, axes, keepdims); }
    public static Array min(Array a, int... axes) { return Reductions.reduce(ReduceOp.MIN, a, axes, false); }
    public static Array min(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.MIN, a, axes, keepdims); }
    public static Array all(Array a, int... axes) { return Reductions.reduce(ReduceOp.ALL, a, axes, false); }
    public static Array all(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.ALL, a, axes, keepdims); }
    public static Array any(Array a, int... axes) { return Reductions.reduce(ReduceOp.ANY, a, axes, false); }
    public static Array any(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.ANY, a, axes, keepdims); }
    public static Array mean(Array a, int... axes) { return Reductions.mean(a, axes, false); }
    public static Array mean(Array a, int[] axes, boolean keepdims) { return Reductions.mean(a, axes, keepdims); }
    public static Array var(Array a, int... axes) { return Reductions.var(a, axes, false, 0); }
    public static Array var(Array a, int[] axes, boolean keepdims, int ddof) { return Reductions.var(a, axes, keepdims, ddof); }
    public static Array std(Array a, int... axes) { return sqrt(Reductions.var(a, axes, false, 0)); }
    public static Array std(Array a, int[] axes, boolean keepdims, int ddof) { return sqrt(Reductions.var(a, axes, keepdims, ddof)); }
    public static Array logsumexp(Array a, int... axes) { return Reductions.logsumexp(a, axes, false); }
    public static Array logsumexp(Array a, int[] axes, boolean keepdims) { return Reductions.logsumexp(a, axes, keepdims); }
    /** Softmax over {@code axes} (the last axis when none are given). */
    public static Array softmax(Array a, int... axes) { return Reductions.softmax(a, axes); }
    /** Index of the largest element of the flattened array (UINT32). */
    public static Array argmax(Array a) { return Reductions.argReduce(true, a.flatten(), 0, false); }
    public static Array argmax(Array a, int axis) { return Reductions.argReduce(true, a, axis, false); }
    public static Array argmax(Array a, int axis, boolean keepdims) { return Reductions.argReduce(true, a, axis, keepdims); }
    public static Array argmin(Array a) { return Reductions.argReduce(false, a.flatten(), 0, false); }
    public static Array argmin(Array a, int axis) { return Reductions.argReduce(false, a, axis, false); }
    public static Array argmin(Array a, int axis, boolean keepdims) { return Reductions.argReduce(false, a, axis, keepdims); }

    // ================================================================ scans, sorting, gather and scatter

    /** Cumulative sum along {@code axis}; {@code reverse} runs from the end, {@code inclusive=false} shifts by one. */
    public static Array cumsum(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.SUM, "cumsum", a, axis, reverse, inclusive);
    }
    public static Array cumsum(Array a, int axis) { return cumsum(a, axis, false, true); }
    public static Array cumprod(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.PROD, "cumprod", a, axis, reverse, inclusive);
    }
    public static Array cumprod(Array a, int axis) { return cumprod(a, axis, false, true); }
    public static Array cummax(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.MAX, "cummax", a, axis, reverse, inclusive);
    }
    public static Array cummin(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.MIN, "cummin", a, axis, reverse, inclusive);
    }
    public static Array logcumsumexp(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.LOGADDEXP, "logcumsumexp", a, axis, reverse, inclusive);
    }

    /** Sorted along {@code axis} (ascending, NaNs last). */
    public static Array sort(Array a, int axis) { return SortingOps.sort(a, axis); }
    public static Array sort(Array a) { return SortingOps.sort(a, -1); }
    /** Indices (UINT32) that sort along {@code axis}. */
    public static Array argsort(Array a, int axis) { return SortingOps.argsort(a, axis); }
    public static Array argsort(Array a) { return SortingOps.argsort(a, -1); }
    public static Array partition(Array a, int kth, int axis) { return SortingOps.partition(a, kth, axis, false); }
    public static Array argpartition(Array a, int kth, int axis) { return SortingOps.partition(a, kth, axis, true); }
    /** The k largest elements along {@code axis} (last by default), not necessarily in order. */
    public static Array topk(Array a, int k, int axis) { return SortingOps.topk(a, k, axis); }
    public static Array topk(Array a, int k) { return SortingOps.topk(a, k, -1); }

    /** Elements at {@code indices} along {@code axis}: shape {@code a[:axis] + indices + a[axis+1:]}. */
    public static Array take(Array a, Array indices, int axis) { return SortingOps.take(a, indices, axis); }
    /** Elements of the flattened array at {@code indices}. */
    public static Array take(Array a, Array indices) { return SortingOps.take(flatten(a), indices, 0); }
    public static Array takeAlongAxis(Array a, Array indices, int axis) { return SortingOps.takeAlongAxis(a, indices, axis); }
    /** A copy of {@code a} with {@code values} written at {@code indices} along {@code axis}. */
    public static Array putAlongAxis(Array a, Array indices, Array values, int axis) {
        return SortingOps.putAlongAxis(a, indices, values, axis, ScatterOp.SET);
    }
    /** {@code a} with {@code values} added at {@code indices} along {@code axis} (MLX's {@code scatter_add_axis}). */
    public static Array scatterAddAxis(Array a, Array indices, Array values, int axis) {
        return SortingOps.putAlongAxis(a, indices, values, axis, ScatterOp.ADD);
    }
    static Array putAlongAxis(Array a, Array indices, Array values, int axis, ScatterOp op) {
        return SortingOps.putAlongAxis(a, indices, values, axis, op);
    }
    /** MLX's gather: index arrays over {@code axes}, output {@code B + sliceSizes}. */
    public static Array gather(Array a, List<Array> indices, int[] axes, int[] sliceSizes) {
        return SortingOps.gather(a, indices, axes, sliceSizes);
    }
    /** MLX's scatter: updates of shape {@code B + sliceShape} written into a copy of {@code a}. */
    public static Array scatter(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.SET);
    }
    /** MLX's {@code scatter_add}: as {@link #scatter}, adding the updates. */
    public static Array scatterAdd(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.ADD);
    }
    /** MLX's {@code scatter_prod}: as {@link #scatter}, multiplying by the updates. */
    public static Array scatterProd(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.PROD);
    }
    /** MLX's {@code scatter_max}: as {@link #scatter}, keeping the larger value. */
    public static Array scatterMax(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.MAX);
    }
    /** MLX's {@code scatter_min}: as {@link #scatter}, keeping the smaller value. */
    public static Array scatterMin(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.MIN);
    }
    static Array scatter(Array a, Array updates, List<Array> indices, int[] axes, ScatterOp op) {
        return SortingOps.scatter(a, updates, indices, axes, op);
    }

    // ================================================================ linear algebra

    /** Matrix product with NumPy's rules: 1-D operands are promoted and squeezed, batch axes broadcast. */
    public static Array matmul(Array a, Array b) { return Ops.matmul(a, b); }

    // ================================================================ shapes and views

    public static Array astype(Array a, DType dtype) { return Ops.astype(a, dtype); }

    /** A new shape with the same elements; one extent may be -1. */
    public static Array reshape(Array a, int... shape) { return ShapeOps.reshape(a, shape); }

    public static Array flatten(Array a) { return ShapeOps.reshape(a, -1); }

    /** Permutes the axes (reverses them when none are given). */
    public static Array transpose(Array a, int... axes) { return ShapeOps.transpose(a, axes); }

    public static Array swapAxes(Array a, int axis1, int axis2) { return ShapeOps.swapAxes(a, axis1, axis2); }

    public static Array moveAxis(Array a, int source, int destination) { return ShapeOps.moveAxis(a, source, destination); }

    public static Array broadcastTo(Array a, int... shape) { return ShapeOps.broadcastTo(a, shape); }

    public static Array expandDims(Array a, int... axes) { return ShapeOps.expandDims(a, axes); }

    /** Removes the given axes of extent 1 (all of them when none are given). */
    public static Array squeeze(Array a, int... axes) { return ShapeOps.squeeze(a, axes); }

    /** MLX's {@code slice(a, start, stop, strides)}: Python slice semantics per axis (clamped, negative wraps). */
    public static Array slice(Array a, int[] start, int[] stop, int[] strides) { return ShapeOps.slice(a, start, stop, strides); }

    /** Elements {@code start[i] + k * step[i]} for {@code k < shape[i]} (already validated bounds). */
    public static Array stridedSlice(Array a, int[] start, int[] step, int[] shape) {
        return ShapeOps.stridedSlice(a, start, step, shape);
    }

    /** A copy of {@code src} with {@code src[start:stop:strides] = update} (update broadcasts to the slice). */
    public static Array sliceUpdate(Array src, Array update, int[] start, int[] stop, int[] strides) {
        return ShapeOps.sliceUpdate(src, update, start, stop, strides);
    }

    /** A copy of {@code src} whose elements {@code start[i] + k * step[i]} are replaced by update. */
    public static Array sliceUpdate(Array src, Array update, int[] start, int[] step) {
        return ShapeOps.sliceUpdate(src, update, start, step);
    }

    /** Joins arrays along an existing axis (dtypes promote). */
    public static Array concatenate(List<Array> arrays, int axis) { return ShapeOps.concatenate(arrays, axis); }

    public static Array concatenate(List<Array> arrays) { return ShapeOps.concatenate(arrays, 0); }

    /** Joins equally shaped arrays along a new axis. */
    public static Array stack(List<Array> arrays, int axis) { return ShapeOps.stack(arrays, axis); }

    public static Array stack(List<Array> arrays) { return ShapeOps.stack(arrays, 0); }

    /** Splits into equal sections along {@code axis}. */
    public static List<Array> split(Array a, int sections, int axis) { return ShapeOps.split(a, sections, axis); }

    public static List<Array> split(Array a, int sections) { return ShapeOps.split(a, sections, 0); }

    /** Splits before each index along {@code axis}. */
    public static List<Array> split(Array a, int[] indices, int axis) { return ShapeOps.split(a, indices, axis); }

    /** {@code real + i * imag} as COMPLEX64. */
    public static Array complex(Array real, Array imag) {
        Shapes.broadcast("complex", real.node().shape, imag.node().shape);
        Array unit = Creation.complexScalar(0f, 1f);
        return add(astype(real, DType.COMPLEX64), multiply(astype(imag, DType.COMPLEX64), unit));
    }

    /** Floor quotient and Python remainder computed together (one multi-output primitive). */
    public static List<Array> divmod(Array a, Array b) { return Ops.divmod(a, b); }

    /** A row-major contiguous copy. */
    public static Array copy(Array a) { return ShapeOps.copy(a); }

    /** The identity for values; gradients do not flow through it. */
    public static Array stopGradient(Array a) { return ShapeOps.stopGradient(a); }

    // ================================================================ files (see org.mlx4j.core.io.ArrayIO)

    /** Loads a {@code .npy} file. */
    public static Array load(java.nio.file.Path file) { return org.mlx4j.core.io.ArrayIO.load(file); }

    /** Loads every array of a {@code .npy}, {@code .npz} or {@code .safetensors} file, by name. */
    public static java.util.Map<String, Array> loadArrays(java.nio.file.Path file) { return org.mlx4j.core.io.ArrayIO.loadArrays(file); }

    /** Saves one array as {@code .npy} (evaluates it). */
    public static java.nio.file.Path save(java.nio.file.Path file, Array a) { return org.mlx4j.core.io.ArrayIO.save(file, a); }

    /** Saves named arrays as {@code .npz}. */
    public static java.nio.file.Path savez(java.nio.file.Path file, java.util.Map<String, Array> arrays) {
        return org.mlx4j.core.io.ArrayIO.savez(file, arrays);
    }

    /** Saves named arrays as {@code .safetensors}. */
    public static java.nio.file.Path saveSafetensors(java.nio.file.Path file, java.util.Map<String, Array> arrays) {
        return org.mlx4j.core.io.ArrayIO.saveSafetensors(file, arrays);
    }

    // ================================================================ evaluation

    /** Computes every array in the given trees (any tree {@link org.mlx4j.utils.Tree} walks) and waits. */
    public static void eval(Object... arraysOrTrees) { Evaluation.eval(arraysOrTrees); }

    /**
     * Schedules the computation of every array in the trees and returns at once. The future completes
     * on the stream's own thread when they are available, or exceptionally with the kernel's error.
     */
    public static CompletableFuture<Void> asyncEval(Object... arraysOrTrees) { return Evaluation.asyncEval(arraysOrTrees); }

    /** Waits for everything scheduled so far on every stream. */
    public static void synchronize() { Evaluation.synchronize(); }

    public static void synchronize(Stream stream) { Evaluation.synchronize(stream); }

    /** Writes the graph behind {@code outputs} in Graphviz dot: one node per primitive. */
    public static void exportToDot(Writer out, Array... outputs) {
        try {
            DotExport.write(out, outputs);
        } catch (IOException e) {
            throw new UncheckedIOException("exportToDot: writing failed", e);
        }
    }

    // ================================================================ devices and streams

    public static Device defaultDevice() { return StreamContext.defaultDevice(); }

    public static void setDefaultDevice(Device device) { StreamContext.setDefaultDevice(device); }

    public static Stream newStream(Device device) { return StreamContext.newStream(device); }

    public static Stream defaultStream(Device device) { return StreamContext.defaultStream(device); }

    /** The stream ops built on this thread go to right now. */
    public static Stream currentStream() { return StreamContext.current(); }

    /** Makes {@code stream} this thread's default until the returned scope is closed. */
    public static StreamScope withStream(Stream stream) { return StreamContext.push(stream); }

    // ================================================================ transformations

    public static Function<Array, Array> grad(Function<Array, Array> f) { return Autodiff.grad(f); }

    public static Fn grad(Fn f, int... argnums) { return Autodiff.grad(f, argnums); }

    public static Function<Array, ValueAndGrad> valueAndGrad(Function<Array, Array> f) { return Autodiff.valueAndGrad(f); }

    public static Function<List<Array>, ValueAndGrad> valueAndGrad(Fn f, int... argnums) { return Autodiff.valueAndGrad(f, argnums); }

    public static VjpResult vjp(Fn f, List<Array> primals, List<Array> cotangents) { return Autodiff.vjp(f, primals, cotangents); }

    public static JvpResult jvp(Fn f, List<Array> primals, List<Array> tangents) { return Autodiff.jvp(f, primals, tangents); }

    /**
     * Vectorising map: maps the arguments along {@code inAxes} ({@link #UNMAPPED} for arguments shared by
     * every example) and places the batch axis of each output at {@code outAxes}.
     */
    public static Fn vmap(Fn f, int[] inAxes, int[] outAxes) { return org.mlx4j.core.transforms.Vmap.vmap(f, inAxes, outAxes); }

    public static Function<Array, Array> vmap(Function<Array, Array> f, int inAxis, int outAxis) {
        Fn g = org.mlx4j.core.transforms.Vmap.vmap(args -> List.of(f.apply(args.get(0))), new int[] {inAxis}, new int[] {outAxis});
        return x -> g.apply(List.of(x)).get(0);
    }

    /** Gradient checkpointing: {@code f}'s intermediates are recomputed in the backward pass instead of kept. */
    public static Fn checkpoint(Fn f) { return Autodiff.checkpoint(f); }

    /** {@code f} whose vjp with respect to its arguments is given by {@code rule}. */
    public static Fn customVjp(Fn f, VjpRule rule) {
        java.util.Objects.requireNonNull(rule, "customVjp: rule");
        return Autodiff.customVjp("CustomVjp", f, rule::vjp);
    }

    /**
     * {@code f} compiled (MLX's {@code mx.compile}): traced once per input dtypes and shapes on placeholders,
     * simplified (dead code removed, equal subexpressions merged) and with its element-wise regions fused
     * into single-pass {@code Compiled} kernels; later calls replay the cached graph without calling
     * {@code f}. Captured arrays are constants of the trace (see {@link CompileOptions}).
     */
    public static Fn compile(Fn f) { return compile(f, CompileOptions.defaults()); }

    public static Function<Array, Array> compile(Function<Array, Array> f) { return compile(f, CompileOptions.defaults()); }

    public static Function<Array, Array> compile(Function<Array, Array> f, CompileOptions options) {
        java.util.Objects.requireNonNull(f, "compile: function");
        Fn single = args -> List.of(f.apply(args.get(0)));
        Fn g = compile(single, options);
        return x -> g.apply(java.util.Collections.singletonList(x)).get(0);
    }

    /** {@code f} compiled with {@code options}: shapeless, captured inputs and outputs. */
    public static Fn compile(Fn f, CompileOptions options) {
        return org.mlx4j.core.transforms.Compile.compile(f, options);
    }
}
