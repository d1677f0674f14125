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
 * The op facade, MLX's {@code mlx.core} module: array creation, every op (MLX's names in lowerCamelCase),
 * evaluation, devices and streams, files, and the function transformations. Each method names its MLX
 * counterpart.
 *
 * <p>Ops are lazy: they validate shapes and dtypes when called, throwing at once on bad input, and
 * return an {@link Array} that describes the computation; nothing is computed until {@link #eval},
 * {@link #asyncEval} or an implicit evaluation (reading values, printing).
 *
 * <pre>{@code
 * Array a = Mx.array(new float[] {1, 2, 3, 4}, 2, 2);
 * Array b = Mx.add(Mx.multiply(a, 2), 1);          // nothing computed yet
 * System.out.println(b); // array([[3, 5], [7, 9]], dtype=float32)
 * System.out.println(Mx.sum(b, 0)); // array([10, 14], dtype=float32)
 * }</pre>
 *
 * <h2 id="broadcasting">Broadcasting and promotion</h2>
 * The operands of element-wise ops broadcast with NumPy's rules: shapes are aligned at their last axis,
 * missing leading axes count as extent 1, and an extent of 1 stretches to the other operand's extent.
 * Shapes that do not broadcast give an {@link IllegalArgumentException} naming the op and both shapes.
 * Operand dtypes combine by {@link DType#promote} (MLX's promotion table) before the op runs; each op's
 * comment says where the result's dtype differs from the promoted one (comparisons give BOOL, true
 * division of integers gives FLOAT32, ...).
 *
 * <h2 id="weak-scalars">Weak scalars</h2>
 * The {@code long} and {@code double} overloads take a Java number as MLX takes a Python scalar: it is
 * weak, so it adapts to the array instead of promoting it. An integer scalar takes the array's dtype
 * (INT32 beside a BOOL array); a float scalar takes the array's dtype when that is floating or complex,
 * else FLOAT32. So {@code Mx.multiply(halfArray, 2.0)} stays FLOAT16 and {@code Mx.add(int8Array, 1)}
 * stays INT8, where an {@code Mx.array(2.0f)} operand would promote both to FLOAT32.
 *
 * <h2 id="errors">Errors</h2>
 * Bad arguments (shapes that do not broadcast, an axis out of range, a dtype an op does not support)
 * throw {@link IllegalArgumentException} when the op is called, with a message naming the op, the
 * shapes or dtypes and what is valid. Errors that depend on values (an index out of range in
 * {@link #take(Array, Array, int)}) surface when the array is evaluated: {@link #eval} and the reading
 * methods of {@link Array} rethrow them.
 */
public final class Mx {
    /**
     * Marks an argument of {@link #vmap(Fn, int[], int[])} that is not mapped: every example sees it whole.
     */
    public static final int UNMAPPED = Integer.MIN_VALUE;

    private Mx() {}

    // ================================================================ creation

    /**
     * A FLOAT32 array holding a copy of {@code data}. MLX: {@code mlx.core.array}.
     *
     * @param data the elements in row-major order
     * @param shape the shape ({@code [data.length]} when none is given)
     * @return a FLOAT32 array of {@code shape}
     * @throws IllegalArgumentException if {@code shape} has a negative extent or does not hold exactly
     * {@code data.length} elements
     */
    public static Array array(float[] data, int... shape) { return Creation.fromFloats(data, shape); }

    /**
     * A FLOAT32 array of {@code data}, as MLX makes from Python floats (each value rounded to float32). MLX:
     * {@code mlx.core.array}.
     *
     * @param data the elements in row-major order
     * @param shape the shape ({@code [data.length]} when none is given)
     * @return a FLOAT32 array of {@code shape}
     * @throws IllegalArgumentException if {@code shape} has a negative extent or does not hold exactly
     * {@code data.length} elements
     */
    public static Array array(double[] data, int... shape) { return Creation.fromDoubles(data, shape, DType.FLOAT32); }

    /**
     * An array of {@code dtype} holding {@code data}, each value converted as {@link #astype(Array, DType)}
     * converts FLOAT64. MLX: {@code mlx.core.array(data, dtype)}.
     *
     * @param data the elements in row-major order
     * @param dtype the element type of the result
     * @param shape the shape ({@code [data.length]} when none is given)
     * @return an array of {@code dtype} and {@code shape}
     * @throws IllegalArgumentException if {@code shape} has a negative extent or does not hold exactly
     * {@code data.length} elements
     */
    public static Array array(double[] data, DType dtype, int... shape) { return Creation.fromDoubles(data, shape, dtype); }

    /**
     * An INT32 array holding a copy of {@code data}. MLX: {@code mlx.core.array}.
     *
     * @param data the elements in row-major order
     * @param shape the shape ({@code [data.length]} when none is given)
     * @return an INT32 array of {@code shape}
     * @throws IllegalArgumentException if {@code shape} has a negative extent or does not hold exactly
     * {@code data.length} elements
     */
    public static Array array(int[] data, int... shape) { return Creation.fromInts(data, shape); }

    /**
     * An INT64 array holding a copy of {@code data}. MLX: {@code mlx.core.array}.
     *
     * @param data the elements in row-major order
     * @param shape the shape ({@code [data.length]} when none is given)
     * @return an INT64 array of {@code shape}
     * @throws IllegalArgumentException if {@code shape} has a negative extent or does not hold exactly
     * {@code data.length} elements
     */
    public static Array array(long[] data, int... shape) { return Creation.fromLongs(data, shape); }

    /**
     * A BOOL array holding a copy of {@code data}. MLX: {@code mlx.core.array}.
     *
     * @param data the elements in row-major order
     * @param shape the shape ({@code [data.length]} when none is given)
     * @return a BOOL array of {@code shape}
     * @throws IllegalArgumentException if {@code shape} has a negative extent or does not hold exactly
     * {@code data.length} elements
     */
    public static Array array(boolean[] data, int... shape) { return Creation.fromBooleans(data, shape); }

    /**
     * An array holding a copy of raw bytes: {@code dtype} elements in native byte order, row-major. MLX:
     * {@code mlx.core.array} from a buffer.
     *
     * @param rawBytes the bytes to copy
     * @param dtype the element type of the result
     * @param shape the shape
     * @return an array of {@code dtype} and {@code shape}
     * @throws IllegalArgumentException if {@code shape} has a negative extent or {@code rawBytes} is not
     * exactly the size of the array
     */
    public static Array array(MemorySegment rawBytes, DType dtype, int... shape) {
        return Creation.fromSegment(rawBytes, dtype, shape);
    }

    /**
     * A 0-d FLOAT32 array. MLX: {@code mlx.core.array(v)} for a Python float.
     *
     * @param v the value
     * @return a FLOAT32 scalar array
     */
    public static Array array(float v) { return Creation.scalar(v, DType.FLOAT32); }

    /**
     * A 0-d INT32 array. MLX: {@code mlx.core.array(v)} for a Python int.
     *
     * @param v the value
     * @return an INT32 scalar array
     */
    public static Array array(int v) { return Creation.scalar((long) v, DType.INT32); }

    /**
     * A 0-d BOOL array. MLX: {@code mlx.core.array(v)} for a Python bool.
     *
     * @param v the value
     * @return a BOOL scalar array
     */
    public static Array array(boolean v) { return Creation.scalar(v ? 1L : 0L, DType.BOOL); }

    /**
     * A 0-d array of {@code dtype}. MLX: {@code mlx.core.array(v, dtype)}.
     *
     * @param v the value
     * @param dtype the element type of the result
     * @return a scalar array of {@code dtype}
     */
    public static Array array(double v, DType dtype) { return Creation.scalar(v, dtype); }

    /**
     * A 0-d array of {@code dtype}, exact for 64-bit integers. MLX: {@code mlx.core.array(v, dtype)}.
     *
     * @param v the value
     * @param dtype the element type of the result
     * @return a scalar array of {@code dtype}
     */
    public static Array array(long v, DType dtype) { return Creation.scalar(v, dtype); }

    /**
     * An array of zeros. MLX: {@code mlx.core.zeros}.
     *
     * @param shape the shape of the result (an empty shape is a scalar)
     * @param dtype the element type of the result
     * @return zeros of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code shape} has a negative extent
     */
    public static Array zeros(int[] shape, DType dtype) { return full(shape, 0, dtype); }

    /**
     * A FLOAT32 array of zeros. MLX: {@code mlx.core.zeros}.
     *
     * @param shape the shape of the result (an empty shape is a scalar)
     * @return FLOAT32 zeros of {@code shape}
     * @throws IllegalArgumentException if {@code shape} has a negative extent
     */
    public static Array zeros(int... shape) { return full(shape, 0, DType.FLOAT32); }

    /**
     * An array of ones. MLX: {@code mlx.core.ones}.
     *
     * @param shape the shape of the result (an empty shape is a scalar)
     * @param dtype the element type of the result
     * @return ones of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code shape} has a negative extent
     */
    public static Array ones(int[] shape, DType dtype) { return full(shape, 1, dtype); }

    /**
     * A FLOAT32 array of ones. MLX: {@code mlx.core.ones}.
     *
     * @param shape the shape of the result (an empty shape is a scalar)
     * @return FLOAT32 ones of {@code shape}
     * @throws IllegalArgumentException if {@code shape} has a negative extent
     */
    public static Array ones(int... shape) { return full(shape, 1, DType.FLOAT32); }

    /**
     * An array filled with {@code value}. MLX: {@code mlx.core.full}.
     *
     * @param shape the shape of the result (an empty shape is a scalar)
     * @param value the fill value, converted to {@code dtype}
     * @param dtype the element type of the result
     * @return an array of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code shape} has a negative extent
     */
    public static Array full(int[] shape, double value, DType dtype) { return Creation.full(shape, value, dtype); }

    /**
     * Zeros of {@code a}'s shape and dtype. MLX: {@code mlx.core.zeros_like}.
     *
     * @param a the array whose shape and dtype are used
     * @return the zeros
     */
    public static Array zerosLike(Array a) { return full(a.node().shape, 0, a.dtype()); }

    /**
     * Ones of {@code a}'s shape and dtype. MLX: {@code mlx.core.ones_like}.
     *
     * @param a the array whose shape and dtype are used
     * @return the ones
     */
    public static Array onesLike(Array a) { return full(a.node().shape, 1, a.dtype()); }

    /**
     * An array of {@code a}'s shape and dtype filled with {@code value}. MLX:
     * {@code mlx.core.full(a.shape, value, a.dtype)}.
     *
     * @param a the array whose shape and dtype are used
     * @param value the fill value, converted to {@code a}'s dtype
     * @return the filled array
     */
    public static Array fullLike(Array a, double value) { return full(a.node().shape, value, a.dtype()); }

    /**
     * The integers {@code 0, 1, ..., stop - 1}. MLX: {@code mlx.core.arange(stop)}.
     *
     * @param stop the end (exclusive)
     * @return a 1-D INT32 array (empty when {@code stop <= 0})
     */
    public static Array arange(int stop) { return Creation.arange(0, stop, 1, DType.INT32); }

    /**
     * The FLOAT32 values {@code start + i * step} for {@code i < ceil((stop - start) / step)}. MLX:
     * {@code mlx.core.arange}.
     *
     * @param start the first value
     * @param stop the end (exclusive)
     * @param step the spacing (non-zero, may be negative)
     * @return a 1-D FLOAT32 array
     * @throws IllegalArgumentException if {@code step} is zero or NaN, or {@code start} or {@code stop} is not
     * finite
     */
    public static Array arange(double start, double stop, double step) {
        return Creation.arange(start, stop, step, DType.FLOAT32);
    }

    /**
     * The values {@code start + i * step} for {@code i < ceil((stop - start) / step)}, in {@code dtype}. MLX:
     * {@code mlx.core.arange}.
     *
     * @param start the first value
     * @param stop the end (exclusive)
     * @param step the spacing (non-zero, may be negative)
     * @param dtype the element type of the result
     * @return a 1-D array of {@code dtype}
     * @throws IllegalArgumentException if {@code step} is zero or NaN, or {@code start} or {@code stop} is not
     * finite
     */
    public static Array arange(double start, double stop, double step, DType dtype) {
        return Creation.arange(start, stop, step, dtype);
    }

    /**
     * {@code num} evenly spaced FLOAT32 values from {@code start} to {@code stop} inclusive. MLX:
     * {@code mlx.core.linspace}.
     *
     * @param start the first value
     * @param stop the last value (inclusive)
     * @param num the number of values
     * @return a 1-D FLOAT32 array of length {@code num}
     * @throws IllegalArgumentException if {@code num} is negative
     */
    public static Array linspace(double start, double stop, int num) { return Creation.linspace(start, stop, num, DType.FLOAT32); }

    /**
     * {@code num} evenly spaced values from {@code start} to {@code stop} inclusive. MLX:
     * {@code mlx.core.linspace}.
     *
     * <p>For an integer {@code dtype} the values are computed in FLOAT32 and converted, as MLX does.
     *
     * @param start the first value
     * @param stop the last value (inclusive)
     * @param num the number of values
     * @param dtype the element type of the result
     * @return a 1-D array of {@code dtype} and length {@code num}
     * @throws IllegalArgumentException if {@code num} is negative
     */
    public static Array linspace(double start, double stop, int num, DType dtype) { return Creation.linspace(start, stop, num, dtype); }

    /**
     * The {@code n x n} FLOAT32 identity matrix. MLX: {@code mlx.core.eye}.
     *
     * @param n the number of rows
     * @return the identity matrix
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Array eye(int n) { return eye(n, n, 0, DType.FLOAT32); }

    /**
     * An {@code n x m} matrix with ones on diagonal {@code k} and zeros elsewhere. MLX: {@code mlx.core.eye}.
     *
     * @param n the number of rows
     * @param m the number of columns
     * @param k the diagonal: 0 the main one, positive above it, negative below
     * @param dtype the element type of the result
     * @return the matrix
     * @throws IllegalArgumentException if {@code n} or {@code m} is negative
     */
    public static Array eye(int n, int m, int k, DType dtype) { return Creation.eye(n, m, k, dtype); }

    /**
     * The {@code n x n} FLOAT32 identity matrix, as {@link #eye(int)}. MLX: {@code mlx.core.identity}.
     *
     * @param n the size
     * @return the identity matrix
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Array identity(int n) { return eye(n); }

    // ================================================================ element-wise: binary

    /**
     * Element-wise sum. MLX: {@code mlx.core.add}.
     *
     * <p>The result has the operands' <a href="#broadcasting">promoted</a> dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code a + b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array add(Array a, Array b) { return Ops.binary(BinaryOp.ADD, a, b); }

    /**
     * Element-wise {@code a + b} with an integer scalar {@code b}. MLX: {@code mlx.core.add} with a Python
     * {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #add(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a + b}, of {@code a}'s shape
     */
    public static Array add(Array a, long b) { return Ops.binary(BinaryOp.ADD, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a + b} with a float scalar {@code b}. MLX: {@code mlx.core.add} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #add(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a + b}, of {@code a}'s shape
     */
    public static Array add(Array a, double b) { return Ops.binary(BinaryOp.ADD, a, Ops.weak(a, b)); }

    /**
     * Element-wise difference. MLX: {@code mlx.core.subtract}.
     *
     * <p>The result has the operands' <a href="#broadcasting">promoted</a> dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code a - b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array subtract(Array a, Array b) { return Ops.binary(BinaryOp.SUBTRACT, a, b); }

    /**
     * Element-wise {@code a - b} with an integer scalar {@code b}. MLX: {@code mlx.core.subtract} with a Python
     * {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #subtract(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a - b}, of {@code a}'s shape
     */
    public static Array subtract(Array a, long b) { return Ops.binary(BinaryOp.SUBTRACT, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a - b} with a float scalar {@code b}. MLX: {@code mlx.core.subtract} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #subtract(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a - b}, of {@code a}'s shape
     */
    public static Array subtract(Array a, double b) { return Ops.binary(BinaryOp.SUBTRACT, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a - b} with a scalar {@code a}. MLX: {@code mlx.core.subtract} with a Python
     * {@code float}.
     *
     * <p>{@code a} is a <a href="#weak-scalars">weak</a> float scalar: it takes {@code b}'s dtype when that is
     * floating or complex, else FLOAT32. Otherwise as {@link #subtract(Array, Array)}.
     *
     * @param a the scalar
     * @param b the second operand
     * @return {@code a - b}, of {@code b}'s shape
     */
    public static Array subtract(double a, Array b) { return Ops.binary(BinaryOp.SUBTRACT, Ops.weak(b, a), b); }

    /**
     * Element-wise {@code a - b} with a scalar {@code a}. MLX: {@code mlx.core.subtract} with a Python
     * {@code int}.
     *
     * <p>{@code a} is a <a href="#weak-scalars">weak</a> integer scalar: it takes {@code b}'s dtype (INT32 when
     * {@code b} is BOOL). Otherwise as {@link #subtract(Array, Array)}.
     *
     * @param a the scalar
     * @param b the second operand
     * @return {@code a - b}, of {@code b}'s shape
     */
    public static Array subtract(long a, Array b) { return Ops.binary(BinaryOp.SUBTRACT, Ops.weak(b, a), b); }

    /**
     * Element-wise product. MLX: {@code mlx.core.multiply}.
     *
     * <p>The result has the operands' <a href="#broadcasting">promoted</a> dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code a * b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array multiply(Array a, Array b) { return Ops.binary(BinaryOp.MULTIPLY, a, b); }

    /**
     * Element-wise {@code a * b} with an integer scalar {@code b}. MLX: {@code mlx.core.multiply} with a Python
     * {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #multiply(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a * b}, of {@code a}'s shape
     */
    public static Array multiply(Array a, long b) { return Ops.binary(BinaryOp.MULTIPLY, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a * b} with a float scalar {@code b}. MLX: {@code mlx.core.multiply} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #multiply(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a * b}, of {@code a}'s shape
     */
    public static Array multiply(Array a, double b) { return Ops.binary(BinaryOp.MULTIPLY, a, Ops.weak(a, b)); }

    /**
     * Element-wise true division. MLX: {@code mlx.core.divide}.
     *
     * <p>The result has the promoted dtype when it is floating or complex, and FLOAT32 when it is integer or
     * BOOL (integer division is {@link #floorDivide(Array, Array)}). The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code a / b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array divide(Array a, Array b) { return Ops.binary(BinaryOp.DIVIDE, a, b); }

    /**
     * Element-wise {@code a / b} with an integer scalar {@code b}. MLX: {@code mlx.core.divide} with a Python
     * {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #divide(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a / b}, of {@code a}'s shape
     */
    public static Array divide(Array a, long b) { return Ops.binary(BinaryOp.DIVIDE, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a / b} with a float scalar {@code b}. MLX: {@code mlx.core.divide} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #divide(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a / b}, of {@code a}'s shape
     */
    public static Array divide(Array a, double b) { return Ops.binary(BinaryOp.DIVIDE, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a / b} with a scalar {@code a}. MLX: {@code mlx.core.divide} with a Python
     * {@code float}.
     *
     * <p>{@code a} is a <a href="#weak-scalars">weak</a> float scalar: it takes {@code b}'s dtype when that is
     * floating or complex, else FLOAT32. Otherwise as {@link #divide(Array, Array)}.
     *
     * @param a the scalar
     * @param b the second operand
     * @return {@code a / b}, of {@code b}'s shape
     */
    public static Array divide(double a, Array b) { return Ops.binary(BinaryOp.DIVIDE, Ops.weak(b, a), b); }

    /**
     * Element-wise floor division, Python's {@code a // b}: the quotient rounded towards negative infinity.
     * MLX: {@code mlx.core.floor_divide}.
     *
     * <p>The result has the operands' <a href="#broadcasting">promoted</a> dtype. Integer inputs stay integer.
     * The operands <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code floor(a / b)}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array floorDivide(Array a, Array b) { return Ops.binary(BinaryOp.FLOOR_DIVIDE, a, b); }

    /**
     * Element-wise {@code floor(a / b)} with an integer scalar {@code b}. MLX: {@code mlx.core.floor_divide}
     * with a Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #floorDivide(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code floor(a / b)}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array floorDivide(Array a, long b) { return Ops.binary(BinaryOp.FLOOR_DIVIDE, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code floor(a / b)} with a float scalar {@code b}. MLX: {@code mlx.core.floor_divide} with
     * a Python {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #floorDivide(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code floor(a / b)}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array floorDivide(Array a, double b) { return Ops.binary(BinaryOp.FLOOR_DIVIDE, a, Ops.weak(a, b)); }

    /**
     * Element-wise remainder, Python's {@code a % b}: the result takes the sign of the divisor,
     * {@code a - b * floor(a / b)}. MLX: {@code mlx.core.remainder}.
     *
     * <p>The result has the operands' <a href="#broadcasting">promoted</a> dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code a % b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array remainder(Array a, Array b) { return Ops.binary(BinaryOp.REMAINDER, a, b); }

    /**
     * Element-wise {@code a % b} with an integer scalar {@code b}. MLX: {@code mlx.core.remainder} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #remainder(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a % b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array remainder(Array a, long b) { return Ops.binary(BinaryOp.REMAINDER, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a % b} with a float scalar {@code b}. MLX: {@code mlx.core.remainder} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #remainder(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a % b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array remainder(Array a, double b) { return Ops.binary(BinaryOp.REMAINDER, a, Ops.weak(a, b)); }

    /**
     * Element-wise power {@code a ** b}. MLX: {@code mlx.core.power}.
     *
     * <p>The result has the operands' <a href="#broadcasting">promoted</a> dtype. Integer powers stay integer.
     * The operands <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the base
     * @param b the exponent
     * @return {@code a ** b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array power(Array a, Array b) { return Ops.binary(BinaryOp.POWER, a, b); }

    /**
     * Element-wise {@code a ** b} with an integer scalar {@code b}. MLX: {@code mlx.core.power} with a Python
     * {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #power(Array, Array)}.
     *
     * @param a the base
     * @param b the scalar
     * @return {@code a ** b}, of {@code a}'s shape
     */
    public static Array power(Array a, long b) { return Ops.binary(BinaryOp.POWER, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a ** b} with a float scalar {@code b}. MLX: {@code mlx.core.power} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #power(Array, Array)}.
     *
     * @param a the base
     * @param b the scalar
     * @return {@code a ** b}, of {@code a}'s shape
     */
    public static Array power(Array a, double b) { return Ops.binary(BinaryOp.POWER, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a ** b} with a scalar {@code a}. MLX: {@code mlx.core.power} with a Python
     * {@code float}.
     *
     * <p>{@code a} is a <a href="#weak-scalars">weak</a> float scalar: it takes {@code b}'s dtype when that is
     * floating or complex, else FLOAT32. Otherwise as {@link #power(Array, Array)}.
     *
     * @param a the scalar
     * @param b the exponent
     * @return {@code a ** b}, of {@code b}'s shape
     */
    public static Array power(double a, Array b) { return Ops.binary(BinaryOp.POWER, Ops.weak(b, a), b); }

    /**
     * Element-wise maximum. MLX: {@code mlx.core.maximum}.
     *
     * <p>The result has the operands' <a href="#broadcasting">promoted</a> dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code max(a, b)}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array maximum(Array a, Array b) { return Ops.binary(BinaryOp.MAXIMUM, a, b); }

    /**
     * Element-wise {@code max(a, b)} with a float scalar {@code b}. MLX: {@code mlx.core.maximum} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #maximum(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code max(a, b)}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array maximum(Array a, double b) { return Ops.binary(BinaryOp.MAXIMUM, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code max(a, b)} with an integer scalar {@code b}. MLX: {@code mlx.core.maximum} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #maximum(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code max(a, b)}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array maximum(Array a, long b) { return Ops.binary(BinaryOp.MAXIMUM, a, Ops.weak(a, b)); }

    /**
     * Element-wise minimum. MLX: {@code mlx.core.minimum}.
     *
     * <p>The result has the operands' <a href="#broadcasting">promoted</a> dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code min(a, b)}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array minimum(Array a, Array b) { return Ops.binary(BinaryOp.MINIMUM, a, b); }

    /**
     * Element-wise {@code min(a, b)} with a float scalar {@code b}. MLX: {@code mlx.core.minimum} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #minimum(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code min(a, b)}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array minimum(Array a, double b) { return Ops.binary(BinaryOp.MINIMUM, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code min(a, b)} with an integer scalar {@code b}. MLX: {@code mlx.core.minimum} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #minimum(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code min(a, b)}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array minimum(Array a, long b) { return Ops.binary(BinaryOp.MINIMUM, a, Ops.weak(a, b)); }

    /**
     * Element-wise arc tangent of {@code a / b}, in radians, using the signs of both to choose the quadrant.
     * MLX: {@code mlx.core.arctan2}.
     *
     * <p>The result has the promoted dtype when it is floating, and FLOAT32 when it is integer or BOOL. The
     * operands <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the y coordinates
     * @param b the x coordinates
     * @return {@code atan2(a, b)}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array arctan2(Array a, Array b) { return Ops.binary(BinaryOp.ARCTAN2, a, b); }

    /**
     * Element-wise {@code atan2(a, b)} with a float scalar {@code b}. MLX: {@code mlx.core.arctan2} with a
     * Python {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #arctan2(Array, Array)}.
     *
     * @param a the y coordinates
     * @param b the scalar
     * @return {@code atan2(a, b)}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array arctan2(Array a, double b) { return Ops.binary(BinaryOp.ARCTAN2, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code log(exp(a) + exp(b))}, computed without overflow. MLX: {@code mlx.core.logaddexp}.
     *
     * <p>The result has the promoted dtype when it is floating, and FLOAT32 when it is integer or BOOL. The
     * operands <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code log(exp(a) + exp(b))}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array logaddexp(Array a, Array b) { return Ops.binary(BinaryOp.LOGADDEXP, a, b); }

    /**
     * Element-wise {@code log(exp(a) + exp(b))} with a float scalar {@code b}. MLX: {@code mlx.core.logaddexp}
     * with a Python {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #logaddexp(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code log(exp(a) + exp(b))}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array logaddexp(Array a, double b) { return Ops.binary(BinaryOp.LOGADDEXP, a, Ops.weak(a, b)); }

    /**
     * Element-wise equality. MLX: {@code mlx.core.equal}.
     *
     * <p>The operands are compared in their promoted dtype; the result is BOOL. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return a BOOL array, {@code a == b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array equal(Array a, Array b) { return Ops.binary(BinaryOp.EQUAL, a, b); }

    /**
     * Element-wise {@code a == b} with a float scalar {@code b}. MLX: {@code mlx.core.equal} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #equal(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a == b}, of {@code a}'s shape
     */
    public static Array equal(Array a, double b) { return Ops.binary(BinaryOp.EQUAL, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a == b} with an integer scalar {@code b}. MLX: {@code mlx.core.equal} with a Python
     * {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #equal(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a == b}, of {@code a}'s shape
     */
    public static Array equal(Array a, long b) { return Ops.binary(BinaryOp.EQUAL, a, Ops.weak(a, b)); }

    /**
     * Element-wise inequality. MLX: {@code mlx.core.not_equal}.
     *
     * <p>The operands are compared in their promoted dtype; the result is BOOL. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return a BOOL array, {@code a != b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array notEqual(Array a, Array b) { return Ops.binary(BinaryOp.NOT_EQUAL, a, b); }

    /**
     * Element-wise {@code a != b} with a float scalar {@code b}. MLX: {@code mlx.core.not_equal} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #notEqual(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a != b}, of {@code a}'s shape
     */
    public static Array notEqual(Array a, double b) { return Ops.binary(BinaryOp.NOT_EQUAL, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a != b} with an integer scalar {@code b}. MLX: {@code mlx.core.not_equal} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #notEqual(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a != b}, of {@code a}'s shape
     */
    public static Array notEqual(Array a, long b) { return Ops.binary(BinaryOp.NOT_EQUAL, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a < b}. MLX: {@code mlx.core.less}.
     *
     * <p>The operands are compared in their promoted dtype; the result is BOOL. Complex64 operands may only be
     * tested for (in)equality. The operands <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return a BOOL array, {@code a < b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array less(Array a, Array b) { return Ops.binary(BinaryOp.LESS, a, b); }

    /**
     * Element-wise {@code a < b} with a float scalar {@code b}. MLX: {@code mlx.core.less} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #less(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a < b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array less(Array a, double b) { return Ops.binary(BinaryOp.LESS, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a < b} with an integer scalar {@code b}. MLX: {@code mlx.core.less} with a Python
     * {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #less(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a < b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array less(Array a, long b) { return Ops.binary(BinaryOp.LESS, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a <= b}. MLX: {@code mlx.core.less_equal}.
     *
     * <p>The operands are compared in their promoted dtype; the result is BOOL. Complex64 operands may only be
     * tested for (in)equality. The operands <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return a BOOL array, {@code a <= b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array lessEqual(Array a, Array b) { return Ops.binary(BinaryOp.LESS_EQUAL, a, b); }

    /**
     * Element-wise {@code a <= b} with a float scalar {@code b}. MLX: {@code mlx.core.less_equal} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #lessEqual(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a <= b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array lessEqual(Array a, double b) { return Ops.binary(BinaryOp.LESS_EQUAL, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a <= b} with an integer scalar {@code b}. MLX: {@code mlx.core.less_equal} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #lessEqual(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a <= b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array lessEqual(Array a, long b) { return Ops.binary(BinaryOp.LESS_EQUAL, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a > b}. MLX: {@code mlx.core.greater}.
     *
     * <p>The operands are compared in their promoted dtype; the result is BOOL. Complex64 operands may only be
     * tested for (in)equality. The operands <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return a BOOL array, {@code a > b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array greater(Array a, Array b) { return Ops.binary(BinaryOp.GREATER, a, b); }

    /**
     * Element-wise {@code a > b} with a float scalar {@code b}. MLX: {@code mlx.core.greater} with a Python
     * {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #greater(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a > b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array greater(Array a, double b) { return Ops.binary(BinaryOp.GREATER, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a > b} with an integer scalar {@code b}. MLX: {@code mlx.core.greater} with a Python
     * {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #greater(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a > b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array greater(Array a, long b) { return Ops.binary(BinaryOp.GREATER, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a >= b}. MLX: {@code mlx.core.greater_equal}.
     *
     * <p>The operands are compared in their promoted dtype; the result is BOOL. Complex64 operands may only be
     * tested for (in)equality. The operands <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return a BOOL array, {@code a >= b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static Array greaterEqual(Array a, Array b) { return Ops.binary(BinaryOp.GREATER_EQUAL, a, b); }

    /**
     * Element-wise {@code a >= b} with a float scalar {@code b}. MLX: {@code mlx.core.greater_equal} with a
     * Python {@code float}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> float scalar (a Python {@code float}): it takes
     * {@code a}'s dtype when that is floating or complex, else FLOAT32. Otherwise as
     * {@link #greaterEqual(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a >= b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array greaterEqual(Array a, double b) { return Ops.binary(BinaryOp.GREATER_EQUAL, a, Ops.weak(a, b)); }

    /**
     * Element-wise {@code a >= b} with an integer scalar {@code b}. MLX: {@code mlx.core.greater_equal} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #greaterEqual(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array, {@code a >= b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array greaterEqual(Array a, long b) { return Ops.binary(BinaryOp.GREATER_EQUAL, a, Ops.weak(a, b)); }

    /**
     * Element-wise logical and. MLX: {@code mlx.core.logical_and}.
     *
     * <p>Both operands are converted to BOOL (non-zero is true); the result is BOOL. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return a BOOL array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array logicalAnd(Array a, Array b) { return Ops.binary(BinaryOp.LOGICAL_AND, a, b); }

    /**
     * Element-wise {@code a && b} with a boolean scalar {@code b}. MLX: {@code mlx.core.logical_and} with a
     * Python {@code bool}. Otherwise as {@link #logicalAnd(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array of {@code a}'s shape
     */
    public static Array logicalAnd(Array a, boolean b) { return Ops.binary(BinaryOp.LOGICAL_AND, a, Creation.scalar(b ? 1L : 0L, DType.BOOL)); }

    /**
     * Element-wise logical or. MLX: {@code mlx.core.logical_or}.
     *
     * <p>Both operands are converted to BOOL (non-zero is true); the result is BOOL. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return a BOOL array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array logicalOr(Array a, Array b) { return Ops.binary(BinaryOp.LOGICAL_OR, a, b); }

    /**
     * Element-wise {@code a || b} with a boolean scalar {@code b}. MLX: {@code mlx.core.logical_or} with a
     * Python {@code bool}. Otherwise as {@link #logicalOr(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return a BOOL array of {@code a}'s shape
     */
    public static Array logicalOr(Array a, boolean b) { return Ops.binary(BinaryOp.LOGICAL_OR, a, Creation.scalar(b ? 1L : 0L, DType.BOOL)); }

    /**
     * Element-wise bitwise and. MLX: {@code mlx.core.bitwise_and}.
     *
     * <p>Defined for integer and BOOL operands; the result has their promoted dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code a & b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if an operand is floating or complex
     */
    public static Array bitwiseAnd(Array a, Array b) { return Ops.binary(BinaryOp.BITWISE_AND, a, b); }

    /**
     * Element-wise {@code a & b} with an integer scalar {@code b}. MLX: {@code mlx.core.bitwise_and} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #bitwiseAnd(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a & b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is floating or complex
     */
    public static Array bitwiseAnd(Array a, long b) { return Ops.binary(BinaryOp.BITWISE_AND, a, Ops.weak(a, b)); }

    /**
     * Element-wise bitwise or. MLX: {@code mlx.core.bitwise_or}.
     *
     * <p>Defined for integer and BOOL operands; the result has their promoted dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code a | b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if an operand is floating or complex
     */
    public static Array bitwiseOr(Array a, Array b) { return Ops.binary(BinaryOp.BITWISE_OR, a, b); }

    /**
     * Element-wise {@code a | b} with an integer scalar {@code b}. MLX: {@code mlx.core.bitwise_or} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #bitwiseOr(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a | b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is floating or complex
     */
    public static Array bitwiseOr(Array a, long b) { return Ops.binary(BinaryOp.BITWISE_OR, a, Ops.weak(a, b)); }

    /**
     * Element-wise bitwise exclusive or. MLX: {@code mlx.core.bitwise_xor}.
     *
     * <p>Defined for integer and BOOL operands; the result has their promoted dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code a ^ b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if an operand is floating or complex
     */
    public static Array bitwiseXor(Array a, Array b) { return Ops.binary(BinaryOp.BITWISE_XOR, a, b); }

    /**
     * Element-wise {@code a ^ b} with an integer scalar {@code b}. MLX: {@code mlx.core.bitwise_xor} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #bitwiseXor(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a ^ b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is floating or complex
     */
    public static Array bitwiseXor(Array a, long b) { return Ops.binary(BinaryOp.BITWISE_XOR, a, Ops.weak(a, b)); }

    /**
     * Element-wise left shift. MLX: {@code mlx.core.left_shift}.
     *
     * <p>Defined for integer and BOOL operands; the result has their promoted dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the shift amounts
     * @return {@code a << b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if an operand is floating or complex
     */
    public static Array leftShift(Array a, Array b) { return Ops.binary(BinaryOp.LEFT_SHIFT, a, b); }

    /**
     * Element-wise {@code a << b} with an integer scalar {@code b}. MLX: {@code mlx.core.left_shift} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #leftShift(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a << b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is floating or complex
     */
    public static Array leftShift(Array a, long b) { return Ops.binary(BinaryOp.LEFT_SHIFT, a, Ops.weak(a, b)); }

    /**
     * Element-wise right shift (arithmetic for signed integers). MLX: {@code mlx.core.right_shift}.
     *
     * <p>Defined for integer and BOOL operands; the result has their promoted dtype. The operands
     * <a href="#broadcasting">broadcast</a> together.
     *
     * @param a the first operand
     * @param b the shift amounts
     * @return {@code a >> b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if an operand is floating or complex
     */
    public static Array rightShift(Array a, Array b) { return Ops.binary(BinaryOp.RIGHT_SHIFT, a, b); }

    /**
     * Element-wise {@code a >> b} with an integer scalar {@code b}. MLX: {@code mlx.core.right_shift} with a
     * Python {@code int}.
     *
     * <p>{@code b} is a <a href="#weak-scalars">weak</a> integer scalar (a Python {@code int}): it takes
     * {@code a}'s dtype (INT32 when {@code a} is BOOL), so it never widens {@code a}. Otherwise as
     * {@link #rightShift(Array, Array)}.
     *
     * @param a the first operand
     * @param b the scalar
     * @return {@code a >> b}, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is floating or complex
     */
    public static Array rightShift(Array a, long b) { return Ops.binary(BinaryOp.RIGHT_SHIFT, a, Ops.weak(a, b)); }

    /**
     * Element-wise selection, {@code cond ? x : y}. MLX: {@code mlx.core.where}.
     *
     * <p>{@code cond} is converted to BOOL (non-zero is true); the result has the
     * <a href="#broadcasting">promoted</a> dtype of {@code x} and {@code y} and the shape all three broadcast
     * to.
     *
     * @param cond the condition
     * @param x the values where the condition holds
     * @param y the values elsewhere
     * @return {@code x} where {@code cond} holds, else {@code y}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array where(Array cond, Array x, Array y) { return Ops.where(cond, x, y); }

    /**
     * {@link #where(Array, Array, Array)} with a scalar {@code y}, <a href="#weak-scalars">weak</a> beside
     * {@code x}.
     *
     * @param cond the condition
     * @param x the values where the condition holds
     * @param y the value elsewhere
     * @return {@code x} where {@code cond} holds, else {@code y}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array where(Array cond, Array x, double y) { return Ops.where(cond, x, Ops.weak(x, y)); }

    /**
     * {@link #where(Array, Array, Array)} with a scalar {@code x}, <a href="#weak-scalars">weak</a> beside
     * {@code y}.
     *
     * @param cond the condition
     * @param x the value where the condition holds
     * @param y the values elsewhere
     * @return {@code x} where {@code cond} holds, else {@code y}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array where(Array cond, double x, Array y) { return Ops.where(cond, Ops.weak(y, x), y); }

    /**
     * Limits the values of {@code a} to {@code [min, max]}: {@code minimum(maximum(a, min), max)}. MLX:
     * {@code mlx.core.clip}.
     *
     * <p>Either bound may be null (no limit on that side); bounds broadcast with {@code a} and dtypes promote
     * as in {@link #maximum(Array, Array)}.
     *
     * @param a the input array
     * @param min the lower bound, or null
     * @param max the upper bound, or null
     * @return the clipped array
     * @throws IllegalArgumentException if both bounds are null, if the shapes do not broadcast, or if the
     * promoted dtype is complex64
     */
    public static Array clip(Array a, Array min, Array max) {
        if (min == null && max == null) throw new IllegalArgumentException("clip: min and max cannot both be null");
        Array r = min == null ? a : maximum(a, min);
        return max == null ? r : minimum(r, max);
    }

    /**
     * Limits the values of {@code a} to {@code [min, max]}. MLX: {@code mlx.core.clip} with Python floats.
     *
     * <p>The bounds are <a href="#weak-scalars">weak</a> float scalars: a floating {@code a} keeps its dtype,
     * an integer one becomes FLOAT32.
     *
     * @param a the input array
     * @param min the lower bound
     * @param max the upper bound
     * @return the clipped array, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array clip(Array a, double min, double max) { return minimum(maximum(a, min), max); }

    /**
     * Limits the values of {@code a} to {@code [min, max]}. MLX: {@code mlx.core.clip} with Python ints.
     *
     * <p>The bounds are <a href="#weak-scalars">weak</a> integer scalars: {@code a} keeps its dtype (BOOL
     * becomes INT32).
     *
     * @param a the input array
     * @param min the lower bound
     * @param max the upper bound
     * @return the clipped array, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array clip(Array a, long min, long max) { return minimum(maximum(a, min), max); }

    // ================================================================ element-wise: unary

    /**
     * Element-wise absolute value. MLX: {@code mlx.core.abs}.
     *
     * <p>The result keeps {@code a}'s dtype, except that the magnitude of a complex64 input is FLOAT32.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array abs(Array a) { return Ops.unary(UnaryOp.ABS, a); }

    /**
     * Element-wise negation {@code -a}. MLX: {@code mlx.core.negative}.
     *
     * <p>The result keeps {@code a}'s dtype (unsigned integers wrap around).
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is BOOL (use {@link #logicalNot(Array)})
     */
    public static Array negative(Array a) { return Ops.unary(UnaryOp.NEGATIVE, a); }

    /**
     * Element-wise sign: -1 below zero, 1 above, and 0 for zero and NaN. MLX: {@code mlx.core.sign}.
     *
     * <p>The result keeps {@code a}'s dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array sign(Array a) { return Ops.unary(UnaryOp.SIGN, a); }

    /**
     * Element-wise square root (NaN for negative reals). MLX: {@code mlx.core.sqrt}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype. Complex64 is
     * supported.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array sqrt(Array a) { return Ops.unary(UnaryOp.SQRT, a); }

    /**
     * Element-wise reciprocal square root {@code 1 / sqrt(a)}. MLX: {@code mlx.core.rsqrt}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array rsqrt(Array a) { return Ops.unary(UnaryOp.RSQRT, a); }

    /**
     * Element-wise square {@code a * a}. MLX: {@code mlx.core.square}.
     *
     * <p>The result keeps {@code a}'s dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array square(Array a) { return Ops.unary(UnaryOp.SQUARE, a); }

    /**
     * Element-wise reciprocal {@code 1 / a}. MLX: {@code mlx.core.reciprocal}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype. Complex64 is
     * supported.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array reciprocal(Array a) { return Ops.unary(UnaryOp.RECIPROCAL, a); }

    /**
     * Element-wise natural exponential. MLX: {@code mlx.core.exp}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype. Complex64 is
     * supported.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array exp(Array a) { return Ops.unary(UnaryOp.EXP, a); }

    /**
     * Element-wise {@code exp(a) - 1}, accurate for small {@code a}. MLX: {@code mlx.core.expm1}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array expm1(Array a) { return Ops.unary(UnaryOp.EXPM1, a); }

    /**
     * Element-wise natural logarithm (NaN below zero, -inf at zero). MLX: {@code mlx.core.log}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype. Complex64 is
     * supported.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array log(Array a) { return Ops.unary(UnaryOp.LOG, a); }

    /**
     * Element-wise base-2 logarithm. MLX: {@code mlx.core.log2}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array log2(Array a) { return Ops.unary(UnaryOp.LOG2, a); }

    /**
     * Element-wise base-10 logarithm. MLX: {@code mlx.core.log10}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array log10(Array a) { return Ops.unary(UnaryOp.LOG10, a); }

    /**
     * Element-wise {@code log(1 + a)}, accurate for small {@code a}. MLX: {@code mlx.core.log1p}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array log1p(Array a) { return Ops.unary(UnaryOp.LOG1P, a); }

    /**
     * Element-wise sine (radians). MLX: {@code mlx.core.sin}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype. Complex64 is
     * supported.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array sin(Array a) { return Ops.unary(UnaryOp.SIN, a); }

    /**
     * Element-wise cosine (radians). MLX: {@code mlx.core.cos}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype. Complex64 is
     * supported.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array cos(Array a) { return Ops.unary(UnaryOp.COS, a); }

    /**
     * Element-wise tangent (radians). MLX: {@code mlx.core.tan}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array tan(Array a) { return Ops.unary(UnaryOp.TAN, a); }

    /**
     * Element-wise inverse sine, in radians (NaN outside {@code [-1, 1]}). MLX: {@code mlx.core.arcsin}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array arcsin(Array a) { return Ops.unary(UnaryOp.ARCSIN, a); }

    /**
     * Element-wise inverse cosine, in radians (NaN outside {@code [-1, 1]}). MLX: {@code mlx.core.arccos}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array arccos(Array a) { return Ops.unary(UnaryOp.ARCCOS, a); }

    /**
     * Element-wise inverse tangent, in radians. MLX: {@code mlx.core.arctan}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array arctan(Array a) { return Ops.unary(UnaryOp.ARCTAN, a); }

    /**
     * Element-wise hyperbolic sine. MLX: {@code mlx.core.sinh}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array sinh(Array a) { return Ops.unary(UnaryOp.SINH, a); }

    /**
     * Element-wise hyperbolic cosine. MLX: {@code mlx.core.cosh}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array cosh(Array a) { return Ops.unary(UnaryOp.COSH, a); }

    /**
     * Element-wise hyperbolic tangent. MLX: {@code mlx.core.tanh}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array tanh(Array a) { return Ops.unary(UnaryOp.TANH, a); }

    /**
     * Element-wise inverse hyperbolic sine. MLX: {@code mlx.core.arcsinh}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array arcsinh(Array a) { return Ops.unary(UnaryOp.ARCSINH, a); }

    /**
     * Element-wise inverse hyperbolic cosine (NaN below 1). MLX: {@code mlx.core.arccosh}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array arccosh(Array a) { return Ops.unary(UnaryOp.ARCCOSH, a); }

    /**
     * Element-wise inverse hyperbolic tangent (NaN outside {@code [-1, 1]}). MLX: {@code mlx.core.arctanh}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array arctanh(Array a) { return Ops.unary(UnaryOp.ARCTANH, a); }

    /**
     * Element-wise floor: the largest integer not above {@code a}. MLX: {@code mlx.core.floor}.
     *
     * <p>Floating inputs keep their dtype; integer and BOOL inputs are returned as they are.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array floor(Array a) { return Ops.unary(UnaryOp.FLOOR, a); }

    /**
     * Element-wise ceiling: the smallest integer not below {@code a}. MLX: {@code mlx.core.ceil}.
     *
     * <p>Floating inputs keep their dtype; integer and BOOL inputs are returned as they are.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array ceil(Array a) { return Ops.unary(UnaryOp.CEIL, a); }

    /**
     * Element-wise Gauss error function. MLX: {@code mlx.core.erf}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array erf(Array a) { return Ops.unary(UnaryOp.ERF, a); }

    /**
     * Element-wise inverse of {@link #erf(Array)} (infinite at -1 and 1, NaN outside). MLX:
     * {@code mlx.core.erfinv}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array erfinv(Array a) { return Ops.unary(UnaryOp.ERFINV, a); }

    /**
     * Element-wise logistic sigmoid {@code 1 / (1 + exp(-a))}. MLX: {@code mlx.core.sigmoid}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array sigmoid(Array a) { return Ops.unary(UnaryOp.SIGMOID, a); }

    /**
     * Element-wise logical not (zero is false). MLX: {@code mlx.core.logical_not}.
     *
     * <p>The result is BOOL.
     *
     * @param a the input array
     * @return a BOOL array of {@code a}'s shape
     */
    public static Array logicalNot(Array a) { return Ops.unary(UnaryOp.LOGICAL_NOT, a); }

    /**
     * Element-wise bitwise not {@code ~a} (logical not for BOOL). MLX: {@code mlx.core.bitwise_invert}.
     *
     * <p>Defined for integer and BOOL inputs; the result keeps {@code a}'s dtype.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is floating or complex
     */
    public static Array bitwiseInvert(Array a) { return Ops.unary(UnaryOp.BITWISE_INVERT, a); }

    /**
     * Element-wise test for NaN (false for integer and BOOL inputs). MLX: {@code mlx.core.isnan}.
     *
     * <p>The result is BOOL.
     *
     * @param a the input array
     * @return a BOOL array of {@code a}'s shape
     */
    public static Array isnan(Array a) { return Ops.unary(UnaryOp.ISNAN, a); }

    /**
     * Element-wise test for positive or negative infinity. MLX: {@code mlx.core.isinf}.
     *
     * <p>The result is BOOL.
     *
     * @param a the input array
     * @return a BOOL array of {@code a}'s shape
     */
    public static Array isinf(Array a) { return Ops.unary(UnaryOp.ISINF, a); }

    /**
     * Element-wise test for a finite value (neither infinite nor NaN). MLX: {@code mlx.core.isfinite}.
     *
     * <p>The result is BOOL.
     *
     * @param a the input array
     * @return a BOOL array of {@code a}'s shape
     */
    public static Array isfinite(Array a) { return Ops.unary(UnaryOp.ISFINITE, a); }

    /**
     * The real part of each element. MLX: {@code mlx.core.real}.
     *
     * <p>A complex64 input gives FLOAT32; an array of a real dtype is returned as it is.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array real(Array a) { return Ops.unary(UnaryOp.REAL, a); }

    /**
     * The imaginary part of each element. MLX: {@code mlx.core.imag}.
     *
     * <p>A complex64 input gives FLOAT32; an array of a real dtype gives zeros (FLOAT32 for integer and BOOL
     * inputs, its own dtype when floating).
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array imag(Array a) { return Ops.unary(UnaryOp.IMAG, a); }

    /**
     * The complex conjugate of each element. MLX: {@code mlx.core.conjugate}.
     *
     * <p>A complex64 input stays complex64; an array of a real dtype is returned as it is.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array conjugate(Array a) { return Ops.unary(UnaryOp.CONJUGATE, a); }

    /**
     * Converts angles from radians to degrees. MLX: {@code mlx.core.degrees}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype. Complex64 is
     * supported.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array degrees(Array a) { return multiply(Ops.toInexact(a), 180.0 / Math.PI); }

    /**
     * Converts angles from degrees to radians. MLX: {@code mlx.core.radians}.
     *
     * <p>Integer and BOOL inputs are converted to FLOAT32 first; floating inputs keep their dtype. Complex64 is
     * supported.
     *
     * @param a the input array
     * @return the result, of {@code a}'s shape
     */
    public static Array radians(Array a) { return multiply(Ops.toInexact(a), Math.PI / 180.0); }

    /**
     * Rounds to the given number of decimals, halves to even (as NumPy). MLX: {@code mlx.core.round}.
     *
     * <p>Floating inputs keep their dtype. Integer and BOOL inputs are returned as they are for
     * {@code decimals >= 0}; a negative {@code decimals} rounds them to tens, hundreds... (computed in FLOAT32,
     * then converted back).
     *
     * @param a the input array
     * @param decimals the number of decimal places (negative rounds to the left of the decimal point)
     * @return the rounded array, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array round(Array a, int decimals) { return Ops.round(a, decimals); }

    /**
     * Rounds to the nearest integer value, halves to even: {@code round(a, 0)}. MLX: {@code mlx.core.round}.
     *
     * @param a the input array
     * @return the rounded array, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if {@code a} is complex64
     */
    public static Array round(Array a) { return Ops.round(a, 0); }

    // ================================================================ reductions

    /**
     * Sum of the elements over {@code axes} (all axes when none are given), dropping them. MLX:
     * {@code mlx.core.sum}.
     *
     * <p>BOOL, INT8 and INT16 inputs accumulate in INT32, UINT8 and UINT16 in UINT32; other dtypes are kept.
     * The sum of no elements is 0.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array sum(Array a, int... axes) { return Reductions.reduce(ReduceOp.SUM, a, axes, false); }

    /**
     * Sum of the elements over {@code axes} (all axes when empty). MLX: {@code mlx.core.sum} with
     * {@code keepdims}.
     *
     * <p>BOOL, INT8 and INT16 inputs accumulate in INT32, UINT8 and UINT16 in UINT32; other dtypes are kept.
     * The sum of no elements is 0.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array sum(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.SUM, a, axes, keepdims); }

    /**
     * Product of the elements over {@code axes} (all axes when none are given), dropping them. MLX:
     * {@code mlx.core.prod}.
     *
     * <p>BOOL, INT8 and INT16 inputs accumulate in INT32, UINT8 and UINT16 in UINT32; other dtypes are kept.
     * The product of no elements is 1.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array prod(Array a, int... axes) { return Reductions.reduce(ReduceOp.PROD, a, axes, false); }

    /**
     * Product of the elements over {@code axes} (all axes when empty). MLX: {@code mlx.core.prod} with
     * {@code keepdims}.
     *
     * <p>BOOL, INT8 and INT16 inputs accumulate in INT32, UINT8 and UINT16 in UINT32; other dtypes are kept.
     * The product of no elements is 1.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array prod(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.PROD, a, axes, keepdims); }

    /**
     * Largest element over {@code axes} (all axes when none are given), dropping them. MLX:
     * {@code mlx.core.max}.
     *
     * <p>The result keeps {@code a}'s dtype; NaN propagates.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     * @throws IllegalArgumentException if {@code a} is empty or complex64
     */
    public static Array max(Array a, int... axes) { return Reductions.reduce(ReduceOp.MAX, a, axes, false); }

    /**
     * Largest element over {@code axes} (all axes when empty). MLX: {@code mlx.core.max} with {@code keepdims}.
     *
     * <p>The result keeps {@code a}'s dtype; NaN propagates.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     * @throws IllegalArgumentException if {@code a} is empty or complex64
     */
    public static Array max(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.MAX, a, axes, keepdims); }

    /**
     * Smallest element over {@code axes} (all axes when none are given), dropping them. MLX:
     * {@code mlx.core.min}.
     *
     * <p>The result keeps {@code a}'s dtype; NaN propagates.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     * @throws IllegalArgumentException if {@code a} is empty or complex64
     */
    public static Array min(Array a, int... axes) { return Reductions.reduce(ReduceOp.MIN, a, axes, false); }

    /**
     * Smallest element over {@code axes} (all axes when empty). MLX: {@code mlx.core.min} with
     * {@code keepdims}.
     *
     * <p>The result keeps {@code a}'s dtype; NaN propagates.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     * @throws IllegalArgumentException if {@code a} is empty or complex64
     */
    public static Array min(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.MIN, a, axes, keepdims); }

    /**
     * Whether every element is true (non-zero) over {@code axes} (all axes when none are given), dropping them.
     * MLX: {@code mlx.core.all}.
     *
     * <p>The result is BOOL; over no elements it is true.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array all(Array a, int... axes) { return Reductions.reduce(ReduceOp.ALL, a, axes, false); }

    /**
     * Whether every element is true (non-zero) over {@code axes} (all axes when empty). MLX:
     * {@code mlx.core.all} with {@code keepdims}.
     *
     * <p>The result is BOOL; over no elements it is true.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array all(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.ALL, a, axes, keepdims); }

    /**
     * Whether any element is true (non-zero) over {@code axes} (all axes when none are given), dropping them.
     * MLX: {@code mlx.core.any}.
     *
     * <p>The result is BOOL; over no elements it is false.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array any(Array a, int... axes) { return Reductions.reduce(ReduceOp.ANY, a, axes, false); }

    /**
     * Whether any element is true (non-zero) over {@code axes} (all axes when empty). MLX: {@code mlx.core.any}
     * with {@code keepdims}.
     *
     * <p>The result is BOOL; over no elements it is false.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array any(Array a, int[] axes, boolean keepdims) { return Reductions.reduce(ReduceOp.ANY, a, axes, keepdims); }

    /**
     * Arithmetic mean of the elements over {@code axes} (all axes when none are given), dropping them. MLX:
     * {@code mlx.core.mean}.
     *
     * <p>Integer and BOOL inputs give FLOAT32; floating and complex inputs keep their dtype.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array mean(Array a, int... axes) { return Reductions.mean(a, axes, false); }

    /**
     * Arithmetic mean of the elements over {@code axes} (all axes when empty). MLX: {@code mlx.core.mean} with
     * {@code keepdims}.
     *
     * <p>Integer and BOOL inputs give FLOAT32; floating and complex inputs keep their dtype.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array mean(Array a, int[] axes, boolean keepdims) { return Reductions.mean(a, axes, keepdims); }

    /**
     * Variance of the elements over {@code axes} (all axes when none are given), with {@code ddof} 0, dropping
     * the axes. MLX: {@code mlx.core.var}.
     *
     * <p>Integers and BOOL give FLOAT32; floating inputs keep their dtype.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the variance, of {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array var(Array a, int... axes) { return Reductions.var(a, axes, false, 0); }

    /**
     * Variance {@code sum((a - mean)^2) / (n - ddof)} over {@code axes} (all axes when empty). MLX:
     * {@code mlx.core.var}.
     *
     * <p>Integers and BOOL give FLOAT32; floating inputs keep their dtype. When {@code n - ddof <= 0} the
     * result is NaN.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @param ddof the delta degrees of freedom subtracted from the element count
     * @return the variance
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array var(Array a, int[] axes, boolean keepdims, int ddof) { return Reductions.var(a, axes, keepdims, ddof); }

    /**
     * Standard deviation over {@code axes} (all axes when none are given), with {@code ddof} 0:
     * {@code sqrt(var(a, axes))}. MLX: {@code mlx.core.std}.
     *
     * <p>Integers and BOOL give FLOAT32; floating inputs keep their dtype.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the standard deviation, of {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array std(Array a, int... axes) { return sqrt(Reductions.var(a, axes, false, 0)); }

    /**
     * Standard deviation {@code sqrt(var(a, axes, keepdims, ddof))}. MLX: {@code mlx.core.std}.
     *
     * <p>Integers and BOOL give FLOAT32; floating inputs keep their dtype.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @param ddof the delta degrees of freedom subtracted from the element count
     * @return the standard deviation
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array std(Array a, int[] axes, boolean keepdims, int ddof) { return sqrt(Reductions.var(a, axes, keepdims, ddof)); }

    /**
     * {@code log(sum(exp(a)))}, computed without overflow, over {@code axes} (all axes when none are given),
     * dropping them. MLX: {@code mlx.core.logsumexp}.
     *
     * <p>Integer and BOOL inputs give FLOAT32; floating inputs keep their dtype.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: {@code a}'s shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array logsumexp(Array a, int... axes) { return Reductions.logsumexp(a, axes, false); }

    /**
     * {@code log(sum(exp(a)))}, computed without overflow, over {@code axes} (all axes when empty). MLX:
     * {@code mlx.core.logsumexp} with {@code keepdims}.
     *
     * <p>Integer and BOOL inputs give FLOAT32; floating inputs keep their dtype.
     *
     * @param a the input array
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array logsumexp(Array a, int[] axes, boolean keepdims) { return Reductions.logsumexp(a, axes, keepdims); }

    /**
     * Softmax {@code exp(a) / sum(exp(a))} over {@code axes}, computed without overflow. MLX:
     * {@code mlx.core.softmax}.
     *
     * <p>With no axes given it runs over the last axis (not over all axes). Integer and BOOL inputs give
     * FLOAT32; a 0-d input gives ones.
     *
     * @param a the input array
     * @param axes the axes to normalise over (the last axis when none are given)
     * @return the softmax, of {@code a}'s shape
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array softmax(Array a, int... axes) { return Reductions.softmax(a, axes); }

    /**
     * The index of the largest element of the flattened array (the first one on ties). MLX:
     * {@code mlx.core.argmax} without an axis.
     *
     * @param a the input array
     * @return a UINT32 scalar
     * @throws IllegalArgumentException if {@code a} is empty or complex64
     */
    public static Array argmax(Array a) { return Reductions.argReduce(true, a.flatten(), 0, false); }

    /**
     * The indices of the largest elements along {@code axis} (the first one on ties). MLX:
     * {@code mlx.core.argmax}.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @return a UINT32 array of {@code a}'s shape without {@code axis}
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, if the axis is out of range, or if it
     * is empty
     */
    public static Array argmax(Array a, int axis) { return Reductions.argReduce(true, a, axis, false); }

    /**
     * The indices of the largest elements along {@code axis} (the first one on ties). MLX:
     * {@code mlx.core.argmax} with {@code keepdims}.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @param keepdims whether {@code axis} stays in the result with extent 1
     * @return a UINT32 array
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, if the axis is out of range, or if it
     * is empty
     */
    public static Array argmax(Array a, int axis, boolean keepdims) { return Reductions.argReduce(true, a, axis, keepdims); }

    /**
     * The index of the smallest element of the flattened array (the first one on ties). MLX:
     * {@code mlx.core.argmin} without an axis.
     *
     * @param a the input array
     * @return a UINT32 scalar
     * @throws IllegalArgumentException if {@code a} is empty or complex64
     */
    public static Array argmin(Array a) { return Reductions.argReduce(false, a.flatten(), 0, false); }

    /**
     * The indices of the smallest elements along {@code axis} (the first one on ties). MLX:
     * {@code mlx.core.argmin}.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @return a UINT32 array of {@code a}'s shape without {@code axis}
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, if the axis is out of range, or if it
     * is empty
     */
    public static Array argmin(Array a, int axis) { return Reductions.argReduce(false, a, axis, false); }

    /**
     * The indices of the smallest elements along {@code axis} (the first one on ties). MLX:
     * {@code mlx.core.argmin} with {@code keepdims}.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @param keepdims whether {@code axis} stays in the result with extent 1
     * @return a UINT32 array
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, if the axis is out of range, or if it
     * is empty
     */
    public static Array argmin(Array a, int axis, boolean keepdims) { return Reductions.argReduce(false, a, axis, keepdims); }

    // ================================================================ scans, sorting, gather and scatter

    /**
     * Cumulative sum along {@code axis}. MLX: {@code mlx.core.cumsum}.
     *
     * <p>BOOL inputs give INT32; other dtypes are kept.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @param reverse whether the scan runs from the end of the axis towards its start
     * @param inclusive whether element {@code i} of the result includes element {@code i} of the input
     * (otherwise the scan is shifted by one, starting from the identity)
     * @return the scan, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d, if the axis is out of range, or (except for sums
     * and products) if {@code a} is complex64
     */
    public static Array cumsum(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.SUM, "cumsum", a, axis, reverse, inclusive);
    }

    /**
     * Cumulative sum along {@code axis}, inclusive, from the start. MLX: {@code mlx.core.cumsum}.
     *
     * <p>BOOL inputs give INT32; other dtypes are kept.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @return the scan, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d, if the axis is out of range, or (except for sums
     * and products) if {@code a} is complex64
     */
    public static Array cumsum(Array a, int axis) { return cumsum(a, axis, false, true); }

    /**
     * Cumulative product along {@code axis}. MLX: {@code mlx.core.cumprod}.
     *
     * <p>BOOL inputs give INT32; other dtypes are kept.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @param reverse whether the scan runs from the end of the axis towards its start
     * @param inclusive whether element {@code i} of the result includes element {@code i} of the input
     * (otherwise the scan is shifted by one, starting from the identity)
     * @return the scan, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d, if the axis is out of range, or (except for sums
     * and products) if {@code a} is complex64
     */
    public static Array cumprod(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.PROD, "cumprod", a, axis, reverse, inclusive);
    }

    /**
     * Cumulative product along {@code axis}, inclusive, from the start. MLX: {@code mlx.core.cumprod}.
     *
     * <p>BOOL inputs give INT32; other dtypes are kept.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @return the scan, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d, if the axis is out of range, or (except for sums
     * and products) if {@code a} is complex64
     */
    public static Array cumprod(Array a, int axis) { return cumprod(a, axis, false, true); }

    /**
     * Cumulative maximum along {@code axis}. MLX: {@code mlx.core.cummax}.
     *
     * <p>The result keeps {@code a}'s dtype.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @param reverse whether the scan runs from the end of the axis towards its start
     * @param inclusive whether element {@code i} of the result includes element {@code i} of the input
     * (otherwise the scan is shifted by one, starting from the identity)
     * @return the scan, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d, if the axis is out of range, or (except for sums
     * and products) if {@code a} is complex64
     */
    public static Array cummax(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.MAX, "cummax", a, axis, reverse, inclusive);
    }

    /**
     * Cumulative minimum along {@code axis}. MLX: {@code mlx.core.cummin}.
     *
     * <p>The result keeps {@code a}'s dtype.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @param reverse whether the scan runs from the end of the axis towards its start
     * @param inclusive whether element {@code i} of the result includes element {@code i} of the input
     * (otherwise the scan is shifted by one, starting from the identity)
     * @return the scan, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d, if the axis is out of range, or (except for sums
     * and products) if {@code a} is complex64
     */
    public static Array cummin(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.MIN, "cummin", a, axis, reverse, inclusive);
    }

    /**
     * Cumulative {@code log(sum(exp(a)))} along {@code axis}. MLX: {@code mlx.core.logcumsumexp}.
     *
     * <p>Integer and BOOL inputs give FLOAT32; floating inputs keep their dtype.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @param reverse whether the scan runs from the end of the axis towards its start
     * @param inclusive whether element {@code i} of the result includes element {@code i} of the input
     * (otherwise the scan is shifted by one, starting from the identity)
     * @return the scan, of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d, if the axis is out of range, or (except for sums
     * and products) if {@code a} is complex64
     */
    public static Array logcumsumexp(Array a, int axis, boolean reverse, boolean inclusive) {
        return SortingOps.scan(ScanOp.LOGADDEXP, "logcumsumexp", a, axis, reverse, inclusive);
    }

    /**
     * The elements sorted along {@code axis}, ascending, NaNs last. MLX: {@code mlx.core.sort}.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @return the sorted array, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, or if the axis is out of range
     */
    public static Array sort(Array a, int axis) { return SortingOps.sort(a, axis); }

    /**
     * The elements sorted along the last axis, ascending, NaNs last. MLX: {@code mlx.core.sort}.
     *
     * @param a the input array
     * @return the sorted array, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64
     */
    public static Array sort(Array a) { return SortingOps.sort(a, -1); }

    /**
     * The indices that sort {@code a} along {@code axis} (ascending, NaNs last). MLX: {@code mlx.core.argsort}.
     *
     * @param a the input array
     * @param axis the axis (negative counts from the end)
     * @return a UINT32 array of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, or if the axis is out of range
     */
    public static Array argsort(Array a, int axis) { return SortingOps.argsort(a, axis); }

    /**
     * The indices that sort {@code a} along the last axis. MLX: {@code mlx.core.argsort}.
     *
     * @param a the input array
     * @return a UINT32 array of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64
     */
    public static Array argsort(Array a) { return SortingOps.argsort(a, -1); }

    /**
     * A partial sort along {@code axis}: the element at {@code kth} is the one a full sort would put there,
     * smaller or equal ones come before it and greater or equal ones after it, in no particular order. MLX:
     * {@code mlx.core.partition}.
     *
     * @param a the input array
     * @param kth the position that is put in sorted order (negative counts from the end)
     * @param axis the axis (negative counts from the end)
     * @return the partitioned array, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, or if the axis or {@code kth} is out
     * of range
     */
    public static Array partition(Array a, int kth, int axis) { return SortingOps.partition(a, kth, axis, false); }

    /**
     * The indices that {@link #partition(Array, int, int) partition} {@code a} along {@code axis}. MLX:
     * {@code mlx.core.argpartition}.
     *
     * @param a the input array
     * @param kth the position that is put in sorted order (negative counts from the end)
     * @param axis the axis (negative counts from the end)
     * @return a UINT32 array of {@code a}'s shape
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, or if the axis or {@code kth} is out
     * of range
     */
    public static Array argpartition(Array a, int kth, int axis) { return SortingOps.partition(a, kth, axis, true); }

    /**
     * The {@code k} largest elements along {@code axis}, not necessarily in order. MLX: {@code mlx.core.topk}.
     *
     * @param a the input array
     * @param k how many elements to keep
     * @param axis the axis (negative counts from the end)
     * @return an array of {@code a}'s dtype and shape, with extent {@code k} along {@code axis}
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, if the axis is out of range, or unless
     * {@code 1 <= k <= extent}
     */
    public static Array topk(Array a, int k, int axis) { return SortingOps.topk(a, k, axis); }

    /**
     * The {@code k} largest elements along the last axis, not necessarily in order. MLX: {@code mlx.core.topk}.
     *
     * @param a the input array
     * @param k how many elements to keep
     * @return an array of {@code a}'s dtype and shape, with extent {@code k} along the last axis
     * @throws IllegalArgumentException if {@code a} is 0-d or complex64, or unless {@code 1 <= k <= extent}
     */
    public static Array topk(Array a, int k) { return SortingOps.topk(a, k, -1); }

    /**
     * The elements at {@code indices} along {@code axis}, NumPy's {@code take}. MLX: {@code mlx.core.take}.
     *
     * <p>The result has {@code a}'s dtype and the shape
     * {@code a.shape[:axis] + indices.shape + a.shape[axis+1:]}.
     *
     * @param a the input array
     * @param indices the indices, of any integer dtype; negative indices count from the end of the axis
     * @param axis the axis (negative counts from the end)
     * @return the gathered elements
     * @throws IllegalArgumentException if {@code indices} is not of an integer dtype, if {@code a} is 0-d, or
     * if the axis is out of range
     * @throws IndexOutOfBoundsException (when the result is evaluated) if an index is out of range
     */
    public static Array take(Array a, Array indices, int axis) { return SortingOps.take(a, indices, axis); }

    /**
     * The elements of the flattened {@code a} at {@code indices}. MLX: {@code mlx.core.take} without an axis.
     *
     * @param a the input array
     * @param indices the indices, of any integer dtype; negative indices count from the end of the axis
     * @return an array of {@code a}'s dtype and of the shape of {@code indices}
     * @throws IllegalArgumentException if {@code indices} is not of an integer dtype
     * @throws IndexOutOfBoundsException (when the result is evaluated) if an index is out of range
     */
    public static Array take(Array a, Array indices) { return SortingOps.take(flatten(a), indices, 0); }

    /**
     * Picks values along {@code axis} at matching positions, as NumPy's {@code take_along_axis} (for example
     * with the result of {@link #argsort(Array, int)}). MLX: {@code mlx.core.take_along_axis}.
     *
     * <p>{@code indices} has {@code a}'s rank; on the other axes the two broadcast together.
     *
     * @param a the input array
     * @param indices the indices, of any integer dtype; negative indices count from the end of the axis
     * @param axis the axis (negative counts from the end)
     * @return an array of {@code a}'s dtype, with {@code indices}' extent along {@code axis}
     * @throws IllegalArgumentException if {@code indices} is not of an integer dtype or not of {@code a}'s
     * rank, if the axis is out of range, or if the other axes do not broadcast
     * @throws IndexOutOfBoundsException (when the result is evaluated) if an index is out of range
     */
    public static Array takeAlongAxis(Array a, Array indices, int axis) { return SortingOps.takeAlongAxis(a, indices, axis); }

    /**
     * A copy of {@code a} with {@code values} written at {@code indices} along {@code axis}, as NumPy's
     * {@code put_along_axis}. MLX: {@code mlx.core.put_along_axis}.
     *
     * <p>{@code indices} and {@code values} broadcast together; {@code values} is converted to {@code a}'s
     * dtype. With repeated indices, one of the values is kept.
     *
     * @param a the input array
     * @param indices the indices, of any integer dtype; negative indices count from the end of the axis
     * @param values the values to write
     * @param axis the axis (negative counts from the end)
     * @return the updated copy, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if {@code indices} is not of an integer dtype or not of {@code a}'s
     * rank, if the axis is out of range, or if {@code indices} and {@code values} do not fit {@code a} along
     * the other axes
     * @throws IndexOutOfBoundsException (when the result is evaluated) if an index is out of range
     */
    public static Array putAlongAxis(Array a, Array indices, Array values, int axis) {
        return SortingOps.putAlongAxis(a, indices, values, axis, ScatterOp.SET);
    }

    /**
     * MLX's {@code scatter_add_axis}: a copy of {@code a} with {@code values} added at {@code indices} along
     * {@code axis} (repeated indices accumulate).
     *
     * @param a the input array
     * @param indices the indices, of any integer dtype; negative indices count from the end of the axis
     * @param values the values to add
     * @param axis the axis (negative counts from the end)
     * @return the updated copy, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if {@code indices} is not of an integer dtype or not of {@code a}'s
     * rank, if the axis is out of range, or if {@code indices} and {@code values} do not fit {@code a} along
     * the other axes
     * @throws IndexOutOfBoundsException (when the result is evaluated) if an index is out of range
     */
    public static Array scatterAddAxis(Array a, Array indices, Array values, int axis) {
        return SortingOps.putAlongAxis(a, indices, values, axis, ScatterOp.ADD);
    }

    static Array putAlongAxis(Array a, Array indices, Array values, int axis, ScatterOp op) {
        return SortingOps.putAlongAxis(a, indices, values, axis, op);
    }

    /**
     * MLX's general gather (C++ {@code mlx::core::gather}): the index arrays, broadcast together to a shape
     * {@code B}, give for each position in {@code B} a start along each of {@code axes}; from there a slice of
     * {@code sliceSizes} (one extent per axis of {@code a}) is read.
     *
     * <p>The result has {@code a}'s dtype and the shape {@code B + sliceSizes}.
     *
     * @param a the input array
     * @param indices one index array per entry of {@code axes}
     * @param axes the axes the index arrays index
     * @param sliceSizes the extent of the slice read at each index, one per axis of {@code a}
     * @return the gathered slices
     * @throws IllegalArgumentException if there is not one index array per axis, if an index array is not of an
     * integer dtype, or if the index arrays do not broadcast
     * @throws IndexOutOfBoundsException (when the result is evaluated) if a slice does not fit in {@code a}
     */
    public static Array gather(Array a, List<Array> indices, int[] axes, int[] sliceSizes) {
        return SortingOps.gather(a, indices, axes, sliceSizes);
    }

    /**
     * MLX's general scatter (C++ {@code mlx::core::scatter}): a copy of {@code a} in which each slice of
     * {@code updates} (shape {@code B + sliceShape}, {@code B} the broadcast shape of the index arrays) is
     * written into {@code a} at the starts the index arrays give along {@code axes}.
     *
     * <p>{@code updates} is converted to {@code a}'s dtype.
     *
     * @param a the input array
     * @param updates the slices to write
     * @param indices one index array per entry of {@code axes}
     * @param axes the axes the index arrays index
     * @return the updated copy, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if there is not one index array per axis, if an index array is not of an
     * integer dtype, or if the index arrays do not broadcast
     * @throws IndexOutOfBoundsException (when the result is evaluated) if a slice does not fit in {@code a}
     */
    public static Array scatter(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.SET);
    }

    /**
     * MLX's {@code scatter_add}: as {@link #scatter(Array, Array, List, int[])}, adding the updates.
     *
     * @param a the input array
     * @param updates the slices to combine, shape {@code B + sliceShape}
     * @param indices one index array per entry of {@code axes}
     * @param axes the axes the index arrays index
     * @return the updated copy, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if there is not one index array per axis, if an index array is not of an
     * integer dtype, or if the index arrays do not broadcast
     * @throws IndexOutOfBoundsException (when the result is evaluated) if a slice does not fit in {@code a}
     */
    public static Array scatterAdd(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.ADD);
    }

    /**
     * MLX's {@code scatter_prod}: as {@link #scatter(Array, Array, List, int[])}, multiplying by the updates.
     *
     * @param a the input array
     * @param updates the slices to combine, shape {@code B + sliceShape}
     * @param indices one index array per entry of {@code axes}
     * @param axes the axes the index arrays index
     * @return the updated copy, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if there is not one index array per axis, if an index array is not of an
     * integer dtype, or if the index arrays do not broadcast
     * @throws IndexOutOfBoundsException (when the result is evaluated) if a slice does not fit in {@code a}
     */
    public static Array scatterProd(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.PROD);
    }

    /**
     * MLX's {@code scatter_max}: as {@link #scatter(Array, Array, List, int[])}, keeping the larger value.
     *
     * @param a the input array
     * @param updates the slices to combine, shape {@code B + sliceShape}
     * @param indices one index array per entry of {@code axes}
     * @param axes the axes the index arrays index
     * @return the updated copy, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if there is not one index array per axis, if an index array is not of an
     * integer dtype, or if the index arrays do not broadcast
     * @throws IndexOutOfBoundsException (when the result is evaluated) if a slice does not fit in {@code a}
     */
    public static Array scatterMax(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.MAX);
    }

    /**
     * MLX's {@code scatter_min}: as {@link #scatter(Array, Array, List, int[])}, keeping the smaller value.
     *
     * @param a the input array
     * @param updates the slices to combine, shape {@code B + sliceShape}
     * @param indices one index array per entry of {@code axes}
     * @param axes the axes the index arrays index
     * @return the updated copy, of {@code a}'s dtype and shape
     * @throws IllegalArgumentException if there is not one index array per axis, if an index array is not of an
     * integer dtype, or if the index arrays do not broadcast
     * @throws IndexOutOfBoundsException (when the result is evaluated) if a slice does not fit in {@code a}
     */
    public static Array scatterMin(Array a, Array updates, List<Array> indices, int[] axes) {
        return SortingOps.scatter(a, updates, indices, axes, ScatterOp.MIN);
    }

    static Array scatter(Array a, Array updates, List<Array> indices, int[] axes, ScatterOp op) {
        return SortingOps.scatter(a, updates, indices, axes, op);
    }

    // ================================================================ linear algebra

    /**
     * Matrix product with NumPy's rules. MLX: {@code mlx.core.matmul}.
     *
     * <p>The last two axes are multiplied ({@code [..., m, k] @ [..., k, n]} gives {@code [..., m, n]}) and the
     * leading batch axes broadcast. A 1-D {@code a} is treated as a row {@code [1, k]} and a 1-D {@code b} as a
     * column {@code [k, 1]}, and that axis is removed from the result. The dtypes promote and must give a
     * floating type.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the product
     * @throws IllegalArgumentException if an operand is 0-d, if the inner extents differ, if the batch axes do
     * not broadcast, or if the promoted dtype is not floating (integer, BOOL or complex64)
     */
    public static Array matmul(Array a, Array b) { return Ops.matmul(a, b); }

    // ================================================================ shapes and views

    /**
     * The elements converted to {@code dtype} (floats to integers truncate towards zero, non-zero becomes true;
     * values out of the target's range give unspecified results, as in MLX). MLX: {@code mlx.core.astype}.
     *
     * @param a the input array
     * @param dtype the target dtype
     * @return {@code a} itself when it already has {@code dtype}, else the converted array of {@code a}'s shape
     */
    public static Array astype(Array a, DType dtype) { return Ops.astype(a, dtype); }

    /**
     * The same elements, in row-major order, in a new shape. MLX: {@code mlx.core.reshape}.
     *
     * @param a the input array
     * @param shape the new shape; one extent may be -1, inferred from the size
     * @return {@code a} itself when the shape is unchanged, else the reshaped array
     * @throws IllegalArgumentException if more than one extent is -1, if an extent is otherwise negative, or if
     * the sizes differ
     */
    public static Array reshape(Array a, int... shape) { return ShapeOps.reshape(a, shape); }

    /**
     * The elements as a 1-D array, in row-major order. MLX: {@code mlx.core.flatten}.
     *
     * @param a the input array
     * @return a 1-D array of {@code a.size()} elements
     */
    public static Array flatten(Array a) { return ShapeOps.reshape(a, -1); }

    /**
     * Permutes the axes: axis {@code i} of the result is axis {@code axes[i]} of {@code a}. MLX:
     * {@code mlx.core.transpose}.
     *
     * @param a the input array
     * @param axes the permutation (negative counts from the end); the axes reversed when none are given
     * @return the transposed view ({@code a} itself for the identity permutation)
     * @throws IllegalArgumentException if {@code axes} is not a permutation of {@code a}'s axes
     */
    public static Array transpose(Array a, int... axes) { return ShapeOps.transpose(a, axes); }

    /**
     * Exchanges two axes. MLX: {@code mlx.core.swapaxes}.
     *
     * @param a the input array
     * @param axis1 the first axis
     * @param axis2 the second axis
     * @return the transposed view
     * @throws IllegalArgumentException if an axis is out of range
     */
    public static Array swapAxes(Array a, int axis1, int axis2) { return ShapeOps.swapAxes(a, axis1, axis2); }

    /**
     * Moves one axis to a new position, keeping the order of the others. MLX: {@code mlx.core.moveaxis}.
     *
     * @param a the input array
     * @param source the axis to move
     * @param destination its position in the result
     * @return the transposed view
     * @throws IllegalArgumentException if an axis is out of range
     */
    public static Array moveAxis(Array a, int source, int destination) { return ShapeOps.moveAxis(a, source, destination); }

    /**
     * A view of {@code a} broadcast to {@code shape} (NumPy rules: leading axes are added, extents of 1
     * repeat). MLX: {@code mlx.core.broadcast_to}.
     *
     * @param a the input array
     * @param shape the target shape
     * @return the broadcast view ({@code a} itself when the shape is unchanged)
     * @throws IllegalArgumentException if {@code a} does not broadcast to {@code shape}
     */
    public static Array broadcastTo(Array a, int... shape) { return ShapeOps.broadcastTo(a, shape); }

    /**
     * Inserts axes of extent 1. MLX: {@code mlx.core.expand_dims}.
     *
     * @param a the input array
     * @param axes the positions of the new axes in the result (negative counts from the end)
     * @return the reshaped array
     * @throws IllegalArgumentException if an axis is out of range for the result or repeated
     */
    public static Array expandDims(Array a, int... axes) { return ShapeOps.expandDims(a, axes); }

    /**
     * Removes axes of extent 1. MLX: {@code mlx.core.squeeze}.
     *
     * @param a the input array
     * @param axes the axes to remove (every axis of extent 1 when none are given)
     * @return the reshaped array
     * @throws IllegalArgumentException if an axis is out of range or its extent is not 1
     */
    public static Array squeeze(Array a, int... axes) { return ShapeOps.squeeze(a, axes); }

    /**
     * The strided slice {@code a[start[0]:stop[0]:strides[0], ...]} with Python's slice semantics on every
     * axis: negative bounds count from the end and out-of-range bounds are clamped. MLX: C++
     * {@code mlx::core::slice}.
     *
     * @param a the input array
     * @param start the first index per axis
     * @param stop the end (exclusive) per axis
     * @param strides the step per axis, or null for steps of 1
     * @return the slice, a view of {@code a}
     * @throws IllegalArgumentException if an argument does not have one entry per axis, or a stride is zero
     */
    public static Array slice(Array a, int[] start, int[] stop, int[] strides) { return ShapeOps.slice(a, start, stop, strides); }

    /**
     * The elements {@code start[i] + k * step[i]}, {@code k < shape[i]}, of every axis {@code i}: a slice whose
     * bounds are already resolved (no clamping, no negative wrap).
     *
     * @param a the input array
     * @param start the first index per axis
     * @param step the step per axis (may be negative)
     * @param shape the number of elements taken per axis
     * @return the slice, a view of {@code a} of {@code shape}
     * @throws IllegalArgumentException if an argument does not have one entry per axis or an extent is negative
     * @throws IndexOutOfBoundsException if a selected element lies outside {@code a}
     */
    public static Array stridedSlice(Array a, int[] start, int[] step, int[] shape) {
        return ShapeOps.stridedSlice(a, start, step, shape);
    }

    /**
     * A copy of {@code src} with {@code src[start:stop:strides] = update}, with Python's slice semantics per
     * axis. MLX: {@code mlx.core.slice_update}.
     *
     * <p>{@code update} is converted to {@code src}'s dtype and broadcast to the slice's shape.
     *
     * @param src the array to update
     * @param update the values to write
     * @param start the first index per axis
     * @param stop the end (exclusive) per axis
     * @param strides the step per axis, or null for steps of 1
     * @return the updated copy, of {@code src}'s dtype and shape
     * @throws IllegalArgumentException if an argument does not have one entry per axis, a stride is zero, or
     * {@code update} does not broadcast to the slice
     */
    public static Array sliceUpdate(Array src, Array update, int[] start, int[] stop, int[] strides) {
        return ShapeOps.sliceUpdate(src, update, start, stop, strides);
    }

    /**
     * A copy of {@code src} whose elements {@code start[i] + k * step[i]} are replaced by {@code update}, whose
     * shape gives the extent of the slice (the bounds are not checked again).
     *
     * @param src the array to update
     * @param update the values to write, converted to {@code src}'s dtype
     * @param start the first index per axis
     * @param step the step per axis
     * @return the updated copy, of {@code src}'s dtype and shape
     */
    public static Array sliceUpdate(Array src, Array update, int[] start, int[] step) {
        return ShapeOps.sliceUpdate(src, update, start, step);
    }

    /**
     * Joins arrays along an existing axis. MLX: {@code mlx.core.concatenate}.
     *
     * <p>The dtypes <a href="#broadcasting">promote</a>; shapes must agree on every other axis.
     *
     * @param arrays the arrays to join, at least one
     * @param axis the axis to join along (negative counts from the end)
     * @return the joined array
     * @throws IllegalArgumentException if {@code arrays} is empty or holds 0-d arrays, if the axis is out of
     * range, or if the shapes differ on another axis
     */
    public static Array concatenate(List<Array> arrays, int axis) { return ShapeOps.concatenate(arrays, axis); }

    /**
     * Joins arrays along axis 0. MLX: {@code mlx.core.concatenate}.
     *
     * @param arrays the arrays to join, at least one
     * @return the joined array
     * @throws IllegalArgumentException if {@code arrays} is empty or holds 0-d arrays, or if the shapes differ
     * on another axis
     */
    public static Array concatenate(List<Array> arrays) { return ShapeOps.concatenate(arrays, 0); }

    /**
     * Joins equally shaped arrays along a new axis. MLX: {@code mlx.core.stack}.
     *
     * <p>The dtypes <a href="#broadcasting">promote</a>.
     *
     * @param arrays the arrays to join, at least one
     * @param axis the position of the new axis in the result
     * @return the stacked array, one rank higher
     * @throws IllegalArgumentException if {@code arrays} is empty, if the shapes differ, or if the axis is out
     * of range
     */
    public static Array stack(List<Array> arrays, int axis) { return ShapeOps.stack(arrays, axis); }

    /**
     * Joins equally shaped arrays along a new leading axis. MLX: {@code mlx.core.stack}.
     *
     * @param arrays the arrays to join, at least one
     * @return the stacked array, one rank higher
     * @throws IllegalArgumentException if {@code arrays} is empty, if the shapes differ
     */
    public static Array stack(List<Array> arrays) { return ShapeOps.stack(arrays, 0); }

    /**
     * Splits {@code a} into {@code sections} equal parts along {@code axis}. MLX: {@code mlx.core.split}.
     *
     * @param a the input array
     * @param sections the number of parts (positive)
     * @param axis the axis to split
     * @return the parts, views of {@code a}
     * @throws IllegalArgumentException if the axis is out of range, or its extent is not divisible into
     * {@code sections} parts
     */
    public static List<Array> split(Array a, int sections, int axis) { return ShapeOps.split(a, sections, axis); }

    /**
     * Splits {@code a} into {@code sections} equal parts along axis 0. MLX: {@code mlx.core.split}.
     *
     * @param a the input array
     * @param sections the number of parts (positive)
     * @return the parts, views of {@code a}
     * @throws IllegalArgumentException if {@code a} is 0-d, or its first extent is not divisible into
     * {@code sections} parts
     */
    public static List<Array> split(Array a, int sections) { return ShapeOps.split(a, sections, 0); }

    /**
     * Splits {@code a} before each of the ascending {@code indices} along {@code axis}
     * ({@code indices.length + 1} parts; indices beyond the axis give empty parts). MLX: {@code mlx.core.split}
     * with a list of indices.
     *
     * @param a the input array
     * @param indices the ascending split points
     * @param axis the axis to split
     * @return the parts
     * @throws IllegalArgumentException if the axis is out of range
     */
    public static List<Array> split(Array a, int[] indices, int axis) { return ShapeOps.split(a, indices, axis); }

    /**
     * The COMPLEX64 array {@code real + i * imag}, as Python builds it with {@code real + 1j * imag}.
     *
     * @param real the real parts
     * @param imag the imaginary parts
     * @return a COMPLEX64 array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array complex(Array real, Array imag) {
        Shapes.broadcast("complex", real.node().shape, imag.node().shape);
        Array unit = Creation.complexScalar(0f, 1f);
        return add(astype(real, DType.COMPLEX64), multiply(astype(imag, DType.COMPLEX64), unit));
    }

    /**
     * The floor quotient and the Python remainder together, computed by one multi-output primitive. MLX:
     * {@code mlx.core.divmod}.
     *
     * <p>Both results have the <a href="#broadcasting">promoted</a> dtype and the broadcast shape.
     *
     * @param a the dividend
     * @param b the divisor
     * @return {@code [floorDivide(a, b), remainder(a, b)]}
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public static List<Array> divmod(Array a, Array b) { return Ops.divmod(a, b); }

    /**
     * A row-major contiguous copy of {@code a}. MLX: C++ {@code mlx::core::copy}.
     *
     * @param a the input array
     * @return the copy, of {@code a}'s dtype and shape
     */
    public static Array copy(Array a) { return ShapeOps.copy(a); }

    /**
     * The identity on values, through which no gradient flows: transformations treat the result as a constant.
     * MLX: {@code mlx.core.stop_gradient}.
     *
     * @param a the input array
     * @return an array equal to {@code a}
     */
    public static Array stopGradient(Array a) { return ShapeOps.stopGradient(a); }

    // ================================================================ files (see org.mlx4j.core.io.ArrayIO)

    /**
     * Loads a {@code .npy} file, as {@link org.mlx4j.core.io.ArrayIO#load(java.nio.file.Path)}. MLX:
     * {@code mlx.core.load} for {@code .npy}.
     *
     * @param file the file path
     * @return the array
     * @throws org.mlx4j.core.io.ArrayFileException if the file is missing, corrupt, truncated or of an
     * unsupported dtype
     */
    public static Array load(java.nio.file.Path file) { return org.mlx4j.core.io.ArrayIO.load(file); }

    /**
     * Loads every array of a {@code .npy}, {@code .npz}, {@code .safetensors} or {@code .gguf} file, chosen by the file's
     * extension, as {@link org.mlx4j.core.io.ArrayIO#loadArrays(java.nio.file.Path)}. MLX:
     * {@code mlx.core.load}.
     *
     * @param file the file path
     * @return the arrays by name, in file order (a {@code .npy} file gives one entry named after the file)
     * @throws org.mlx4j.core.io.ArrayFileException if the format is unknown, or the file is missing, corrupt or
     * truncated
     */
    public static java.util.Map<String, Array> loadArrays(java.nio.file.Path file) { return org.mlx4j.core.io.ArrayIO.loadArrays(file); }

    /**
     * Saves one array as {@code .npy}, evaluating it first and adding the extension when it is missing. MLX:
     * {@code mlx.core.save}.
     *
     * @param file the file path
     * @param a the array to save
     * @return the path written
     * @throws org.mlx4j.core.io.ArrayFileException if the array is empty or the file cannot be written
     */
    public static java.nio.file.Path save(java.nio.file.Path file, Array a) { return org.mlx4j.core.io.ArrayIO.save(file, a); }

    /**
     * Saves named arrays in an uncompressed {@code .npz} archive, evaluating them first. MLX:
     * {@code mlx.core.savez}.
     *
     * @param file the file path
     * @param arrays the arrays by entry name
     * @return the path written
     * @throws org.mlx4j.core.io.ArrayFileException if a name is empty, an array is null or empty, or the file
     * cannot be written
     */
    public static java.nio.file.Path savez(java.nio.file.Path file, java.util.Map<String, Array> arrays) {
        return org.mlx4j.core.io.ArrayIO.savez(file, arrays);
    }

    /**
     * Saves named arrays as {@code .safetensors}, in map order, evaluating them first. MLX:
     * {@code mlx.core.save_safetensors}.
     *
     * @param file the file path
     * @param arrays the arrays by tensor name
     * @return the path written
     * @throws org.mlx4j.core.io.ArrayFileException if an array is null or empty, or the file cannot be written
     */
    public static java.nio.file.Path saveSafetensors(java.nio.file.Path file, java.util.Map<String, Array> arrays) {
        return org.mlx4j.core.io.ArrayIO.saveSafetensors(file, arrays);
    }

    // ================================================================ evaluation

    /**
     * Computes every array of the given trees and waits until they are available. MLX: {@code mlx.core.eval}.
     *
     * <p>Arrays already computed cost nothing. Intermediates nobody holds are freed as soon as their consumers
     * have run.
     *
     * @param arraysOrTrees arrays, or trees of them: {@code List}s, {@code Map}s (values), {@code Object[]}s,
     * {@code Optional}s, records and {@link TreeLike}s; {@code null} entries are skipped
     * @throws IllegalArgumentException if a tree holds something other than arrays, collections, maps,
     * {@code Object[]}s, {@code Optional}s, records and {@link TreeLike}s
     * @throws IllegalStateException when called inside {@link NoEval#run}, or on a stream's own thread for a
     * graph with work on that stream
     * @throws RuntimeException the error of a failing kernel (for example an {@link IndexOutOfBoundsException}
     * for an index out of range)
     */
    public static void eval(Object... arraysOrTrees) { Evaluation.eval(arraysOrTrees); }

    /**
     * Schedules the computation of every array of the given trees and returns at once. MLX:
     * {@code mlx.core.async_eval}.
     *
     * <p>The future completes on the thread of the stream that finishes the work, once every array is
     * available, or exceptionally with the kernel's error. Reading an array before then blocks until it is
     * computed.
     *
     * @param arraysOrTrees arrays, or trees of them: {@code List}s, {@code Map}s (values), {@code Object[]}s
     * and {@link TreeLike}s; {@code null} entries are skipped
     * @return a future of the completion
     * @throws IllegalArgumentException if a tree holds something other than arrays, lists, maps,
     * {@code Object[]}s and {@link TreeLike}s
     */
    public static CompletableFuture<Void> asyncEval(Object... arraysOrTrees) { return Evaluation.asyncEval(arraysOrTrees); }

    /**
     * Waits until everything scheduled so far on every stream has run. MLX: {@code mlx.core.synchronize}.
     */
    public static void synchronize() { Evaluation.synchronize(); }

    /**
     * Waits until everything scheduled so far on {@code stream} has run (returns at once on the stream's own
     * thread). MLX: {@code mlx.core.synchronize(stream)}.
     *
     * @param stream the stream to wait for
     */
    public static void synchronize(Stream stream) { Evaluation.synchronize(stream); }

    /**
     * Writes the graph behind {@code outputs} in Graphviz dot: one node per primitive, labelled with its name
     * ({@code Add}, {@code Exp}, {@code Compiled}, ...), and one per input array. MLX:
     * {@code mlx.core.export_to_dot}.
     *
     * @param out where the dot text goes
     * @param outputs the arrays whose graph is written
     * @throws java.io.UncheckedIOException if writing fails
     */
    public static void exportToDot(Writer out, Array... outputs) {
        try {
            DotExport.write(out, outputs);
        } catch (IOException e) {
            throw new UncheckedIOException("exportToDot: writing failed", e);
        }
    }

    // ================================================================ devices and streams

    /**
     * The device ops go to by default: the GPU when a backend for it is available, else the CPU. MLX:
     * {@code mlx.core.default_device}.
     *
     * @return the default device
     */
    public static Device defaultDevice() { return StreamContext.defaultDevice(); }

    /**
     * Sets the default device of the process. MLX: {@code mlx.core.set_default_device}.
     *
     * @param device the new default device
     * @throws NullPointerException if {@code device} is null
     * @throws IllegalStateException if the device is not available
     */
    public static void setDefaultDevice(Device device) { StreamContext.setDefaultDevice(device); }

    /**
     * A new stream on {@code device}, with its own thread; work on different streams runs concurrently. MLX:
     * {@code mlx.core.new_stream}.
     *
     * @param device the device
     * @return the new stream
     * @throws IllegalStateException if the device is not available
     */
    public static Stream newStream(Device device) { return StreamContext.newStream(device); }

    /**
     * The default stream of {@code device}, created on first use. MLX: {@code mlx.core.default_stream}.
     *
     * @param device the device
     * @return the stream
     * @throws IllegalStateException if the device is not available
     */
    public static Stream defaultStream(Device device) { return StreamContext.defaultStream(device); }

    /**
     * The stream that ops built on this thread go to now: the innermost {@link #withStream} scope's, else the
     * default device's default stream.
     *
     * @return the current stream
     */
    public static Stream currentStream() { return StreamContext.current(); }

    /**
     * Makes {@code stream} this thread's default for new ops until the returned scope is closed (scopes nest).
     * MLX: {@code with mlx.core.stream(s):}.
     *
     * @param stream the stream for new ops
     * @return the scope; close it, best with try-with-resources
     */
    public static StreamScope withStream(Stream stream) { return StreamContext.push(stream); }

    // ================================================================ transformations

    /**
     * The gradient of a scalar function of one array. MLX: {@code mlx.core.grad}.
     *
     * <p>Calling the result traces {@code f} on the argument and returns the vector-Jacobian product of its
     * output with a cotangent of ones. Gradients are graphs too, so they can be differentiated again.
     *
     * @param f the function; its output must be a scalar
     * @return a function returning {@code df/dx}, of {@code x}'s shape
     * @throws IllegalArgumentException (when the returned function is called) if the differentiated output is
     * not a scalar
     */
    public static Function<Array, Array> grad(Function<Array, Array> f) { return Autodiff.grad(f); }

    /**
     * The gradients of a function of several arrays, with respect to the arguments {@code argnums}. MLX:
     * {@code mlx.core.grad(f, argnums)}.
     *
     * <p>The first output of {@code f} is differentiated; it must be a scalar.
     *
     * @param f the function
     * @param argnums the indices of the arguments to differentiate (argument 0 when none are given)
     * @return a function returning one gradient per entry of {@code argnums}, in that order
     * @throws IllegalArgumentException (when the returned function is called) if the first output is not a
     * scalar or an argnum is out of range
     */
    public static Fn grad(Fn f, int... argnums) { return Autodiff.grad(f, argnums); }

    /**
     * The value and the gradient of a scalar function of one array, computed together. MLX:
     * {@code mlx.core.value_and_grad}.
     *
     * @param f the function; its output must be a scalar
     * @return a function returning the output ({@link ValueAndGrad#value()}) and {@code df/dx}
     * ({@link ValueAndGrad#grad()})
     * @throws IllegalArgumentException (when the returned function is called) if the differentiated output is
     * not a scalar
     */
    public static Function<Array, ValueAndGrad> valueAndGrad(Function<Array, Array> f) { return Autodiff.valueAndGrad(f); }

    /**
     * The outputs of a function of several arrays and the gradients of its first output with respect to the
     * arguments {@code argnums}. MLX: {@code mlx.core.value_and_grad(f, argnums)}.
     *
     * @param f the function; its first output must be a scalar
     * @param argnums the indices of the arguments to differentiate (argument 0 when none are given)
     * @return a function returning every output and one gradient per entry of {@code argnums}
     * @throws IllegalArgumentException (when the returned function is called) if the first output is not a
     * scalar or an argnum is out of range
     */
    public static Function<List<Array>, ValueAndGrad> valueAndGrad(Fn f, int... argnums) { return Autodiff.valueAndGrad(f, argnums); }

    /**
     * The vector-Jacobian product: the outputs of {@code f} at {@code primals}, and the cotangents pulled back
     * to each primal. MLX: {@code mlx.core.vjp}.
     *
     * @param f the function
     * @param primals the arguments
     * @param cotangents one cotangent per output of {@code f}, of that output's shape
     * @return the outputs and one vjp per primal
     * @throws IllegalArgumentException if there is not one cotangent of the right shape per output, or
     * {@code f} returns no outputs
     */
    public static VjpResult vjp(Fn f, List<Array> primals, List<Array> cotangents) { return Autodiff.vjp(f, primals, cotangents); }

    /**
     * The Jacobian-vector product: the outputs of {@code f} at {@code primals}, and the tangents pushed forward
     * to each output. MLX: {@code mlx.core.jvp}.
     *
     * @param f the function
     * @param primals the arguments
     * @param tangents one tangent per primal, of that primal's shape
     * @return the outputs and one jvp per output
     * @throws IllegalArgumentException if there is not one tangent of the right shape per primal
     */
    public static JvpResult jvp(Fn f, List<Array> primals, List<Array> tangents) { return Autodiff.jvp(f, primals, tangents); }

    /**
     * Vectorising map: {@code f} written for one example applied to a batch at once. MLX:
     * {@code mlx.core.vmap}.
     *
     * <p>Argument {@code i} is mapped along axis {@code inAxes[i]} ({@link #UNMAPPED} for arguments shared by
     * every example); the batch axis of output {@code j} is placed at {@code outAxes[j]}. The function is
     * traced once, on per-example shapes.
     *
     * @param f the per-example function
     * @param inAxes the batch axis of each argument, or {@link #UNMAPPED}
     * @param outAxes the batch axis of each output
     * @return the vectorised function
     * @throws IllegalArgumentException (when the returned function is called) if the axes do not match the
     * arguments or outputs, an axis is out of range, no argument is mapped, or the mapped extents differ
     */
    public static Fn vmap(Fn f, int[] inAxes, int[] outAxes) { return org.mlx4j.core.transforms.Vmap.vmap(f, inAxes, outAxes); }

    /**
     * Vectorising map of a function of one array. MLX: {@code mlx.core.vmap(f, in_axes, out_axes)}.
     *
     * @param f the per-example function
     * @param inAxis the batch axis of the argument
     * @param outAxis the batch axis of the output
     * @return the vectorised function
     * @throws IllegalArgumentException (when the returned function is called) if an axis is out of range
     */
    public static Function<Array, Array> vmap(Function<Array, Array> f, int inAxis, int outAxis) {
        Fn g = org.mlx4j.core.transforms.Vmap.vmap(args -> List.of(f.apply(args.get(0))), new int[] {inAxis}, new int[] {outAxis});
        return x -> g.apply(List.of(x)).get(0);
    }

    /**
     * Gradient checkpointing: {@code f} whose intermediates are not kept for the backward pass but recomputed
     * from its arguments when gradients are taken. MLX: {@code mlx.core.checkpoint}.
     *
     * @param f the function to transform
     * @return a function with the same values as {@code f}
     */
    public static Fn checkpoint(Fn f) { return Autodiff.checkpoint(f); }

    /**
     * {@code f} with a hand-written vector-Jacobian product. MLX: {@code mlx.core.custom_function} with a
     * {@code .vjp} rule.
     *
     * <p>Values are those of {@code f}; when gradients flow through the result, {@code rule} receives the
     * primals, the cotangents and the outputs and returns one cotangent per primal (null for none).
     *
     * @param f the function to transform
     * @param rule the vjp rule
     * @return the function with the custom gradient
     */
    public static Fn customVjp(Fn f, VjpRule rule) {
        java.util.Objects.requireNonNull(rule, "customVjp: rule");
        return Autodiff.customVjp("CustomVjp", f, rule::vjp);
    }

    /**
     * {@code f} compiled. MLX: {@code mlx.core.compile}.
     *
     * <p>The function is traced once per input dtypes and shapes on placeholders, simplified (dead code
     * removed, equal subexpressions merged) and its element-wise regions are fused into single-pass
     * {@code Compiled} kernels; later calls replay the cached graph without calling {@code f}. Captured arrays
     * and Java values are constants of the trace: see {@link CompileOptions}.
     *
     * @param f the function to transform
     * @return the compiled function
     */
    public static Fn compile(Fn f) { return compile(f, CompileOptions.defaults()); }

    /**
     * A function of one array compiled, as {@link #compile(Fn)}. MLX: {@code mlx.core.compile}.
     *
     * @param f the function to transform
     * @return the compiled function
     */
    public static Function<Array, Array> compile(Function<Array, Array> f) { return compile(f, CompileOptions.defaults()); }

    /**
     * A function of one array compiled with {@code options}, as {@link #compile(Fn, CompileOptions)}.
     *
     * @param f the function to transform
     * @param options the compilation options
     * @return the compiled function
     * @throws NullPointerException if {@code f} is null
     */
    public static Function<Array, Array> compile(Function<Array, Array> f, CompileOptions options) {
        java.util.Objects.requireNonNull(f, "compile: function");
        Fn single = args -> List.of(f.apply(args.get(0)));
        Fn g = compile(single, options);
        return x -> g.apply(java.util.Collections.singletonList(x)).get(0);
    }

    /**
     * {@code f} compiled with {@code options}: shapeless compilation, captured inputs read at every call,
     * captured outputs rebound after it. MLX: {@code mlx.core.compile(fun, inputs, outputs, shapeless)}.
     *
     * @param f the function to transform
     * @param options the compilation options
     * @return the compiled function
     */
    public static Fn compile(Fn f, CompileOptions options) {
        return org.mlx4j.core.transforms.Compile.compile(f, options);
    }

    // ================================================================ io: every file format (see org.mlx4j.core.io.ArrayIO)

    /**
     * Loads any supported file ({@code .npy}, {@code .npz}, {@code .safetensors}, {@code .gguf}, chosen by the
     * extension) with its metadata, as {@link org.mlx4j.core.io.ArrayIO#loadWithMetadata(java.nio.file.Path)}.
     * MLX: {@code mlx.core.load(file, return_metadata=True)}.
     *
     * @param file the file path
     * @return the arrays by name and the metadata by key, in file order
     * @throws org.mlx4j.core.io.ArrayFileException if the format is unknown, or the file is missing, corrupt,
     * truncated or of an unsupported dtype
     */
    public static org.mlx4j.core.io.LoadedFile loadWithMetadata(java.nio.file.Path file) {
        return org.mlx4j.core.io.ArrayIO.loadWithMetadata(file);
    }

    /**
     * Loads a {@code .gguf} file, its quantized tensors dequantised or kept in MLX's affine quantized form, as
     * {@link org.mlx4j.core.io.ArrayIO#loadGguf(java.nio.file.Path, org.mlx4j.core.io.GgufQuantized)}.
     * MLX: {@code mlx.core.load(file, return_metadata=True)} for GGUF.
     *
     * @param file the file path
     * @param quantized what to make of the Q4_0, Q4_1 and Q8_0 tensors
     * @return the tensors, the metadata and each tensor's GGML type
     * @throws org.mlx4j.core.io.ArrayFileException if the file is missing, corrupt, truncated or holds a tensor
     * type mlx4j does not read
     */
    public static org.mlx4j.core.io.GgufFile loadGguf(java.nio.file.Path file, org.mlx4j.core.io.GgufQuantized quantized) {
        return org.mlx4j.core.io.ArrayIO.loadGguf(file, quantized);
    }

    /**
     * Saves named arrays and metadata as {@code .gguf}, as
     * {@link org.mlx4j.core.io.ArrayIO#saveGguf(java.nio.file.Path, java.util.Map, java.util.Map)}.
     * MLX: {@code mlx.core.save_gguf}.
     *
     * @param file the file path
     * @param arrays the arrays by tensor name
     * @param metadata the metadata: {@code String}, {@code List<String>} or 0-d/1-d {@link Array} values
     * @return the path written
     * @throws org.mlx4j.core.io.ArrayFileException if an array or metadata value cannot be stored in GGUF, or the
     * file cannot be written
     */
    public static java.nio.file.Path saveGguf(java.nio.file.Path file, java.util.Map<String, Array> arrays, java.util.Map<String, Object> metadata) {
        return org.mlx4j.core.io.ArrayIO.saveGguf(file, arrays, metadata);
    }

    /**
     * Saves named arrays as {@code .gguf} without metadata.
     * MLX: {@code mlx.core.save_gguf}.
     *
     * @param file the file path
     * @param arrays the arrays by tensor name
     * @return the path written
     * @throws org.mlx4j.core.io.ArrayFileException if an array cannot be stored in GGUF, or the file cannot be
     * written
     */
    public static java.nio.file.Path saveGguf(java.nio.file.Path file, java.util.Map<String, Array> arrays) {
        return org.mlx4j.core.io.ArrayIO.saveGguf(file, arrays);
    }

    /**
     * Saves named arrays and string metadata as {@code .safetensors}, in map order.
     * MLX: {@code mlx.core.save_safetensors}.
     *
     * @param file the file path
     * @param arrays the arrays by tensor name
     * @param metadata the string metadata
     * @return the path written
     * @throws org.mlx4j.core.io.ArrayFileException if an array is null or empty, or the file cannot be written
     */
    public static java.nio.file.Path saveSafetensors(java.nio.file.Path file, java.util.Map<String, Array> arrays, java.util.Map<String, String> metadata) {
        return org.mlx4j.core.io.ArrayIO.saveSafetensors(file, arrays, metadata);
    }

    /**
     * Saves named arrays in a deflate-compressed {@code .npz} archive.
     * MLX: {@code mlx.core.savez_compressed}.
     *
     * @param file the file path
     * @param arrays the arrays by entry name
     * @return the path written
     * @throws org.mlx4j.core.io.ArrayFileException if a name is empty, an array is null or empty, or the file
     * cannot be written
     */
    public static java.nio.file.Path savezCompressed(java.nio.file.Path file, java.util.Map<String, Array> arrays) {
        return org.mlx4j.core.io.ArrayIO.savezCompressed(file, arrays);
    }

    /**
     * Saves named arrays in the format named by the file's extension ({@code .npz}, {@code .safetensors},
     * {@code .gguf}, or {@code .npy} for one array), as
     * {@link org.mlx4j.core.io.ArrayIO#saveArrays(java.nio.file.Path, java.util.Map)}.
     * MLX: {@code mlx.core.savez}, {@code mlx.core.save_safetensors}, {@code mlx.core.save_gguf},
     * {@code mlx.core.save}.
     *
     * @param file the file path, with its extension
     * @param arrays the arrays by name
     * @return the path written
     * @throws org.mlx4j.core.io.ArrayFileException if the extension is unknown or the format's save fails
     */
    public static java.nio.file.Path saveArrays(java.nio.file.Path file, java.util.Map<String, Array> arrays) {
        return org.mlx4j.core.io.ArrayIO.saveArrays(file, arrays);
    }

    /**
     * Traces {@code fn} over inputs like {@code exampleInputs} and writes it in MLX's {@code .mlxfn} format, as
     * {@link org.mlx4j.core.io.MlxFunctions#exportFunction(java.nio.file.Path, Fn, Array...)}.
     * MLX: {@code mlx.core.export_function}.
     *
     * @param file the file (the {@code .mlxfn} extension is added when missing)
     * @param fn the function
     * @param exampleInputs arrays of the shapes and dtypes to export the function for
     * @return the path written
     * @throws org.mlx4j.core.io.ArrayFileException if the function uses an op MLX's format cannot hold, or the file
     * cannot be written
     */
    public static java.nio.file.Path exportFunction(java.nio.file.Path file, Fn fn, Array... exampleInputs) {
        return org.mlx4j.core.io.MlxFunctions.exportFunction(file, fn, exampleInputs);
    }

    /**
     * Reads a function from an {@code .mlxfn} file written by MLX or by {@link #exportFunction}, as
     * {@link org.mlx4j.core.io.MlxFunctions#importFunction(java.nio.file.Path)}.
     * MLX: {@code mlx.core.import_function}.
     *
     * @param file the file
     * @return the function, callable as an {@link Fn}
     * @throws org.mlx4j.core.io.ArrayFileException if the file is missing, corrupt, or holds what mlx4j does not
     * import (the message names it)
     */
    public static org.mlx4j.core.io.ImportedFunction importFunction(java.nio.file.Path file) {
        return org.mlx4j.core.io.MlxFunctions.importFunction(file);
    }
}
