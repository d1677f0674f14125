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

    // ================================================================ op surface: creation, logic, reductions, shapes, dynamic slices

    /**
     * An array from a Java value: an {@code Array} as it is; a {@code Boolean} or {@code Number}; a primitive
     * array; or nested {@code List}s and Java arrays of those (rectangular). The dtype is MLX's for the matching
     * Python value: all booleans give BOOL, integers INT32 ({@code long}s INT64), any floating value FLOAT32.
     * Sequences of arrays (nested or not) are stacked, their dtypes promoted.
     * MLX: {@code mlx.core.asarray} (and {@code mlx.core.array} of nested lists).
     *
     * <pre>{@code
     * Array a = Mx.asarray(List.of(List.of(1, 2), List.of(3, 4)));
     * System.out.println(a.dtype()); // INT32
     * }</pre>
     *
     * @param value the value
     * @return the array ({@code value} itself when it is one)
     * @throws IllegalArgumentException if the value is null, not rectangular, holds an element of another type, or
     * holds arrays of different shapes
     */
    public static Array asarray(Object value) { return AsArray.of(value, null); }

    /**
     * {@link #asarray(Object)} converted to {@code dtype}. MLX: {@code mlx.core.asarray(a, dtype)}.
     *
     * @param value the value
     * @param dtype the dtype of the result
     * @return the array, of {@code dtype}
     * @throws IllegalArgumentException if the value is null, not rectangular, or holds an element of another type
     */
    public static Array asarray(Object value, DType dtype) {
        java.util.Objects.requireNonNull(dtype, "asarray: dtype");
        return AsArray.of(value, dtype);
    }

    /**
     * The values of {@code a} (evaluated), row-major in its dtype's little-endian layout, copied into
     * {@code dst}: the way out to native code and other libraries, as {@link #array(MemorySegment, DType, int...)}
     * is the way in (mlx4j's form of MLX's DLPack interop, {@code mlx.core.array.__dlpack__}).
     *
     * <pre>{@code
     * try (var arena = java.lang.foreign.Arena.ofConfined()) {
     *     var seg = Mx.toMemorySegment(Mx.array(new float[] {1, 2, 3}), arena);
     *     Array back = Mx.array(seg, DType.FLOAT32, 3);
     *     System.out.println(back); // array([1, 2, 3], dtype=float32)
     * }
     * }</pre>
     *
     * @param a the array
     * @param dst the segment to write, at least {@code a.size() * a.dtype().size()} bytes
     * @return the written part of {@code dst}
     * @throws IllegalArgumentException if {@code dst} is too small or read-only
     */
    public static MemorySegment copyToSegment(Array a, MemorySegment dst) { return SegmentInterop.copyInto(a, dst); }

    /**
     * The values of {@code a} (evaluated), row-major in its dtype's little-endian layout, in a new segment of
     * {@code arena} (64-byte aligned), which lives as long as the arena. See {@link #copyToSegment(Array, MemorySegment)}.
     *
     * @param a the array
     * @param arena the arena that owns the new segment
     * @return a segment of {@code a.size() * a.dtype().size()} bytes
     * @throws NullPointerException if {@code arena} is null
     */
    public static MemorySegment toMemorySegment(Array a, java.lang.foreign.Arena arena) { return SegmentInterop.toSegment(a, arena); }

    /**
     * An {@code n x n} FLOAT32 matrix with ones at and below the main diagonal. MLX: {@code mlx.core.tri(n)}.
     *
     * @param n the number of rows and columns
     * @return the matrix
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Array tri(int n) { return Triangles.tri(n, n, 0, DType.FLOAT32); }

    /**
     * An {@code n x m} matrix of {@code dtype} with ones at and below diagonal {@code k} (0 the main one,
     * positive above it) and zeros elsewhere. MLX: {@code mlx.core.tri(n, m, k, dtype)}.
     *
     * @param n the number of rows
     * @param m the number of columns
     * @param k the diagonal
     * @param dtype the dtype of the result
     * @return the matrix
     * @throws IllegalArgumentException if {@code n} or {@code m} is negative
     */
    public static Array tri(int n, int m, int k, DType dtype) { return Triangles.tri(n, m, k, dtype); }

    /**
     * {@code a} with the elements above diagonal {@code k} of its last two axes set to zero. MLX: {@code mlx.core.tril}.
     *
     * @param a the array, at least 2-d
     * @param k the diagonal (0 the main one, positive above it)
     * @return the lower triangle, of {@code a}'s shape and dtype
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array tril(Array a, int k) { return Triangles.tril(a, k); }

    /**
     * {@link #tril(Array, int)} with the main diagonal. MLX: {@code mlx.core.tril(x)}.
     *
     * @param a the array, at least 2-d
     * @return the lower triangle
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array tril(Array a) { return Triangles.tril(a, 0); }

    /**
     * {@code a} with the elements below diagonal {@code k} of its last two axes set to zero. MLX: {@code mlx.core.triu}.
     *
     * @param a the array, at least 2-d
     * @param k the diagonal (0 the main one, positive above it)
     * @return the upper triangle, of {@code a}'s shape and dtype
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array triu(Array a, int k) { return Triangles.triu(a, k); }

    /**
     * {@link #triu(Array, int)} with the main diagonal. MLX: {@code mlx.core.triu(x)}.
     *
     * @param a the array, at least 2-d
     * @return the upper triangle
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array triu(Array a) { return Triangles.triu(a, 0); }

    /**
     * Coordinate matrices from coordinate vectors (arrays of other ranks are flattened first). With
     * {@code "xy"} indexing (Cartesian, the default) the outputs have shape {@code (len1, len0, len2, ...)};
     * with {@code "ij"} (matrix) {@code (len0, len1, ...)}. With {@code sparse} each output keeps extent 1
     * on the axes of the other vectors. MLX: {@code mlx.core.meshgrid(*arrays, sparse, indexing)}.
     *
     * @param arrays the coordinate vectors
     * @param sparse whether to return unbroadcast outputs
     * @param indexing {@code "xy"} or {@code "ij"}
     * @return one coordinate array per input
     * @throws IllegalArgumentException if {@code indexing} is neither {@code "xy"} nor {@code "ij"}
     */
    public static List<Array> meshgrid(List<Array> arrays, boolean sparse, String indexing) {
        return Grids.meshgrid(arrays, sparse, indexing);
    }

    /**
     * Dense coordinate matrices with Cartesian ({@code "xy"}) indexing. MLX: {@code mlx.core.meshgrid(*arrays)}.
     *
     * <pre>{@code
     * List<Array> g = Mx.meshgrid(Mx.arange(3), Mx.arange(2));
     * System.out.println(Arrays.toString(g.get(0).shape())); // [2, 3]
     * }</pre>
     *
     * @param arrays the coordinate vectors
     * @return one coordinate array per input
     */
    public static List<Array> meshgrid(Array... arrays) { return Grids.meshgrid(List.of(arrays), false, "xy"); }

    /**
     * The Bartlett (triangular) window of {@code m} points, FLOAT32: {@code 1 - |2n/(m-1) - 1|}; empty for
     * {@code m <= 0}, {@code [1]} for {@code m == 1}. NumPy: {@code numpy.bartlett}.
     *
     * @param m the number of points
     * @return the window, shape {@code [max(m, 0)]}
     */
    public static Array bartlett(int m) { return WindowFunctions.bartlett(m); }

    /**
     * The Hann window of {@code m} points, FLOAT32: {@code 0.5 - 0.5 cos(2 pi n/(m-1))}; empty for {@code m <= 0},
     * {@code [1]} for {@code m == 1}. NumPy: {@code numpy.hanning}.
     *
     * @param m the number of points
     * @return the window, shape {@code [max(m, 0)]}
     */
    public static Array hanning(int m) { return WindowFunctions.hanning(m); }

    /**
     * The Hamming window of {@code m} points, FLOAT32: {@code 0.54 - 0.46 cos(2 pi n/(m-1))}; empty for
     * {@code m <= 0}, {@code [1]} for {@code m == 1}. NumPy: {@code numpy.hamming}.
     *
     * @param m the number of points
     * @return the window, shape {@code [max(m, 0)]}
     */
    public static Array hamming(int m) { return WindowFunctions.hamming(m); }

    /**
     * The Blackman window of {@code m} points, FLOAT32: {@code 0.42 - 0.5 cos(2 pi n/(m-1)) + 0.08 cos(4 pi n/(m-1))};
     * empty for {@code m <= 0}, {@code [1]} for {@code m == 1}. NumPy: {@code numpy.blackman}.
     *
     * @param m the number of points
     * @return the window, shape {@code [max(m, 0)]}
     */
    public static Array blackman(int m) { return WindowFunctions.blackman(m); }

    /**
     * {@code a} itself, for numeric dtypes (NumPy's unary plus). NumPy: {@code numpy.positive}.
     *
     * @param a the array
     * @return {@code a}
     * @throws IllegalArgumentException if {@code a} is BOOL (as NumPy, which has no unary plus for booleans)
     */
    public static Array positive(Array a) {
        if (a.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("positive: bool is not supported (valid: integer, floating and complex dtypes)");
        }
        return a;
    }

    /**
     * Each element rounded toward zero; the identity on integers and bools. Gradient zero.
     * NumPy: {@code numpy.trunc}.
     *
     * @param a the array
     * @return the truncated values, of {@code a}'s dtype
     * @throws IllegalArgumentException if {@code a} is complex
     */
    public static Array trunc(Array a) { return Ops.unary(UnaryOp.TRUNC, a); }

    /**
     * NaN replaced by 0, positive infinity by the largest finite value of the dtype and negative infinity by
     * the smallest. MLX: {@code mlx.core.nan_to_num(a)}.
     *
     * @param a the array
     * @return the cleaned values, of {@code a}'s dtype ({@code a} itself for integers and bools)
     * @throws IllegalArgumentException if {@code a} is complex
     */
    public static Array nanToNum(Array a) { return FloatClasses.nanToNum(a, 0.0, null, null); }

    /**
     * NaN replaced by {@code nan}, positive infinity by {@code posinf} and negative infinity by {@code neginf}
     * (null: the largest / smallest finite value of the dtype). MLX: {@code mlx.core.nan_to_num}.
     *
     * @param a the array
     * @param nan the value for NaN
     * @param posinf the value for +inf, or null
     * @param neginf the value for -inf, or null
     * @return the cleaned values, of {@code a}'s dtype ({@code a} itself for integers and bools)
     * @throws IllegalArgumentException if {@code a} is complex
     */
    public static Array nanToNum(Array a, double nan, Double posinf, Double neginf) {
        return FloatClasses.nanToNum(a, nan, posinf, neginf);
    }

    /**
     * Whether the arrays have the same shape and equal elements: a BOOL scalar (false for different shapes,
     * whatever the dtypes). MLX: {@code mlx.core.array_equal(a, b, equal_nan=False)}.
     *
     * @param a the first array
     * @param b the second array
     * @return a BOOL scalar
     */
    public static Array arrayEqual(Array a, Array b) { return Closeness.arrayEqual(a, b, false); }

    /**
     * {@link #arrayEqual(Array, Array)}, counting NaNs as equal to each other when {@code equalNan}.
     * MLX: {@code mlx.core.array_equal}.
     *
     * @param a the first array
     * @param b the second array
     * @param equalNan whether NaNs compare equal
     * @return a BOOL scalar
     */
    public static Array arrayEqual(Array a, Array b, boolean equalNan) { return Closeness.arrayEqual(a, b, equalNan); }

    /**
     * Element-wise {@code |a - b| <= atol + rtol * |b|} (broadcast), infinities close only to an equal
     * infinity, NaN close to nothing. MLX: {@code mlx.core.isclose}.
     *
     * @param a the first array
     * @param b the second array
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @return a BOOL array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array isclose(Array a, Array b, double rtol, double atol) { return Closeness.isclose(a, b, rtol, atol, false); }

    /**
     * {@link #isclose(Array, Array, double, double)} with MLX's defaults {@code rtol = 1e-5}, {@code atol = 1e-8}.
     *
     * @param a the first array
     * @param b the second array
     * @return a BOOL array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array isclose(Array a, Array b) { return Closeness.isclose(a, b, 1e-5, 1e-8, false); }

    /**
     * {@link #isclose(Array, Array, double, double)}, with NaNs close to each other when {@code equalNan}.
     * MLX: {@code mlx.core.isclose(a, b, rtol, atol, equal_nan)}.
     *
     * @param a the first array
     * @param b the second array
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @param equalNan whether NaNs are close to each other
     * @return a BOOL array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array isclose(Array a, Array b, double rtol, double atol, boolean equalNan) {
        return Closeness.isclose(a, b, rtol, atol, equalNan);
    }

    /**
     * Whether every element pair is close ({@link #isclose(Array, Array, double, double)}): a BOOL scalar.
     * MLX: {@code mlx.core.allclose}.
     *
     * @param a the first array
     * @param b the second array
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @return a BOOL scalar
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array allclose(Array a, Array b, double rtol, double atol) { return Closeness.allclose(a, b, rtol, atol, false); }

    /**
     * {@link #allclose(Array, Array, double, double)} with MLX's defaults {@code rtol = 1e-5}, {@code atol = 1e-8}.
     *
     * @param a the first array
     * @param b the second array
     * @return a BOOL scalar
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array allclose(Array a, Array b) { return Closeness.allclose(a, b, 1e-5, 1e-8, false); }

    /**
     * {@link #allclose(Array, Array, double, double)}, with NaNs close to each other when {@code equalNan}.
     * MLX: {@code mlx.core.allclose(a, b, rtol, atol, equal_nan)}.
     *
     * @param a the first array
     * @param b the second array
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @param equalNan whether NaNs are close to each other
     * @return a BOOL scalar
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array allclose(Array a, Array b, double rtol, double atol, boolean equalNan) {
        return Closeness.allclose(a, b, rtol, atol, equalNan);
    }

    /**
     * Element-wise exclusive or of the truth values (nonzero is true), broadcast; BOOL.
     * NumPy: {@code numpy.logical_xor}.
     *
     * @param a the first array
     * @param b the second array
     * @return a BOOL array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Array logicalXor(Array a, Array b) { return Ops.binary(BinaryOp.LOGICAL_XOR, a, b); }

    /**
     * Element-wise exclusive or with a boolean scalar. NumPy: {@code numpy.logical_xor}.
     *
     * @param a the array
     * @param b the scalar
     * @return a BOOL array of {@code a}'s shape
     */
    public static Array logicalXor(Array a, boolean b) {
        return Ops.binary(BinaryOp.LOGICAL_XOR, a, Creation.scalar(b ? 1L : 0L, DType.BOOL));
    }

    /**
     * Whether each element is positive infinity (false for integers). MLX: {@code mlx.core.isposinf}.
     *
     * @param a the array
     * @return a BOOL array of {@code a}'s shape
     */
    public static Array isposinf(Array a) { return FloatClasses.isposinf(a); }

    /**
     * Whether each element is negative infinity (false for integers). MLX: {@code mlx.core.isneginf}.
     *
     * @param a the array
     * @return a BOOL array of {@code a}'s shape
     */
    public static Array isneginf(Array a) { return FloatClasses.isneginf(a); }

    /**
     * The median over {@code axes} (all axes when none are given): the middle sorted value, or the mean of the
     * two middle ones; NaN where the values hold a NaN. Integers and bools give FLOAT32, floating dtypes keep
     * theirs. Differentiable (through the sort). NumPy: {@code numpy.median}, MLX: {@code mlx.core.median}.
     *
     * @param a the array
     * @param axes the axes to reduce
     * @return the medians, the reduced axes removed
     * @throws IllegalArgumentException if an axis is out of range or repeated, the reduced extent is 0, or
     * {@code a} is complex
     */
    public static Array median(Array a, int... axes) { return OrderStatistics.median(a, axes, false); }

    /**
     * {@link #median(Array, int...)}, keeping the reduced axes with extent 1 when {@code keepdims}.
     *
     * @param a the array
     * @param axes the axes to reduce (empty: all)
     * @param keepdims whether to keep the reduced axes
     * @return the medians
     * @throws IllegalArgumentException if an axis is out of range or repeated, the reduced extent is 0, or
     * {@code a} is complex
     */
    public static Array median(Array a, int[] axes, boolean keepdims) { return OrderStatistics.median(a, axes, keepdims); }

    /**
     * The number of nonzero elements over {@code axes} (all axes when none are given), INT32.
     * NumPy: {@code numpy.count_nonzero}.
     *
     * @param a the array
     * @param axes the axes to reduce
     * @return the counts, the reduced axes removed
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array countNonzero(Array a, int... axes) { return OrderStatistics.countNonzero(a, axes, false); }

    /**
     * {@link #countNonzero(Array, int...)}, keeping the reduced axes with extent 1 when {@code keepdims}.
     *
     * @param a the array
     * @param axes the axes to reduce (empty: all)
     * @param keepdims whether to keep the reduced axes
     * @return the counts (INT32)
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array countNonzero(Array a, int[] axes, boolean keepdims) { return OrderStatistics.countNonzero(a, axes, keepdims); }

    /**
     * For each element of {@code v}, the index at which inserting it into the sorted 1-d {@code a} keeps
     * {@code a} sorted, before any equal elements. NumPy: {@code numpy.searchsorted(a, v)}.
     *
     * @param a a 1-d array sorted in ascending order
     * @param v the values to place
     * @return INT32 indices of {@code v}'s shape
     * @throws IllegalArgumentException if {@code a} is not 1-d or either array is complex
     */
    public static Array searchsorted(Array a, Array v) { return Differences.searchsorted(a, v, false); }

    /**
     * {@link #searchsorted(Array, Array)} with {@code side} {@code "left"} (before equal elements) or
     * {@code "right"} (after them). NumPy: {@code numpy.searchsorted(a, v, side)}.
     *
     * @param a a 1-d array sorted in ascending order
     * @param v the values to place
     * @param side {@code "left"} or {@code "right"}
     * @return INT32 indices of {@code v}'s shape
     * @throws IllegalArgumentException if {@code side} is neither, {@code a} is not 1-d or either array is complex
     */
    public static Array searchsorted(Array a, Array v, String side) {
        if (!"left".equals(side) && !"right".equals(side)) {
            throw new IllegalArgumentException("searchsorted: side must be 'left' or 'right', got " + side);
        }
        return Differences.searchsorted(a, v, "right".equals(side));
    }

    /**
     * The first difference along the last axis: {@code a[..., 1:] - a[..., :-1]} ({@code not_equal} for bools).
     * NumPy: {@code numpy.diff(a)}.
     *
     * @param a the array, at least 1-d
     * @return the differences, one shorter along the last axis
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public static Array diff(Array a) { return Differences.diff(a, 1, -1, null, null); }

    /**
     * The {@code n}-th difference along {@code axis}. NumPy: {@code numpy.diff(a, n, axis)}.
     *
     * @param a the array, at least 1-d
     * @param n the number of times to difference (0 returns {@code a})
     * @param axis the axis
     * @return the differences, {@code n} shorter along {@code axis} (or empty)
     * @throws IllegalArgumentException if {@code n} is negative, {@code a} is 0-d or the axis is out of range
     */
    public static Array diff(Array a, int n, int axis) { return Differences.diff(a, n, axis, null, null); }

    /**
     * The {@code n}-th difference along {@code axis} of {@code prepend}, {@code a} and {@code append} joined
     * along it (null: nothing; a 0-d value is broadcast to one slice). NumPy: {@code numpy.diff(a, n, axis, prepend, append)}.
     *
     * @param a the array, at least 1-d
     * @param n the number of times to difference
     * @param axis the axis
     * @param prepend values joined before {@code a}, or null
     * @param append values joined after {@code a}, or null
     * @return the differences
     * @throws IllegalArgumentException if {@code n} is negative, {@code a} is 0-d, the axis is out of range or the
     * joined values do not fit {@code a}'s other axes
     */
    public static Array diff(Array a, int n, int axis, Array prepend, Array append) { return Differences.diff(a, n, axis, prepend, append); }

    /**
     * Axes {@code startAxis} to {@code endAxis} (inclusive; negative counts from the end) merged into one.
     * A 0-d array gives shape {@code [1]}. MLX: {@code mlx.core.flatten(a, start_axis, end_axis)}.
     *
     * @param a the array
     * @param startAxis the first axis to merge
     * @param endAxis the last axis to merge
     * @return the reshaped array
     * @throws IllegalArgumentException if an axis is out of range or {@code startAxis} comes after {@code endAxis}
     */
    public static Array flatten(Array a, int startAxis, int endAxis) { return AxisReshapes.flatten(a, startAxis, endAxis); }

    /**
     * Axis {@code axis} split into {@code shape} (one entry may be -1, inferred). MLX: {@code mlx.core.unflatten}.
     *
     * @param a the array
     * @param axis the axis to split
     * @param shape the extents it becomes, whose product is its extent
     * @return the reshaped array
     * @throws IllegalArgumentException if the axis is out of range, {@code shape} is empty or does not fit the axis
     */
    public static Array unflatten(Array a, int axis, int... shape) { return AxisReshapes.unflatten(a, axis, shape); }

    /**
     * {@code a} reversed along {@code axes} (all axes when none are given), a strided view.
     * NumPy: {@code numpy.flip}.
     *
     * @param a the array
     * @param axes the axes to reverse
     * @return the reversed array, of {@code a}'s shape and dtype
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public static Array flip(Array a, int... axes) { return Rearrangements.flip(a, axes); }

    /**
     * The slices of {@code a} along axis 0, that axis removed. MLX: {@code mlx.core.unstack(a)}.
     *
     * @param a the array, at least 1-d
     * @return one array per index of axis 0
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public static List<Array> unstack(Array a) { return AxisReshapes.unstack(a, 0); }

    /**
     * The slices of {@code a} along {@code axis}, that axis removed. MLX: {@code mlx.core.unstack(a, axis)}.
     *
     * @param a the array, at least 1-d
     * @param axis the axis to unstack
     * @return one array per index of {@code axis}
     * @throws IllegalArgumentException if {@code a} is 0-d or the axis is out of range
     */
    public static List<Array> unstack(Array a, int axis) { return AxisReshapes.unstack(a, axis); }

    /**
     * The arrays broadcast to their common shape (views). MLX: {@code mlx.core.broadcast_arrays}.
     *
     * @param arrays the arrays
     * @return the broadcast arrays, in order
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static List<Array> broadcastArrays(Array... arrays) { return AxisReshapes.broadcastArrays(List.of(arrays)); }

    /**
     * The shape the given shapes broadcast to. MLX: {@code mlx.core.broadcast_shapes}.
     *
     * @param shapes the shapes
     * @return the broadcast shape
     * @throws IllegalArgumentException if no shape is given or the shapes do not broadcast
     */
    public static int[] broadcastShapes(int[]... shapes) { return AxisReshapes.broadcastShapes(shapes); }

    /**
     * Each element repeated {@code repeats} times along {@code axis}. MLX: {@code mlx.core.repeat(a, repeats, axis)}.
     *
     * @param a the array
     * @param repeats the number of repetitions
     * @param axis the axis
     * @return the repeated array, {@code repeats} times longer along {@code axis}
     * @throws IllegalArgumentException if {@code repeats} is negative or the axis is out of range
     */
    public static Array repeat(Array a, int repeats, int axis) { return Rearrangements.repeat(a, repeats, axis); }

    /**
     * The flattened array with each element repeated {@code repeats} times. MLX: {@code mlx.core.repeat(a, repeats)}.
     *
     * @param a the array
     * @param repeats the number of repetitions
     * @return a 1-d array of {@code a.size() * repeats} elements
     * @throws IllegalArgumentException if {@code repeats} is negative
     */
    public static Array repeat(Array a, int repeats) { return Rearrangements.repeat(a, repeats); }

    /**
     * {@code a} repeated {@code reps[i]} times along each axis; shorter of the two (shape or reps) is padded with
     * leading ones. MLX: {@code mlx.core.tile}.
     *
     * <pre>{@code
     * System.out.println(Mx.tile(Mx.array(new int[] {1, 2}), 2)); // array([1, 2, 1, 2], dtype=int32)
     * }</pre>
     *
     * @param a the array
     * @param reps the repetitions per axis
     * @return the tiled array
     * @throws IllegalArgumentException if a repetition is negative
     */
    public static Array tile(Array a, int... reps) { return Rearrangements.tile(a, reps); }

    /**
     * {@code a} padded by {@code padWidth[i] = {before, after}} elements along each axis (one pair for every
     * axis, or a single pair used for all): with {@code constantValue} ({@code "constant"}), the edge values
     * ({@code "edge"}), the mirror without ({@code "reflect"}) or with ({@code "symmetric"}) the edge value, as
     * NumPy. MLX: {@code mlx.core.pad} (which has {@code constant} and {@code edge}).
     *
     * @param a the array
     * @param padWidth the widths, {@code {before, after}} (or {@code {both}}) per axis, or one pair for all
     * @param mode {@code "constant"}, {@code "edge"}, {@code "reflect"} or {@code "symmetric"}
     * @param constantValue the value of constant padding, converted to {@code a}'s dtype
     * @return the padded array
     * @throws IllegalArgumentException if a width is negative, the widths do not match the rank, the mode is
     * unknown, or a non-constant mode is asked to extend an empty axis
     */
    public static Array pad(Array a, int[][] padWidth, String mode, double constantValue) {
        return Padding.pad(a, padWidth, mode, constantValue);
    }

    /**
     * {@link #pad(Array, int[][], String, double)} with the constant given as a 0-d array (converted to
     * {@code a}'s dtype; gradients reach it). MLX: {@code mlx.core.pad(a, pad_width, mode, constant_values)}.
     *
     * @param a the array
     * @param padWidth the widths, {@code {before, after}} (or {@code {both}}) per axis, or one pair for all
     * @param mode {@code "constant"}, {@code "edge"}, {@code "reflect"} or {@code "symmetric"}
     * @param constantValue the value of constant padding, a 0-d array
     * @return the padded array
     * @throws IllegalArgumentException if {@code constantValue} is not 0-d, a width is negative, the widths do not
     * match the rank, the mode is unknown, or a non-constant mode is asked to extend an empty axis
     */
    public static Array pad(Array a, int[][] padWidth, String mode, Array constantValue) {
        return Padding.pad(a, padWidth, mode, constantValue);
    }

    /**
     * {@code a} padded with zeros by {@code padWidth[i] = {before, after}} elements along each axis.
     * MLX: {@code mlx.core.pad(a, pad_width)}.
     *
     * @param a the array
     * @param padWidth the widths per axis, or one pair for all
     * @return the padded array
     * @throws IllegalArgumentException if a width is negative or the widths do not match the rank
     */
    public static Array pad(Array a, int[][] padWidth) { return Padding.pad(a, padWidth, "constant", 0); }

    /**
     * {@code a} padded with zeros by {@code padWidth} elements on both sides of every axis.
     * MLX: {@code mlx.core.pad(a, pad_width)} with an int.
     *
     * @param a the array
     * @param padWidth the width before and after each axis
     * @return the padded array
     * @throws IllegalArgumentException if the width is negative
     */
    public static Array pad(Array a, int padWidth) { return Padding.pad(a, new int[][] {{padWidth, padWidth}}, "constant", 0); }

    /**
     * The row-major elements of {@code a} read with the given {@code shape} and {@code strides} (in elements)
     * from {@code offset}. Unlike MLX, every position is checked to lie inside {@code a}; the result is a
     * gather, so it differentiates. MLX: {@code mlx.core.as_strided}.
     *
     * @param a the array
     * @param shape the shape of the result
     * @param strides the stride of each axis, in elements of the flattened {@code a}
     * @param offset the element the result starts at
     * @return the strided array
     * @throws IllegalArgumentException if {@code strides} does not have one entry per axis or {@code shape} is invalid
     * @throws IndexOutOfBoundsException if a position falls outside {@code a}
     */
    public static Array asStrided(Array a, int[] shape, long[] strides, long offset) {
        return Reinterpretations.asStrided(a, shape, strides, offset);
    }

    /**
     * {@code a} with at least one dimension (a 0-d array becomes shape {@code [1]}). MLX: {@code mlx.core.atleast_1d}.
     *
     * @param a the array
     * @return {@code a}, or a reshaped view
     */
    public static Array atleast1d(Array a) { return AxisReshapes.atleast(a, 1); }

    /**
     * {@code a} with at least two dimensions (new axes in front). MLX: {@code mlx.core.atleast_2d}.
     *
     * @param a the array
     * @return {@code a}, or a reshaped view
     */
    public static Array atleast2d(Array a) { return AxisReshapes.atleast(a, 2); }

    /**
     * {@code a} with at least three dimensions (a 1-d {@code [n]} becomes {@code [1, n, 1]}, a 2-d {@code [m, n]}
     * becomes {@code [m, n, 1]}). MLX: {@code mlx.core.atleast_3d}.
     *
     * @param a the array
     * @return {@code a}, or a reshaped view
     */
    public static Array atleast3d(Array a) { return AxisReshapes.atleast(a, 3); }

    /**
     * The bytes of {@code a} (row-major) reinterpreted as {@code dtype}: the last axis grows or shrinks by the
     * ratio of the element sizes. No gradient flows through it. MLX: {@code mlx.core.view}.
     *
     * <pre>{@code
     * Array bits = Mx.view(Mx.array(new float[] {1f}), DType.INT32);
     * System.out.println(bits.intValue()); // 1065353216
     * }</pre>
     *
     * @param a the array
     * @param dtype the dtype to read the bytes as
     * @return the reinterpreted array
     * @throws IllegalArgumentException if {@code a} is 0-d and the sizes differ, or the bytes of the last axis are
     * not a multiple of {@code dtype}'s size
     */
    public static Array view(Array a, DType dtype) { return Reinterpretations.view(a, dtype); }

    /**
     * The main diagonal of the matrices spanned by axes 0 and 1: {@link #diagonal(Array, int, int, int)} with
     * offset 0. MLX: {@code mlx.core.diagonal(a)}.
     *
     * @param a the array, at least 2-d
     * @return the diagonal, as the last axis
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array diagonal(Array a) { return Diagonals.diagonal(a, 0, 0, 1); }

    /**
     * Diagonal {@code offset} (positive above the main one) of the matrices spanned by {@code axis1} (rows)
     * and {@code axis2} (columns): those axes are removed and the diagonal is the last axis.
     * MLX: {@code mlx.core.diagonal}.
     *
     * @param a the array, at least 2-d
     * @param offset the diagonal
     * @param axis1 the row axis
     * @param axis2 the column axis
     * @return the diagonals
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions, an axis is out of range or the
     * axes are equal
     */
    public static Array diagonal(Array a, int offset, int axis1, int axis2) { return Diagonals.diagonal(a, offset, axis1, axis2); }

    /**
     * The main diagonal of a 2-d array, or the square matrix with a 1-d array on its main diagonal.
     * MLX: {@code mlx.core.diag(a)}.
     *
     * @param a a 1-d or 2-d array
     * @return the diagonal or the diagonal matrix
     * @throws IllegalArgumentException if {@code a} is neither 1-d nor 2-d
     */
    public static Array diag(Array a) { return Diagonals.diag(a, 0); }

    /**
     * Diagonal {@code k} of a 2-d array, or the square matrix of size {@code n + |k|} with the 1-d array on
     * diagonal {@code k}. MLX: {@code mlx.core.diag(a, k)}.
     *
     * @param a a 1-d or 2-d array
     * @param k the diagonal (positive above the main one)
     * @return the diagonal or the diagonal matrix
     * @throws IllegalArgumentException if {@code a} is neither 1-d nor 2-d
     */
    public static Array diag(Array a, int k) { return Diagonals.diag(a, k); }

    /**
     * The sum of the main diagonal over axes 0 and 1. MLX: {@code mlx.core.trace(a)}.
     *
     * @param a the array, at least 2-d
     * @return the traces, axes 0 and 1 removed
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array trace(Array a) { return Diagonals.trace(a, 0, 0, 1, null); }

    /**
     * The sum of diagonal {@code offset} over {@code axis1} and {@code axis2}, in {@code dtype} (null: the dtype
     * {@code sum} gives). MLX: {@code mlx.core.trace(a, offset, axis1, axis2, dtype)}.
     *
     * @param a the array, at least 2-d
     * @param offset the diagonal
     * @param axis1 the row axis
     * @param axis2 the column axis
     * @param dtype the dtype to sum in, or null
     * @return the traces, the two axes removed
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions, an axis is out of range or the
     * axes are equal
     */
    public static Array trace(Array a, int offset, int axis1, int axis2, DType dtype) { return Diagonals.trace(a, offset, axis1, axis2, dtype); }

    /**
     * {@code a} rolled by {@code shift} along {@code axis}: element {@code i} moves to {@code (i + shift) mod n}.
     * MLX: {@code mlx.core.roll(a, shift, axis)}.
     *
     * @param a the array
     * @param shift the shift (negative rolls backwards)
     * @param axis the axis
     * @return the rolled array, of {@code a}'s shape
     * @throws IllegalArgumentException if the axis is out of range
     */
    public static Array roll(Array a, int shift, int axis) { return Rearrangements.roll(a, shift, axis); }

    /**
     * The flattened {@code a} rolled by {@code shift}, in {@code a}'s shape. MLX: {@code mlx.core.roll(a, shift)}.
     *
     * @param a the array
     * @param shift the shift
     * @return the rolled array, of {@code a}'s shape
     */
    public static Array roll(Array a, int shift) { return Rearrangements.roll(a, shift); }

    /**
     * {@code a} rolled by {@code shifts[i]} along {@code axes[i]} for each {@code i}. MLX: {@code mlx.core.roll(a, shift, axis)}
     * with tuples.
     *
     * @param a the array
     * @param shifts the shifts
     * @param axes the axes, one per shift
     * @return the rolled array, of {@code a}'s shape
     * @throws IllegalArgumentException if the lengths differ or an axis is out of range
     */
    public static Array roll(Array a, int[] shifts, int[] axes) { return Rearrangements.roll(a, shifts, axes); }

    /**
     * A row-major contiguous copy of {@code a}. MLX: {@code mlx.core.contiguous}.
     *
     * @param a the array
     * @return the contiguous array, of {@code a}'s shape and dtype
     */
    public static Array contiguous(Array a) { return Reinterpretations.contiguous(a); }

    /**
     * A slice of extents {@code sliceSize} (one per axis of {@code a}) starting, along each of {@code axes}, at the
     * matching entry of the integer array {@code start} (0 on the other axes). The start is data, not a graph
     * constant: a compiled function reads at a different position on every call without retracing (a KV cache's
     * decode step). An out-of-range slice fails when evaluated. Differentiable and vmappable (a gather).
     * MLX: {@code mlx.core.slice(a, start_indices, axes, slice_size)}.
     *
     * <pre>{@code
     * Array a = Mx.arange(10);
     * System.out.println(Mx.slice(a, Mx.array(3), new int[] {0}, new int[] {2})); // array([3, 4], dtype=int32)
     * }</pre>
     *
     * @param a the array
     * @param start one integer start per entry of {@code axes} (shape {@code [len(axes)]}, or 0-d for one axis)
     * @param axes the axes the starts apply to
     * @param sliceSize the extent of the slice along every axis of {@code a}
     * @return the slice, of shape {@code sliceSize}
     * @throws IllegalArgumentException if {@code start} is not integer or does not match {@code axes}, an axis is out
     * of range or repeated, or {@code sliceSize} does not fit {@code a}
     * @throws IndexOutOfBoundsException (when the result is evaluated) if the slice does not fit in {@code a}
     */
    public static Array slice(Array a, Array start, int[] axes, int[] sliceSize) { return DynamicSlicing.slice(a, start, axes, sliceSize); }

    /**
     * A copy of {@code src} with {@code update} written at the position whose start, along each of {@code axes},
     * is the matching entry of the integer array {@code start} (0 on the other axes); see
     * {@link #slice(Array, Array, int[], int[])}. Differentiable and vmappable (a scatter).
     * MLX: {@code mlx.core.slice_update(a, update, start_indices, axes)}.
     *
     * @param src the array
     * @param update the values, of {@code src}'s rank (converted to its dtype)
     * @param start one integer start per entry of {@code axes}
     * @param axes the axes the starts apply to
     * @return the updated copy, of {@code src}'s shape and dtype
     * @throws IllegalArgumentException if {@code start} is not integer or does not match {@code axes}, an axis is out
     * of range or repeated, or {@code update} does not fit {@code src}
     * @throws IndexOutOfBoundsException (when the result is evaluated) if the update does not fit at the start
     */
    public static Array sliceUpdate(Array src, Array update, Array start, int[] axes) {
        return DynamicSlicing.sliceUpdate(src, update, start, axes);
    }
    // ===== Products: tensordot, einsum, masked and gathered matmuls =====

    /**
     * The outer product of the flattened {@code a} and {@code b}: {@code out[i, j] = a[i] * b[j]}.
     * MLX: {@code mx.outer}.
     *
     * @param a the first operand (flattened)
     * @param b the second operand (flattened)
     * @return an array of shape {@code [a.size(), b.size()]}
     */
    public static Array outer(Array a, Array b) { return Products.outer(a, b); }

    /**
     * The inner product over the last axes: {@code out[i..., j...] = sum_k a[i..., k] * b[j..., k]}; a scalar
     * operand multiplies. MLX: {@code mx.inner}.
     *
     * @param a the first operand
     * @param b the second operand
     * @return shape {@code a.shape[:-1] + b.shape[:-1]}
     * @throws IllegalArgumentException if the last dimensions differ or the dtype is not floating (a matmul)
     */
    public static Array inner(Array a, Array b) { return Products.inner(a, b); }

    /**
     * Contracts the last {@code axes} axes of {@code a} with the first {@code axes} axes of {@code b}.
     * MLX: {@code mx.tensordot(a, b, axes)}.
     *
     * @param a the first operand
     * @param b the second operand
     * @param axes how many axes to contract
     * @return the free axes of {@code a} followed by the free axes of {@code b}
     * @throws IllegalArgumentException if {@code axes} exceeds a rank or the contracted sizes differ
     */
    public static Array tensordot(Array a, Array b, int axes) { return Products.tensordot(a, b, axes); }

    /**
     * {@link #tensordot(Array, Array, int)} over two axes, MLX's default. MLX: {@code mx.tensordot(a, b)}.
     *
     * @param a the first operand
     * @param b the second operand
     * @return the free axes of {@code a} followed by the free axes of {@code b}
     * @throws IllegalArgumentException if a rank is below 2 or the contracted sizes differ
     */
    public static Array tensordot(Array a, Array b) { return Products.tensordot(a, b, 2); }

    /**
     * Contracts {@code axesA[i]} of {@code a} with {@code axesB[i]} of {@code b} for every {@code i}.
     * MLX: {@code mx.tensordot(a, b, axes=[axes_a, axes_b])}.
     *
     * @param a the first operand
     * @param b the second operand
     * @param axesA axes of {@code a} (negative counts from the end)
     * @param axesB axes of {@code b}, paired with {@code axesA}
     * @return the free axes of {@code a} in order followed by the free axes of {@code b}
     * @throws IllegalArgumentException if the lists differ in length, an axis repeats or is out of range, or
     * paired sizes differ
     */
    public static Array tensordot(Array a, Array b, int[] axesA, int[] axesB) { return Products.tensordot(a, b, axesA, axesB); }

    /**
     * The Kronecker product: block {@code (i...)} of the result is {@code a[i...] * b}; the operands are
     * aligned by prepending size-1 axes to the one of lower rank. MLX: {@code mx.kron}.
     *
     * @param a the first operand
     * @param b the second operand
     * @return shape {@code a.shape[i] * b.shape[i]} per axis
     */
    public static Array kron(Array a, Array b) { return Products.kron(a, b); }

    /**
     * The vector dot product along the last axis of the broadcast operands, {@code a} conjugated:
     * {@code sum(conj(a) * b, -1)}. The array API's and NumPy's {@code vecdot}.
     *
     * @param a the first operand (conjugated when complex)
     * @param b the second operand
     * @return the broadcast shape without its last axis
     * @throws IllegalArgumentException if the operands do not broadcast or differ along the axis
     */
    public static Array vecdot(Array a, Array b) { return Products.vecdot(a, b, -1); }

    /**
     * The vector dot product along {@code axis} of the broadcast operands: {@code sum(conj(a) * b, axis)}.
     * The array API's and NumPy's {@code vecdot(a, b, axis=axis)}.
     *
     * @param a the first operand (conjugated when complex)
     * @param b the second operand
     * @param axis the axis of the broadcast shape to reduce
     * @return the broadcast shape without {@code axis}
     * @throws IllegalArgumentException if the operands do not broadcast, differ along the axis, or the axis is
     * out of range
     */
    public static Array vecdot(Array a, Array b, int axis) { return Products.vecdot(a, b, axis); }

    /**
     * {@code alpha * (a @ b) + beta * c}. MLX: {@code mx.addmm(c, a, b, alpha, beta)}.
     *
     * @param c the addend, broadcast to the product's shape
     * @param a the left matrix operand
     * @param b the right matrix operand
     * @param alpha the product's factor
     * @param beta the addend's factor
     * @return the scaled sum
     * @throws IllegalArgumentException if the matmul is invalid or {@code c} does not broadcast to its shape
     */
    public static Array addmm(Array c, Array a, Array b, double alpha, double beta) { return Products.addmm(c, a, b, alpha, beta); }

    /**
     * {@code a @ b + c}. MLX: {@code mx.addmm(c, a, b)}.
     *
     * @param c the addend, broadcast to the product's shape
     * @param a the left matrix operand
     * @param b the right matrix operand
     * @return the sum
     * @throws IllegalArgumentException if the matmul is invalid or {@code c} does not broadcast to its shape
     */
    public static Array addmm(Array c, Array a, Array b) { return Products.addmm(c, a, b, 1, 1); }

    /**
     * Einstein summation, NumPy's notation: letters name axes, {@code ...} stands for broadcast axes, a letter
     * repeated in one operand takes a diagonal, and without {@code ->} the output is the ellipsis axes then
     * the letters used once, alphabetically. Operands are contracted pairwise in the order
     * {@link #einsumPath} reports (the cheapest order for up to six operands, a greedy one beyond), each pair
     * as one batched matmul. MLX: {@code mx.einsum}.
     *
     * @param subscripts the subscripts, e.g. {@code "ij,jk->ik"}, {@code "bhqd,bhkd->bhqk"}, {@code "ii"}
     * @param operands the arrays, one per comma-separated subscript
     * @return the result, in the promoted dtype of the operands
     * @throws IllegalArgumentException if the subscripts are malformed, do not match the operands' ranks, or a
     * label has two different sizes (other than 1)
     */
    public static Array einsum(String subscripts, Array... operands) { return Einsum.einsum(subscripts, operands); }

    /**
     * The contraction order {@link #einsum} uses for these subscripts and operand shapes, with its cost
     * against contracting all operands at once. MLX: {@code mx.einsum_path}.
     *
     * @param subscripts the subscripts, as for {@link #einsum}
     * @param operands the arrays (only their shapes are read)
     * @return the path, its costs and a readable report
     * @throws IllegalArgumentException if the subscripts are malformed or do not match the operands
     */
    public static EinsumPath einsumPath(String subscripts, Array... operands) { return Einsum.path(subscripts, operands); }

    /**
     * A matmul whose operands and output are masked by blocks: each {@code blockSize x blockSize} block of
     * {@code a}, {@code b} and the output is kept or zeroed by one element of a BOOL mask, or scaled by one
     * element of a floating mask. A mask's shape is the batch shape then the block counts
     * {@code ceil(rows / blockSize), ceil(cols / blockSize)}; a null mask masks nothing.
     * MLX: {@code mx.block_masked_mm}.
     *
     * @param a the left operand {@code (..., M, K)}
     * @param b the right operand {@code (..., K, N)}
     * @param blockSize 32 or 64
     * @param maskOut the output's block mask {@code (..., ceil(M/bs), ceil(N/bs))}, or null
     * @param maskLhs {@code a}'s block mask {@code (..., ceil(M/bs), ceil(K/bs))}, or null
     * @param maskRhs {@code b}'s block mask {@code (..., ceil(K/bs), ceil(N/bs))}, or null
     * @return the masked product {@code (..., M, N)}
     * @throws IllegalArgumentException for another block size, non-floating operands or masks of the wrong
     * shape or dtype
     */
    public static Array blockMaskedMm(Array a, Array b, int blockSize, Array maskOut, Array maskLhs, Array maskRhs) {
        return MaskedProducts.blockMaskedMm(a, b, blockSize, maskOut, maskLhs, maskRhs);
    }

    /**
     * Matmuls of matrices picked by index: {@code a[lhsIndices] @ b[rhsIndices]}, where an index is the flat
     * position of a matrix over the batch axes (all but the last two). A null index array takes the batch
     * axes as they are. {@code sortedIndices} is a hint and does not change the result.
     * MLX: {@code mx.gather_mm}.
     *
     * @param a the left matrices {@code (..., M, K)}
     * @param b the right matrices {@code (..., K, N)}
     * @param lhsIndices integer indices into {@code a}'s matrices, or null
     * @param rhsIndices integer indices into {@code b}'s matrices, or null
     * @param sortedIndices whether the indices are sorted (a hint)
     * @return the broadcast index shape followed by {@code M, N}
     * @throws IllegalArgumentException if an operand has fewer than two axes, an index array is not integer,
     * or the matmul is invalid
     */
    public static Array gatherMm(Array a, Array b, Array lhsIndices, Array rhsIndices, boolean sortedIndices) {
        return MaskedProducts.gatherMm(a, b, lhsIndices, rhsIndices, sortedIndices);
    }

    /**
     * {@link #gatherMm(Array, Array, Array, Array, boolean)} with unsorted indices. MLX: {@code mx.gather_mm}.
     *
     * @param a the left matrices {@code (..., M, K)}
     * @param b the right matrices {@code (..., K, N)}
     * @param lhsIndices integer indices into {@code a}'s matrices, or null
     * @param rhsIndices integer indices into {@code b}'s matrices, or null
     * @return the broadcast index shape followed by {@code M, N}
     * @throws IllegalArgumentException as the full form
     */
    public static Array gatherMm(Array a, Array b, Array lhsIndices, Array rhsIndices) {
        return MaskedProducts.gatherMm(a, b, lhsIndices, rhsIndices, false);
    }

    /**
     * Matmuls over segments of the inner dimension: for each pair {@code [start, end)} on the last axis of
     * {@code segments}, {@code a[..., :, start:end] @ b[..., start:end, :]} (an empty segment gives zeros).
     * MLX: {@code mx.segmented_mm}.
     *
     * @param a the left operand {@code (..., M, K)}
     * @param b the right operand {@code (..., K, N)}
     * @param segments integer pairs {@code (..., S, 2)}
     * @return {@code (..., S, M, N)}, the batch axes of the operands and segments broadcast
     * @throws IllegalArgumentException if the segments are not integer pairs or the inner dimensions differ
     */
    public static Array segmentedMm(Array a, Array b, Array segments) { return MaskedProducts.segmentedMm(a, b, segments); }

    /**
     * The Walsh-Hadamard transform along the last axis, scaled by {@code 1 / sqrt(n)} (orthonormal).
     * MLX: {@code mx.hadamard_transform(a)}.
     *
     * @param a the input; its last axis must have a power-of-two length (integers are transformed as FLOAT32)
     * @return the transform, same shape
     * @throws IllegalArgumentException if the last axis is not a power of two, or the input is complex or a scalar
     */
    public static Array hadamardTransform(Array a) { return Hadamard.transform(a, null); }

    /**
     * The Walsh-Hadamard transform along the last axis, multiplied by {@code scale}.
     * MLX: {@code mx.hadamard_transform(a, scale)}.
     *
     * @param a the input; its last axis must have a power-of-two length (integers are transformed as FLOAT32)
     * @param scale the factor applied to the transform
     * @return the transform, same shape
     * @throws IllegalArgumentException if the last axis is not a power of two, or the input is complex or a scalar
     */
    public static Array hadamardTransform(Array a, double scale) { return Hadamard.transform(a, scale); }

    // ===== Dtype utilities and print options =====

    /**
     * Machine limits of an inexact type (for COMPLEX64, those of its float32 parts).
     * MLX: {@code mx.finfo}.
     *
     * @param dtype FLOAT16, BFLOAT16, FLOAT32, FLOAT64 or COMPLEX64
     * @return its eps, min, max, smallest normal and size in bits
     * @throws IllegalArgumentException for BOOL and integer types
     */
    public static FInfo finfo(DType dtype) { return FInfo.of(java.util.Objects.requireNonNull(dtype, "finfo: dtype")); }

    /**
     * Limits of an integer type. MLX: {@code mx.iinfo}.
     *
     * @param dtype a signed or unsigned integer type
     * @return its min, max and size in bits
     * @throws IllegalArgumentException for BOOL and inexact types
     */
    public static IInfo iinfo(DType dtype) { return IInfo.of(java.util.Objects.requireNonNull(dtype, "iinfo: dtype")); }

    /**
     * Whether {@code dtype} lies in {@code category} (BOOL lies only in {@link DTypeCategory#GENERIC}).
     * MLX: {@code mx.issubdtype(dtype, category)}.
     *
     * @param dtype the dtype
     * @param category the category
     * @return whether the dtype belongs to the category
     */
    public static boolean issubdtype(DType dtype, DTypeCategory category) { return DTypeUtils.issubdtype(dtype, category); }

    /**
     * Whether {@code a} is a subtype of {@code b}: between concrete dtypes, whether they are the same.
     * MLX: {@code mx.issubdtype(a, b)}.
     *
     * @param a a dtype
     * @param b a dtype
     * @return {@code a == b}
     */
    public static boolean issubdtype(DType a, DType b) {
        return java.util.Objects.requireNonNull(a, "issubdtype: a") == java.util.Objects.requireNonNull(b, "issubdtype: b");
    }

    /**
     * Whether category {@code a} lies within category {@code b}. MLX: {@code mx.issubdtype(a, b)}.
     *
     * @param a a category
     * @param b a category
     * @return whether {@code a} is {@code b} or below it
     */
    public static boolean issubdtype(DTypeCategory a, DTypeCategory b) {
        return java.util.Objects.requireNonNull(a, "issubdtype: a").isWithin(java.util.Objects.requireNonNull(b, "issubdtype: b"));
    }

    /**
     * Whether values of {@code from} convert to {@code to} as type promotion would convert them: promoting
     * the two gives {@code to}. The array API's {@code can_cast}.
     *
     * @param from the source dtype
     * @param to the target dtype
     * @return whether {@code promote(from, to) == to}
     */
    public static boolean canCast(DType from, DType to) { return DTypeUtils.canCast(from, to); }

    /**
     * Whether {@code dtype} is of the array API kind {@code kind}: {@code "bool"}, {@code "signed integer"},
     * {@code "unsigned integer"}, {@code "integral"}, {@code "real floating"}, {@code "complex floating"},
     * {@code "numeric"}, or a dtype name such as {@code "float32"}. The array API's {@code isdtype}.
     *
     * @param dtype the dtype
     * @param kind the kind
     * @return whether the dtype is of that kind
     * @throws IllegalArgumentException for an unknown kind
     */
    public static boolean isdtype(DType dtype, String kind) { return DTypeUtils.isdtype(dtype, kind); }

    /**
     * The dtype of an op over these operands, promoted as MLX promotes: {@link Array}s and {@link DType}s
     * strongly, Java numbers and booleans as weak scalars (an integer takes the arrays' type, INT32 beside
     * BOOL; a floating scalar takes it when inexact and gives FLOAT32 otherwise). MLX: {@code mx.result_type}.
     *
     * @param operands arrays, dtypes, and Boolean, Byte, Short, Integer, Long, Float or Double scalars
     * @return the promoted dtype
     * @throws IllegalArgumentException if there is no operand or one of another type
     */
    public static DType resultType(Object... operands) { return DTypeUtils.resultType(operands); }

    /**
     * The options {@link Array#toString()} prints with.
     *
     * @return the options in force
     */
    public static PrintOptions printOptions() { return ArrayFormatter.options(); }

    /**
     * Sets how arrays print from now on (for every thread). MLX: {@code mx.set_printoptions}.
     *
     * @param options the new options
     * @return the options in force before
     * @throws NullPointerException if {@code options} is null
     */
    public static PrintOptions setPrintOptions(PrintOptions options) { return ArrayFormatter.setOptions(options); }

    /**
     * Sets how arrays print until the returned scope is closed, which restores the options in force before.
     *
     * @param options the options for the scope
     * @return the scope to close
     * @throws NullPointerException if {@code options} is null
     */
    public static PrintOptionsScope withPrintOptions(PrintOptions options) {
        return new PrintOptionsScope(ArrayFormatter.setOptions(options));
    }

    // ===== Transformations over trees, custom functions, compile switch, depends =====

    /**
     * The value of {@code f} and its gradients with respect to the trees of arrays passed as the positional
     * arguments in {@code argnums} and the named arguments in {@code argnames}. {@code f} returns a scalar
     * array, or a list of one followed by auxiliary outputs; the gradients have the shapes of the trees
     * (maps, lists, {@code Object[]}s as lists, records rebuilt). MLX: {@code mx.value_and_grad(fun, argnums, argnames)}.
     *
     * <pre>{@code
     * Array x = Mx.array(3f);
     * record Params(Array w, Array b) {}
     * TreeFn loss = (args, kw) -> {
     *     Params p = (Params) args.get(0);
     *     return Mx.sum(Mx.square(Mx.add(Mx.multiply(p.w(), (Array) kw.get("x")), p.b())));
     * };
     * var vg = Mx.valueAndGrad(loss, new int[] {0}).apply(
     *         List.of(new Params(Mx.array(2f), Mx.array(1f))), Map.of("x", x));
     * Params g = (Params) vg.grads().get(0);
     * System.out.println(g.w()); // array(42, dtype=float32)
     * }</pre>
     *
     * @param f the function
     * @param argnums positions of the positional arguments to differentiate (may be empty when names are given)
     * @param argnames names of the named arguments to differentiate
     * @return a function of the positional and named arguments giving the output and the gradient trees
     * @throws IllegalArgumentException if nothing is to be differentiated or an argnum or argname repeats or is
     * negative; when called, if an argnum or argname is missing, a differentiated argument is not a tree of
     * arrays, or the value is not a scalar
     */
    public static java.util.function.BiFunction<List<?>, java.util.Map<String, ?>, TreeValueAndGrad> valueAndGrad(
            TreeFn f, int[] argnums, String... argnames) {
        return TreeAutodiff.valueAndGrad(f, argnums, argnames);
    }

    /**
     * The gradients of {@code f}'s value with respect to the trees passed as the positional arguments in
     * {@code argnums} and the named arguments in {@code argnames}, as
     * {@link #valueAndGrad(TreeFn, int[], String...)} without the value. MLX: {@code mx.grad(fun, argnums, argnames)}.
     *
     * @param f the function
     * @param argnums positions of the positional arguments to differentiate (may be empty when names are given)
     * @param argnames names of the named arguments to differentiate
     * @return a function of the positional and named arguments giving the gradient trees
     * @throws IllegalArgumentException as {@link #valueAndGrad(TreeFn, int[], String...)}
     */
    public static java.util.function.BiFunction<List<?>, java.util.Map<String, ?>, TreeGrads> grad(
            TreeFn f, int[] argnums, String... argnames) {
        var vg = TreeAutodiff.valueAndGrad(f, argnums, argnames);
        return (args, kwargs) -> vg.apply(args, kwargs).grads();
    }

    /**
     * {@code f} ready to take custom transformation rules ({@link CustomFunction#withVjp},
     * {@link CustomFunction#withJvp}, {@link CustomFunction#withVmap}); without any it behaves as {@code f}.
     * MLX: {@code mx.custom_function}.
     *
     * @param f the function
     * @return the custom function
     * @throws NullPointerException if {@code f} is null
     */
    public static CustomFunction customFunction(Fn f) { return new CustomFunction(f, null, null, null); }

    /**
     * Makes every compiled function run its function directly, untraced and unfused, until
     * {@link #enableCompile()} (for debugging). Also off from the start when the environment variable
     * {@code MLX_DISABLE_COMPILE} is set. MLX: {@code mx.disable_compile}.
     */
    public static void disableCompile() { org.mlx4j.core.transforms.Compile.setEnabled(false); }

    /**
     * Makes compiled functions trace, fuse and replay again after {@link #disableCompile()}.
     * MLX: {@code mx.enable_compile}.
     */
    public static void enableCompile() { org.mlx4j.core.transforms.Compile.setEnabled(true); }

    /**
     * The {@code inputs}, made to depend on {@code dependencies}: evaluating a returned array evaluates the
     * dependencies first, though its value is the input's. Gradients flow to the inputs only.
     * MLX: {@code mx.depends(inputs, dependencies)}.
     *
     * @param inputs the arrays to return
     * @param dependencies the arrays they are made to depend on
     * @return one array per input, equal to it
     * @throws IllegalArgumentException if {@code inputs} is empty or an element is null
     */
    public static List<Array> depends(List<Array> inputs, List<Array> dependencies) {
        if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("depends: no inputs given");
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) throw new IllegalArgumentException("depends: input " + i + " is null");
        }
        for (int i = 0; i < dependencies.size(); i++) {
            if (dependencies.get(i) == null) throw new IllegalArgumentException("depends: dependency " + i + " is null");
        }
        if (dependencies.isEmpty()) return List.copyOf(inputs);
        List<Array> outs = List.copyOf(inputs);
        return Autodiff.customFunction("Depends", deps -> outs, null, null, null).apply(dependencies);
    }

    /**
     * {@code input}, made to depend on {@code dependencies}, as {@link #depends(List, List)}.
     * MLX: {@code mx.depends}.
     *
     * @param input the array to return
     * @param dependencies the arrays it is made to depend on
     * @return an array equal to {@code input}
     */
    public static Array depends(Array input, Array... dependencies) {
        return depends(java.util.Collections.singletonList(input), List.of(dependencies)).get(0);
    }

    // ===== Devices and streams =====

    /**
     * How many devices of a type this machine has: one CPU; one GPU when a GPU backend is loaded, else none.
     * MLX: {@code mx.device_count}.
     *
     * @param type the kind of device
     * @return the number of devices of that kind
     */
    public static int deviceCount(Device.Type type) { return DeviceInfo.count(type); }

    /**
     * Facts about a device: {@code device_name}, {@code architecture}, {@code memory_size} (bytes of physical
     * memory, which the CPU shares) and, for the CPU, {@code num_cpus}. MLX: {@code mx.device_info}.
     *
     * @param device the device
     * @return the facts, by name (unmodifiable, in that order)
     * @throws IllegalStateException if the device is not available
     */
    public static java.util.Map<String, Object> deviceInfo(Device device) { return DeviceInfo.info(device); }

    /**
     * Makes {@code stream} the default stream of its device for every thread (threads with a default of their
     * own, or inside {@link #withStream}, keep theirs). MLX: {@code mx.set_default_stream}.
     *
     * @param stream the new default stream
     * @throws NullPointerException if {@code stream} is null
     */
    public static void setDefaultStream(Stream stream) { StreamContext.setDefaultStream(stream); }

    /**
     * Makes {@code stream} the default stream of its device for the calling thread only (below any
     * {@link #withStream} scope), until {@link #clearStreams()}.
     *
     * @param stream the thread's default stream
     * @throws NullPointerException if {@code stream} is null
     */
    public static void setThreadDefaultStream(Stream stream) { StreamContext.setThreadDefaultStream(stream); }

    /**
     * The calling thread's own stream on {@code device}: made on the first call from this thread and made the
     * thread's default stream there, so that threads that each call it run their work concurrently, each in
     * its own order (MLX's thread-local default streams). {@link #clearStreams()} ends it.
     *
     * @param device the device
     * @return the thread's stream on that device
     * @throws IllegalStateException if the device is not available
     */
    public static Stream threadLocalStream(Device device) { return StreamContext.threadLocalStream(device); }

    /**
     * Ends the calling thread's own streams ({@link #threadLocalStream}): waits for their work, lets their
     * threads end, and forgets them and the thread's defaults ({@link #setThreadDefaultStream}), so that the
     * thread's ops go to the process-wide default streams again. A stream that is still referenced stays
     * usable (it starts a thread again when given work). MLX: {@code mx.clear_streams}.
     */
    public static void clearStreams() { StreamContext.clearStreams(); }

    // ---------------------------------------------------------------------------------------------
    // Quantization (MLX's quantize, dequantize, quantized_matmul, gather_qmm, to_fp8, from_fp8)
    // ---------------------------------------------------------------------------------------------

    /**
     * Quantizes {@code w} along its last axis in MLX's affine format with groups of 64 and 4 bits (MLX's
     * defaults), as {@link #quantize(Array, int, int, String)}.
     *
     * @param w the matrix to quantize (real floating, at least 2 dimensions)
     * @return {@code [wq, scales, biases]}
     * @throws IllegalArgumentException as {@link #quantize(Array, int, int, String)}
     */
    public static List<Array> quantize(Array w) { return Quantization.quantize(w, 64, 4, "affine"); }

    /**
     * Quantizes {@code w} along its last axis in MLX's affine format, as
     * {@link #quantize(Array, int, int, String)} with mode {@code "affine"}.
     *
     * @param w the matrix to quantize (real floating, at least 2 dimensions)
     * @param groupSize values per scale and bias: 32, 64 or 128
     * @param bits bits per code: 2, 3, 4, 5, 6 or 8
     * @return {@code [wq, scales, biases]}
     * @throws IllegalArgumentException as {@link #quantize(Array, int, int, String)}
     */
    public static List<Array> quantize(Array w, int groupSize, int bits) { return Quantization.quantize(w, groupSize, bits, "affine"); }

    /**
     * Quantizes {@code w} along its last axis, bit-compatible with MLX's checkpoints. MLX:
     * {@code mlx.core.quantize(w, group_size, bits, mode)}.
     *
     * <p>{@code "affine"}: each group of {@code groupSize} values gets a scale and a bias (in {@code w}'s
     * dtype) with {@code w ~ scale * code + bias}, codes in {@code [0, 2^bits)}; the group's edge of larger
     * magnitude is represented exactly. Returns {@code [wq, scales, biases]}. The float modes return
     * {@code [wq, scales]} with UINT8 scales: {@code "mxfp4"} (FP4 E2M1 codes, E8M0 scales {@code 2^(s-127)},
     * groups of 32, 4 bits), {@code "nvfp4"} (FP4 E2M1 codes, FP8 E4M3 scales, groups of 16, 4 bits),
     * {@code "mxfp8"} (FP8 E4M3 codes, E8M0 scales, groups of 32, 8 bits).
     *
     * <p>{@code wq} is UINT32 of shape {@code [..., K * bits / 32]}: each row a little-endian bit stream,
     * code {@code j} in bits {@code [j*bits, (j+1)*bits)}; scales (and biases) have shape {@code [..., K / groupSize]}.
     * <pre>{@code
     * Array w = Mx.array(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
     *         16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}, 1, 32);
     * List<Array> q = Mx.quantize(w, 32, 8);
     * System.out.println(Arrays.toString(q.get(0).shape()) + " " + q.get(0).dtype()); // [1, 8] UINT32
     * Array back = Mx.dequantize(q.get(0), q.get(1), q.get(2), 32, 8);
     * System.out.println(Mx.max(Mx.abs(Mx.subtract(back, w))).item() < 0.07); // true
     * }</pre>
     *
     * @param w the matrix to quantize (real floating, at least 2 dimensions, last axis a multiple of {@code groupSize})
     * @param groupSize values per scale: 32, 64 or 128 for affine; 32 for mxfp4 and mxfp8; 16 for nvfp4
     * @param bits bits per code: 2, 3, 4, 5, 6 or 8 for affine; 4 for mxfp4 and nvfp4; 8 for mxfp8
     * @param mode {@code "affine"}, {@code "mxfp4"}, {@code "nvfp4"} or {@code "mxfp8"}
     * @return {@code [wq, scales, biases]} (affine) or {@code [wq, scales]}
     * @throws IllegalArgumentException for an unknown mode, a group size or bits the mode does not take, a
     *         {@code w} that is not real floating, has fewer than 2 dimensions or a last axis that is not a
     *         multiple of the group size
     */
    public static List<Array> quantize(Array w, int groupSize, int bits, String mode) {
        return Quantization.quantize(w, groupSize, bits, mode);
    }

    /**
     * The matrix that {@link #quantize(Array, int, int)} quantized, in the dtype of the scales and biases:
     * {@code scale * code + bias} per group. MLX: {@code mlx.core.dequantize(w, scales, biases, group_size, bits)}.
     *
     * @param wq the packed UINT32 matrix {@code [..., K * bits / 32]}
     * @param scales the scales {@code [..., K / groupSize]} (real floating)
     * @param biases the biases, shaped as the scales (real floating)
     * @param groupSize values per scale: 32, 64 or 128
     * @param bits bits per code: 2, 3, 4, 5, 6 or 8
     * @return the dequantized {@code [..., K]}
     * @throws IllegalArgumentException as {@link #dequantize(Array, Array, Array, int, int, String, DType)}
     */
    public static Array dequantize(Array wq, Array scales, Array biases, int groupSize, int bits) {
        return Quantization.dequantize(wq, scales, biases, groupSize, bits, "affine", null);
    }

    /**
     * The matrix that {@link #quantize(Array, int, int, String)} quantized in {@code mode}, in the default
     * dtype: that of the scales and biases for affine, bfloat16 for the float modes (as MLX).
     *
     * @param wq the packed UINT32 matrix {@code [..., K * bits / 32]}
     * @param scales the scales {@code [..., K / groupSize]}
     * @param biases the biases for affine, null for the float modes
     * @param groupSize values per scale (see {@link #quantize(Array, int, int, String)})
     * @param bits bits per code (see {@link #quantize(Array, int, int, String)})
     * @param mode {@code "affine"}, {@code "mxfp4"}, {@code "nvfp4"} or {@code "mxfp8"}
     * @return the dequantized {@code [..., K]}
     * @throws IllegalArgumentException as {@link #dequantize(Array, Array, Array, int, int, String, DType)}
     */
    public static Array dequantize(Array wq, Array scales, Array biases, int groupSize, int bits, String mode) {
        return Quantization.dequantize(wq, scales, biases, groupSize, bits, mode, null);
    }

    /**
     * The matrix that {@link #quantize(Array, int, int, String)} quantized in {@code mode}, in {@code dtype}.
     * MLX: {@code mlx.core.dequantize(w, scales, biases, group_size, bits, mode, dtype)}.
     *
     * @param wq the packed UINT32 matrix {@code [..., K * bits / 32]}
     * @param scales the scales {@code [..., K / groupSize]}: real floating for affine, UINT8 for the float modes
     * @param biases the biases for affine (shaped as the scales), null for the float modes
     * @param groupSize values per scale (see {@link #quantize(Array, int, int, String)})
     * @param bits bits per code (see {@link #quantize(Array, int, int, String)})
     * @param mode {@code "affine"}, {@code "mxfp4"}, {@code "nvfp4"} or {@code "mxfp8"}
     * @param dtype the output dtype (real floating), or null for the mode's default
     * @return the dequantized {@code [..., K]}
     * @throws IllegalArgumentException for an unknown mode, a group size or bits the mode does not take,
     *         biases given for a float mode or missing for affine, a {@code wq} that is not UINT32 or has
     *         fewer than 2 dimensions, scales that do not match it, or a {@code dtype} that is not real floating
     */
    public static Array dequantize(Array wq, Array scales, Array biases, int groupSize, int bits, String mode, DType dtype) {
        return Quantization.dequantize(wq, scales, biases, groupSize, bits, mode, dtype);
    }

    /**
     * The product with an affine-quantized matrix, as
     * {@link #quantizedMatmul(Array, Array, Array, Array, boolean, int, int, String)} with mode {@code "affine"}.
     *
     * @param x the left operand {@code [..., M, K]} or {@code [K]} (real floating)
     * @param wq the packed UINT32 matrix
     * @param scales its scales
     * @param biases its biases
     * @param transpose true for {@code x @ W.T} ({@code W [N, K]}, how {@code QuantizedLinear} uses it), false for {@code x @ W}
     * @param groupSize values per scale: 32, 64 or 128
     * @param bits bits per code: 2, 3, 4, 5, 6 or 8
     * @return the product {@code [..., M, N]}
     * @throws IllegalArgumentException as {@link #quantizedMatmul(Array, Array, Array, Array, boolean, int, int, String)}
     */
    public static Array quantizedMatmul(Array x, Array wq, Array scales, Array biases, boolean transpose, int groupSize, int bits) {
        return Quantization.quantizedMatmul(x, wq, scales, biases, transpose, groupSize, bits, "affine");
    }

    /**
     * The product of {@code x} with the matrix {@code W} that {@code (wq, scales, biases)} quantize, read
     * straight from the packed codes: {@code x @ W.T} when {@code transpose}, else {@code x @ W}. MLX:
     * {@code mlx.core.quantized_matmul(x, w, scales, biases, transpose, group_size, bits, mode)}.
     *
     * <p>Leading axes of {@code x} and {@code wq} broadcast (when {@code wq} has more than two). The dtype is
     * that of {@code x} promoted with the scales and biases for affine, that of {@code x} for the float modes;
     * float32, float16 and bfloat16 are supported. Differentiable with respect to {@code x} and, for affine,
     * to the scales and biases.
     * <pre>{@code
     * Array w = org.mlx4j.core.Random.normal(new int[] {8, 64}, DType.FLOAT32, null);
     * List<Array> q = Mx.quantize(w, 64, 8);
     * Array x = Mx.ones(new int[] {2, 64});
     * Array y = Mx.quantizedMatmul(x, q.get(0), q.get(1), q.get(2), true, 64, 8, "affine");
     * System.out.println(Arrays.toString(y.shape())); // [2, 8]
     * }</pre>
     *
     * @param x the left operand {@code [..., M, K]} or {@code [K]} (real floating)
     * @param wq the packed UINT32 matrix, {@code [..., N, K * bits / 32]} when transposed
     * @param scales its scales (UINT8 for the float modes)
     * @param biases its biases for affine, null for the float modes
     * @param transpose true for {@code x @ W.T}, false for {@code x @ W}
     * @param groupSize values per scale (see {@link #quantize(Array, int, int, String)})
     * @param bits bits per code (see {@link #quantize(Array, int, int, String)})
     * @param mode {@code "affine"}, {@code "mxfp4"}, {@code "nvfp4"} or {@code "mxfp8"}
     * @return the product {@code [..., M, N]} ({@code [..., N]} for a vector {@code x})
     * @throws IllegalArgumentException for an unknown mode, group size or bits it does not take, biases given
     *         or missing for the mode, an {@code x} that is not real floating or does not match the matrix, a
     *         float64 result, or a packed matrix and scales that do not match
     */
    public static Array quantizedMatmul(Array x, Array wq, Array scales, Array biases, boolean transpose, int groupSize,
            int bits, String mode) {
        return Quantization.quantizedMatmul(x, wq, scales, biases, transpose, groupSize, bits, mode);
    }

    /**
     * Quantized matrix products with gathered operands (mixture-of-experts layers): for every index pair,
     * matrix {@code lhsIndices[i]} of {@code x}'s batch times quantized matrix {@code rhsIndices[i]} of
     * {@code wq}'s batch. MLX: {@code mlx.core.gather_qmm(x, w, scales, biases, lhs_indices, rhs_indices,
     * transpose, group_size, bits, mode, sorted_indices)}.
     *
     * @param x the left matrices {@code [..., M, K]}
     * @param wq the packed UINT32 matrices {@code [..., rows, words]}
     * @param scales their scales
     * @param biases their biases for affine, null for the float modes
     * @param lhsIndices indices into the flattened batch of {@code x}, or null for every matrix in order
     * @param rhsIndices indices into the flattened batch of {@code wq}, or null for every matrix in order
     * @param transpose true for {@code x @ W.T}, false for {@code x @ W}
     * @param groupSize values per scale (see {@link #quantize(Array, int, int, String)})
     * @param bits bits per code (see {@link #quantize(Array, int, int, String)})
     * @param mode {@code "affine"}, {@code "mxfp4"}, {@code "nvfp4"} or {@code "mxfp8"}
     * @param sortedIndices whether the indices are sorted (a hint MLX's GPU kernels use; the result does not depend on it)
     * @return the products, of shape {@code broadcast(lhsIndices, rhsIndices) + [M, N]}
     * @throws IllegalArgumentException as {@link #quantizedMatmul(Array, Array, Array, Array, boolean, int, int, String)},
     *         and for indices that are not integers or do not broadcast, or {@code x} or {@code wq} with fewer than 2 dimensions
     */
    public static Array gatherQmm(Array x, Array wq, Array scales, Array biases, Array lhsIndices, Array rhsIndices,
            boolean transpose, int groupSize, int bits, String mode, boolean sortedIndices) {
        return Quantization.gatherQmm(x, wq, scales, biases, lhsIndices, rhsIndices, transpose, groupSize, bits, mode);
    }

    /**
     * {@link #gatherQmm(Array, Array, Array, Array, Array, Array, boolean, int, int, String, boolean)} in affine mode.
     *
     * @param x the left matrices {@code [..., M, K]}
     * @param wq the packed UINT32 matrices
     * @param scales their scales
     * @param biases their biases
     * @param lhsIndices indices into the flattened batch of {@code x}, or null
     * @param rhsIndices indices into the flattened batch of {@code wq}, or null
     * @param transpose true for {@code x @ W.T}, false for {@code x @ W}
     * @param groupSize values per scale: 32, 64 or 128
     * @param bits bits per code: 2, 3, 4, 5, 6 or 8
     * @return the products
     * @throws IllegalArgumentException as {@link #gatherQmm(Array, Array, Array, Array, Array, Array, boolean, int, int, String, boolean)}
     */
    public static Array gatherQmm(Array x, Array wq, Array scales, Array biases, Array lhsIndices, Array rhsIndices,
            boolean transpose, int groupSize, int bits) {
        return Quantization.gatherQmm(x, wq, scales, biases, lhsIndices, rhsIndices, transpose, groupSize, bits, "affine");
    }

    /**
     * Converts to FP8 E4M3 codes (UINT8), rounding to nearest even; magnitudes of 464 and above, infinities
     * and NaN saturate to 448 with their sign, as MLX does. MLX: {@code mlx.core.to_fp8(x)}.
     * <pre>{@code
     * Array c = Mx.toFp8(Mx.array(new float[] {1.0f, -0.5f, 1000f}, 3));
     * System.out.println(Arrays.toString(Mx.fromFp8(c, DType.FLOAT32).toFloatArray())); // [1.0, -0.5, 448.0]
     * }</pre>
     *
     * @param x a real floating array
     * @return the UINT8 codes, shaped as {@code x}
     * @throws IllegalArgumentException if {@code x} is not real floating
     */
    public static Array toFp8(Array x) { return Quantization.toFp8(x); }

    /**
     * The values of FP8 E4M3 codes. MLX: {@code mlx.core.from_fp8(x, dtype)}.
     *
     * @param x UINT8 codes
     * @param dtype the output dtype (real floating)
     * @return the values, shaped as {@code x}
     * @throws IllegalArgumentException if {@code x} is not UINT8 or {@code dtype} not real floating
     */
    public static Array fromFp8(Array x, DType dtype) { return Quantization.fromFp8(x, dtype); }

    // ---------------------------------------------------------------------------------------------
    // Convolutions (channels last, as MLX: input [N, spatial..., C_in], weight [C_out, kernel..., C_in / groups])
    // ---------------------------------------------------------------------------------------------

    /**
     * 1-d convolution (cross-correlation, as MLX and PyTorch) over channels-last input, with symmetric
     * zero padding. The input must be floating; the result's dtype is its promotion with the weight's;
     * differentiable in both operands. MLX: {@code mlx.core.conv1d}.
     *
     * <pre>{@code
     * Array x = Mx.reshape(Mx.arange(0.0, 5.0, 1.0), 1, 5, 1); // N=1, L=5, C=1
     * Array w = Mx.reshape(Mx.array(new float[] {1, 0, -1}), 1, 3, 1);
     * System.out.println(Mx.conv1d(x, w, 1, 1, 1, 1).reshape(-1)); // array([-1, -2, -2, -2, 3], dtype=float32)
     * }</pre>
     *
     * @param input {@code [N, L, C_in]}
     * @param weight {@code [C_out, K, C_in / groups]}
     * @param stride the step between output positions (at least 1)
     * @param padding zeros added at both ends of the spatial axis (at least 0)
     * @param dilation the spacing of the kernel's taps (at least 1)
     * @param groups the number of channel groups; {@code C_in} and {@code C_out} must be divisible by it
     * @return {@code [N, L_out, C_out]}, {@code L_out = (L + 2 padding - dilation (K - 1) - 1) / stride + 1}
     * @throws IllegalArgumentException naming the op for ranks other than 3, non-floating dtypes, channels that do
     *     not match the groups, a stride or dilation below 1, negative padding, or an input smaller than the kernel
     */
    public static Array conv1d(Array input, Array weight, int stride, int padding, int dilation, int groups) {
        return Convolutions.conv("conv1d", 1, input, weight, new int[] {stride}, new int[] {padding}, new int[] {dilation}, groups);
    }

    /**
     * {@link #conv1d(Array, Array, int, int, int, int)} with stride 1, no padding, no dilation and one group.
     * MLX: {@code mlx.core.conv1d(input, weight)}.
     *
     * @param input {@code [N, L, C_in]}
     * @param weight {@code [C_out, K, C_in]}
     * @return {@code [N, L - K + 1, C_out]}
     * @throws IllegalArgumentException as {@link #conv1d(Array, Array, int, int, int, int)}
     */
    public static Array conv1d(Array input, Array weight) { return conv1d(input, weight, 1, 0, 1, 1); }

    /**
     * 2-d convolution (cross-correlation) over channels-last input, with symmetric zero padding. Arrays of one
     * value apply to both spatial axes. The input must be floating; the result's dtype is its promotion with
     * the weight's; differentiable in both operands. MLX: {@code mlx.core.conv2d}.
     *
     * @param input {@code [N, H, W, C_in]}
     * @param weight {@code [C_out, KH, KW, C_in / groups]}
     * @param stride the steps between output positions, per spatial axis (at least 1)
     * @param padding zeros added at both ends of each spatial axis (at least 0)
     * @param dilation the spacing of the kernel's taps per axis (at least 1)
     * @param groups the number of channel groups; {@code C_in} and {@code C_out} must be divisible by it
     * @return {@code [N, H_out, W_out, C_out]}
     * @throws IllegalArgumentException naming the op for ranks other than 4, arrays of neither 1 nor 2 values,
     *     non-floating dtypes, channels that do not match the groups, bad strides, dilations or padding, or an input
     *     smaller than the kernel
     */
    public static Array conv2d(Array input, Array weight, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolutions.conv("conv2d", 2, input, weight, stride, padding, dilation, groups);
    }

    /**
     * {@link #conv2d(Array, Array, int[], int[], int[], int)} with the same stride, padding and dilation on both
     * axes. MLX: {@code mlx.core.conv2d} with integer arguments.
     *
     * <pre>{@code
     * Array x = Mx.ones(new int[] {1, 4, 4, 1});
     * Array w = Mx.ones(new int[] {1, 3, 3, 1});
     * Array y = Mx.conv2d(x, w, 1, 1, 1, 1);
     * System.out.println(y.reshape(4, 4).get("0")); // array([4, 6, 6, 4], dtype=float32)
     * }</pre>
     *
     * @param input {@code [N, H, W, C_in]}
     * @param weight {@code [C_out, KH, KW, C_in / groups]}
     * @param stride the step between output positions (at least 1)
     * @param padding zeros added at both ends of each spatial axis (at least 0)
     * @param dilation the spacing of the kernel's taps (at least 1)
     * @param groups the number of channel groups
     * @return {@code [N, H_out, W_out, C_out]}
     * @throws IllegalArgumentException as {@link #conv2d(Array, Array, int[], int[], int[], int)}
     */
    public static Array conv2d(Array input, Array weight, int stride, int padding, int dilation, int groups) {
        return conv2d(input, weight, new int[] {stride}, new int[] {padding}, new int[] {dilation}, groups);
    }

    /**
     * {@link #conv2d(Array, Array, int[], int[], int[], int)} with stride 1, no padding, no dilation and one group.
     * MLX: {@code mlx.core.conv2d(input, weight)}.
     *
     * @param input {@code [N, H, W, C_in]}
     * @param weight {@code [C_out, KH, KW, C_in]}
     * @return {@code [N, H - KH + 1, W - KW + 1, C_out]}
     * @throws IllegalArgumentException as {@link #conv2d(Array, Array, int[], int[], int[], int)}
     */
    public static Array conv2d(Array input, Array weight) { return conv2d(input, weight, 1, 0, 1, 1); }

    /**
     * 3-d convolution (cross-correlation) over channels-last input, with symmetric zero padding. Arrays of one
     * value apply to every spatial axis. The input must be floating; the result's dtype is its promotion with
     * the weight's; differentiable in both operands. MLX: {@code mlx.core.conv3d}.
     *
     * @param input {@code [N, D, H, W, C_in]}
     * @param weight {@code [C_out, KD, KH, KW, C_in / groups]}
     * @param stride the steps between output positions, per spatial axis (at least 1)
     * @param padding zeros added at both ends of each spatial axis (at least 0)
     * @param dilation the spacing of the kernel's taps per axis (at least 1)
     * @param groups the number of channel groups
     * @return {@code [N, D_out, H_out, W_out, C_out]}
     * @throws IllegalArgumentException naming the op for ranks other than 5, arrays of neither 1 nor 3 values,
     *     non-floating dtypes, channels that do not match the groups, bad strides, dilations or padding, or an input
     *     smaller than the kernel
     */
    public static Array conv3d(Array input, Array weight, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolutions.conv("conv3d", 3, input, weight, stride, padding, dilation, groups);
    }

    /**
     * {@link #conv3d(Array, Array, int[], int[], int[], int)} with the same stride, padding and dilation on every
     * axis. MLX: {@code mlx.core.conv3d} with integer arguments.
     *
     * @param input {@code [N, D, H, W, C_in]}
     * @param weight {@code [C_out, KD, KH, KW, C_in / groups]}
     * @param stride the step between output positions (at least 1)
     * @param padding zeros added at both ends of each spatial axis (at least 0)
     * @param dilation the spacing of the kernel's taps (at least 1)
     * @param groups the number of channel groups
     * @return {@code [N, D_out, H_out, W_out, C_out]}
     * @throws IllegalArgumentException as {@link #conv3d(Array, Array, int[], int[], int[], int)}
     */
    public static Array conv3d(Array input, Array weight, int stride, int padding, int dilation, int groups) {
        return conv3d(input, weight, new int[] {stride}, new int[] {padding}, new int[] {dilation}, groups);
    }

    /**
     * {@link #conv3d(Array, Array, int[], int[], int[], int)} with stride 1, no padding, no dilation and one group.
     * MLX: {@code mlx.core.conv3d(input, weight)}.
     *
     * @param input {@code [N, D, H, W, C_in]}
     * @param weight {@code [C_out, KD, KH, KW, C_in]}
     * @return the valid convolution, {@code [N, D - KD + 1, H - KH + 1, W - KW + 1, C_out]}
     * @throws IllegalArgumentException as {@link #conv3d(Array, Array, int[], int[], int[], int)}
     */
    public static Array conv3d(Array input, Array weight) { return conv3d(input, weight, 1, 0, 1, 1); }

    /**
     * 1-d transposed convolution (the gradient of {@link #conv1d} with respect to its input): the input dilated
     * by the stride, padded by {@code dilation (K - 1) - padding} (plus {@code outputPadding} at the end) and
     * convolved with the flipped kernel. MLX: {@code mlx.core.conv_transpose1d}.
     *
     * <pre>{@code
     * Array x = Mx.reshape(Mx.array(new float[] {1, 2}), 1, 2, 1);
     * Array w = Mx.reshape(Mx.array(new float[] {1, 10, 100}), 1, 3, 1);
     * System.out.println(Mx.convTranspose1d(x, w, 2, 0, 1, 0, 1).reshape(-1)); // array([1, 10, 102, 20, 200], dtype=float32)
     * }</pre>
     *
     * @param input {@code [N, L, C_in]}
     * @param weight {@code [C_out, K, C_in / groups]}
     * @param stride the step between the input's positions in the output (at least 1)
     * @param padding removed from both ends of the full output (at least 0)
     * @param dilation the spacing of the kernel's taps (at least 1)
     * @param outputPadding positions added at the end of the output (at least 0)
     * @param groups the number of channel groups
     * @return {@code [N, (L - 1) stride - 2 padding + dilation (K - 1) + outputPadding + 1, C_out]}
     * @throws IllegalArgumentException naming the op for ranks other than 3, non-floating dtypes, channels that do
     *     not match the groups, bad strides, dilations or paddings, or an empty output
     */
    public static Array convTranspose1d(Array input, Array weight, int stride, int padding, int dilation, int outputPadding,
                                        int groups) {
        return Convolutions.convTranspose("conv_transpose1d", 1, input, weight, new int[] {stride}, new int[] {padding},
                new int[] {dilation}, new int[] {outputPadding}, groups);
    }

    /**
     * {@link #convTranspose1d(Array, Array, int, int, int, int, int)} without output padding.
     * MLX: {@code mlx.core.conv_transpose1d}.
     *
     * @param input {@code [N, L, C_in]}
     * @param weight {@code [C_out, K, C_in / groups]}
     * @param stride the step between the input's positions in the output (at least 1)
     * @param padding removed from both ends of the full output (at least 0)
     * @param dilation the spacing of the kernel's taps (at least 1)
     * @param groups the number of channel groups
     * @return {@code [N, (L - 1) stride - 2 padding + dilation (K - 1) + 1, C_out]}
     * @throws IllegalArgumentException as {@link #convTranspose1d(Array, Array, int, int, int, int, int)}
     */
    public static Array convTranspose1d(Array input, Array weight, int stride, int padding, int dilation, int groups) {
        return convTranspose1d(input, weight, stride, padding, dilation, 0, groups);
    }

    /**
     * {@link #convTranspose1d(Array, Array, int, int, int, int, int)} with stride 1, no padding, no dilation and one
     * group. MLX: {@code mlx.core.conv_transpose1d(input, weight)}.
     *
     * @param input {@code [N, L, C_in]}
     * @param weight {@code [C_out, K, C_in]}
     * @return the full convolution, {@code [N, L + K - 1, C_out]}
     * @throws IllegalArgumentException as {@link #convTranspose1d(Array, Array, int, int, int, int, int)}
     */
    public static Array convTranspose1d(Array input, Array weight) { return convTranspose1d(input, weight, 1, 0, 1, 0, 1); }

    /**
     * 2-d transposed convolution (the gradient of {@link #conv2d} with respect to its input). Arrays of one value
     * apply to both spatial axes. MLX: {@code mlx.core.conv_transpose2d}.
     *
     * @param input {@code [N, H, W, C_in]}
     * @param weight {@code [C_out, KH, KW, C_in / groups]}
     * @param stride per axis, the step between the input's positions in the output (at least 1)
     * @param padding per axis, removed from both ends of the full output (at least 0)
     * @param dilation per axis, the spacing of the kernel's taps (at least 1)
     * @param outputPadding per axis, positions added at the end of the output (at least 0)
     * @param groups the number of channel groups
     * @return {@code [N, H_out, W_out, C_out]}, per axis {@code (in - 1) stride - 2 padding + dilation (k - 1)
     *     + outputPadding + 1}
     * @throws IllegalArgumentException naming the op for ranks other than 4, arrays of neither 1 nor 2 values,
     *     non-floating dtypes, channels that do not match the groups, bad strides, dilations or paddings, or an
     *     empty output
     */
    public static Array convTranspose2d(Array input, Array weight, int[] stride, int[] padding, int[] dilation,
                                        int[] outputPadding, int groups) {
        return Convolutions.convTranspose("conv_transpose2d", 2, input, weight, stride, padding, dilation, outputPadding, groups);
    }

    /**
     * {@link #convTranspose2d(Array, Array, int[], int[], int[], int[], int)} without output padding.
     * MLX: {@code mlx.core.conv_transpose2d}.
     *
     * @param input {@code [N, H, W, C_in]}
     * @param weight {@code [C_out, KH, KW, C_in / groups]}
     * @param stride per axis, the step between the input's positions in the output (at least 1)
     * @param padding per axis, removed from both ends of the full output (at least 0)
     * @param dilation per axis, the spacing of the kernel's taps (at least 1)
     * @param groups the number of channel groups
     * @return {@code [N, H_out, W_out, C_out]}
     * @throws IllegalArgumentException as {@link #convTranspose2d(Array, Array, int[], int[], int[], int[], int)}
     */
    public static Array convTranspose2d(Array input, Array weight, int[] stride, int[] padding, int[] dilation, int groups) {
        return convTranspose2d(input, weight, stride, padding, dilation, new int[] {0}, groups);
    }

    /**
     * {@link #convTranspose2d(Array, Array, int[], int[], int[], int[], int)} with the same values on both axes and
     * no output padding. MLX: {@code mlx.core.conv_transpose2d} with integer arguments.
     *
     * @param input {@code [N, H, W, C_in]}
     * @param weight {@code [C_out, KH, KW, C_in / groups]}
     * @param stride the step between the input's positions in the output (at least 1)
     * @param padding removed from both ends of each axis of the full output (at least 0)
     * @param dilation the spacing of the kernel's taps (at least 1)
     * @param groups the number of channel groups
     * @return {@code [N, H_out, W_out, C_out]}
     * @throws IllegalArgumentException as {@link #convTranspose2d(Array, Array, int[], int[], int[], int[], int)}
     */
    public static Array convTranspose2d(Array input, Array weight, int stride, int padding, int dilation, int groups) {
        return convTranspose2d(input, weight, new int[] {stride}, new int[] {padding}, new int[] {dilation}, groups);
    }

    /**
     * 3-d transposed convolution (the gradient of {@link #conv3d} with respect to its input). Arrays of one value
     * apply to every spatial axis. MLX: {@code mlx.core.conv_transpose3d}.
     *
     * @param input {@code [N, D, H, W, C_in]}
     * @param weight {@code [C_out, KD, KH, KW, C_in / groups]}
     * @param stride per axis, the step between the input's positions in the output (at least 1)
     * @param padding per axis, removed from both ends of the full output (at least 0)
     * @param dilation per axis, the spacing of the kernel's taps (at least 1)
     * @param outputPadding per axis, positions added at the end of the output (at least 0)
     * @param groups the number of channel groups
     * @return {@code [N, D_out, H_out, W_out, C_out]}, per axis {@code (in - 1) stride - 2 padding
     *     + dilation (k - 1) + outputPadding + 1}
     * @throws IllegalArgumentException naming the op for ranks other than 5, arrays of neither 1 nor 3 values,
     *     non-floating dtypes, channels that do not match the groups, bad strides, dilations or paddings, or an
     *     empty output
     */
    public static Array convTranspose3d(Array input, Array weight, int[] stride, int[] padding, int[] dilation,
                                        int[] outputPadding, int groups) {
        return Convolutions.convTranspose("conv_transpose3d", 3, input, weight, stride, padding, dilation, outputPadding, groups);
    }

    /**
     * {@link #convTranspose3d(Array, Array, int[], int[], int[], int[], int)} without output padding.
     * MLX: {@code mlx.core.conv_transpose3d}.
     *
     * @param input {@code [N, D, H, W, C_in]}
     * @param weight {@code [C_out, KD, KH, KW, C_in / groups]}
     * @param stride per axis, the step between the input's positions in the output (at least 1)
     * @param padding per axis, removed from both ends of the full output (at least 0)
     * @param dilation per axis, the spacing of the kernel's taps (at least 1)
     * @param groups the number of channel groups
     * @return {@code [N, D_out, H_out, W_out, C_out]}
     * @throws IllegalArgumentException as {@link #convTranspose3d(Array, Array, int[], int[], int[], int[], int)}
     */
    public static Array convTranspose3d(Array input, Array weight, int[] stride, int[] padding, int[] dilation, int groups) {
        return convTranspose3d(input, weight, stride, padding, dilation, new int[] {0}, groups);
    }

    /**
     * {@link #convTranspose3d(Array, Array, int[], int[], int[], int[], int)} with the same values on every axis and
     * no output padding. MLX: {@code mlx.core.conv_transpose3d} with integer arguments.
     *
     * @param input {@code [N, D, H, W, C_in]}
     * @param weight {@code [C_out, KD, KH, KW, C_in / groups]}
     * @param stride the step between the input's positions in the output (at least 1)
     * @param padding removed from both ends of each axis of the full output (at least 0)
     * @param dilation the spacing of the kernel's taps (at least 1)
     * @param groups the number of channel groups
     * @return {@code [N, D_out, H_out, W_out, C_out]}
     * @throws IllegalArgumentException as {@link #convTranspose3d(Array, Array, int[], int[], int[], int[], int)}
     */
    public static Array convTranspose3d(Array input, Array weight, int stride, int padding, int dilation, int groups) {
        return convTranspose3d(input, weight, new int[] {stride}, new int[] {padding}, new int[] {dilation}, groups);
    }

    /**
     * The general convolution every other form is made of, over 1 to 3 spatial axes (taken from the input's rank).
     * Per spatial axis the input is dilated by {@code inputDilation} (that many - 1 zeros between elements), padded
     * by {@code paddingLo} and {@code paddingHi} zeros (negative values crop), and read at {@code stride} steps with
     * the kernel's taps {@code kernelDilation} apart; {@code flip} reverses the kernel's spatial axes (a true
     * convolution instead of a cross-correlation). Arrays of one value apply to every spatial axis. The result's
     * dtype is the promotion of the (floating) input with the weight's; differentiable in both operands.
     * MLX: {@code mlx.core.conv_general(input, weight, stride, (padding_lo, padding_hi), kernel_dilation,
     * input_dilation, groups, flip)}.
     *
     * @param input {@code [N, spatial..., C_in]}
     * @param weight {@code [C_out, kernel..., C_in / groups]}
     * @param stride per axis, the step between output positions (at least 1)
     * @param paddingLo per axis, zeros before the (dilated) input
     * @param paddingHi per axis, zeros after the (dilated) input
     * @param kernelDilation per axis, the spacing of the kernel's taps (at least 1)
     * @param inputDilation per axis, the spacing of the input's elements (at least 1)
     * @param groups the number of channel groups; {@code C_in} and {@code C_out} must be divisible by it
     * @param flip whether to flip the kernel
     * @return {@code [N, out..., C_out]}, per axis {@code (inputDilation (in - 1) + 1 + paddingLo + paddingHi
     *     - kernelDilation (k - 1) - 1) / stride + 1}
     * @throws IllegalArgumentException naming the op for an input of rank other than 3 to 5, a weight of another
     *     rank, arrays of the wrong length, non-floating dtypes, channels that do not match the groups, strides or
     *     dilations below 1, or an empty output
     */
    public static Array convGeneral(Array input, Array weight, int[] stride, int[] paddingLo, int[] paddingHi,
                                    int[] kernelDilation, int[] inputDilation, int groups, boolean flip) {
        return Convolutions.general(input, weight, stride, paddingLo, paddingHi, kernelDilation, inputDilation, groups, flip);
    }

    /**
     * {@link #convGeneral(Array, Array, int[], int[], int[], int[], int[], int, boolean)} with the same padding at
     * both ends of each axis. MLX: {@code mlx.core.conv_general} with one padding sequence.
     *
     * @param input {@code [N, spatial..., C_in]}
     * @param weight {@code [C_out, kernel..., C_in / groups]}
     * @param stride per axis, the step between output positions (at least 1)
     * @param padding per axis, zeros at both ends of the (dilated) input
     * @param kernelDilation per axis, the spacing of the kernel's taps (at least 1)
     * @param inputDilation per axis, the spacing of the input's elements (at least 1)
     * @param groups the number of channel groups
     * @param flip whether to flip the kernel
     * @return {@code [N, out..., C_out]}
     * @throws IllegalArgumentException as {@link #convGeneral(Array, Array, int[], int[], int[], int[], int[], int, boolean)}
     */
    public static Array convGeneral(Array input, Array weight, int[] stride, int[] padding, int[] kernelDilation,
                                    int[] inputDilation, int groups, boolean flip) {
        return convGeneral(input, weight, stride, padding, padding, kernelDilation, inputDilation, groups, flip);
    }

    /**
     * {@link #convGeneral(Array, Array, int[], int[], int[], int[], int[], int, boolean)} with its defaults: stride 1,
     * no padding, no dilation, one group, no flip. MLX: {@code mlx.core.conv_general(input, weight)}.
     *
     * @param input {@code [N, spatial..., C_in]}
     * @param weight {@code [C_out, kernel..., C_in]}
     * @return the valid cross-correlation, {@code [N, out..., C_out]}
     * @throws IllegalArgumentException as {@link #convGeneral(Array, Array, int[], int[], int[], int[], int[], int, boolean)}
     */
    public static Array convGeneral(Array input, Array weight) {
        int[] one = {1}, zero = {0};
        return convGeneral(input, weight, one, zero, zero, one, one, 1, false);
    }

    /**
     * NumPy's discrete linear convolution of two 1-d arrays (the kernel flipped, unlike {@link #conv1d}).
     * {@code mode} is {@code "full"} (length {@code M + N - 1}), {@code "same"} (the longer one's length, centred
     * as NumPy centres it) or {@code "valid"} (length {@code max(M, N) - min(M, N) + 1}). Floating dtypes only.
     * MLX: {@code mlx.core.convolve}.
     *
     * <pre>{@code
     * Array a = Mx.array(new float[] {1, 2, 3});
     * Array v = Mx.array(new float[] {0, 1, 0.5f});
     * System.out.println(Mx.convolve(a, v, "full")); // array([0, 1, 2.5, 4, 1.5], dtype=float32)
     * System.out.println(Mx.convolve(a, v, "same")); // array([1, 2.5, 4], dtype=float32)
     * }</pre>
     *
     * @param a a 1-d array
     * @param v a 1-d array
     * @param mode {@code "full"}, {@code "same"} or {@code "valid"}
     * @return the 1-d convolution, in the promotion of both dtypes
     * @throws IllegalArgumentException naming the op for inputs that are not 1-d, empty or not floating, or another mode
     */
    public static Array convolve(Array a, Array v, String mode) { return Convolutions.convolve(a, v, mode); }

    /**
     * {@link #convolve(Array, Array, String)} in mode {@code "full"}. MLX: {@code mlx.core.convolve(a, v)}.
     *
     * @param a a 1-d array
     * @param v a 1-d array
     * @return the full convolution, length {@code M + N - 1}
     * @throws IllegalArgumentException as {@link #convolve(Array, Array, String)}
     */
    public static Array convolve(Array a, Array v) { return convolve(a, v, "full"); }

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
