package org.mlx4j.core;

import java.util.Objects;
import org.mlx4j.core.graph.Node;

/**
 * A lazy n-dimensional array: a handle to a node of the computation graph. Ops build nodes and
 * return at once; values are computed by {@link Mx#eval} or implicitly by the getters that read
 * them ({@link #floatValue()}, {@link #toFloatArray()}, {@link #toList()}, {@link #toString()}, ...).
 *
 * <p>A handle is rebound (never mutated in place) by {@link #set}. {@link #close()} gives the buffer
 * back at once; otherwise it is reclaimed once the handle is unreachable. MLX: {@code mlx.core.array}.
 *
 * <p>The op methods are shorthands for the ops of {@link Mx} with this array as the first operand
 * ({@code a.add(b)} is {@code Mx.add(a, b)}); their dtype, broadcasting and error rules are described
 * there. The metadata methods ({@link #shape()}, {@link #dtype()}, ...) never evaluate.
 *
 * <pre>{@code
 * Array a = Mx.arange(6).reshape(2, 3);
 * System.out.println(a.get("1, ::-1")); // array([5, 4, 3], dtype=int32)
 * a.set("0, 0", 10);                     // rebinds a; the old array is unchanged
 * System.out.println(a.sum(1).toList()); // [13, 12]
 * }</pre>
 */
public final class Array implements AutoCloseable {
    private Node node;

    static {
        org.mlx4j.core.graph.Handles.install(new HandleAccess());
    }

    Array(Node node) {
        org.mlx4j.core.runtime.JvmRequirements.check();
        this.node = Objects.requireNonNull(node);
    }

    /** A new handle on a graph node. */
    static Array fromNode(Node node) { return new Array(node); }

    /** The graph node behind this handle. */
    Node node() { return node; }

    void rebind(Node n) { this.node = n; }

    // ---------------------------------------------------------------- metadata (never evaluates)

    /**
     * The extent of each axis. Never evaluates. MLX: {@code a.shape}.
     *
     * @return a copy of the shape (empty for a 0-d array)
     */
    public int[] shape() { return node.shape.clone(); }

    /**
     * The extent of one axis. Never evaluates. MLX: {@code a.shape[axis]}.
     *
     * @param axis the axis (negative counts from the end)
     * @return the extent
     * @throws IllegalArgumentException if the axis is out of range
     */
    public int shape(int axis) { return node.shape[Shapes.axis("shape", axis, node.shape.length)]; }

    /**
     * The number of axes. Never evaluates. MLX: {@code a.ndim}.
     *
     * @return the rank (0 for a scalar)
     */
    public int ndim() { return node.shape.length; }

    /**
     * The number of elements: the product of the extents. Never evaluates. MLX: {@code a.size}.
     *
     * @return the element count
     */
    public long size() { return node.size(); }

    /**
     * The element type. Never evaluates. MLX: {@code a.dtype}.
     *
     * @return the dtype
     */
    public DType dtype() { return node.dtype; }

    /**
     * The bytes the elements take: {@code size() * dtype().size()}. Never evaluates. MLX: {@code a.nbytes}.
     *
     * @return the byte count
     */
    public long nbytes() { return size() * node.dtype.size(); }

    /**
     * The extent of the first axis, like Python's {@code len(a)}. Never evaluates.
     *
     * @return {@code shape(0)}
     * @throws IllegalArgumentException if the array is 0-d
     */
    public int length() {
        if (ndim() == 0) throw new IllegalArgumentException("length: a 0-d array has no length");
        return node.shape[0];
    }

    // ---------------------------------------------------------------- implicit evaluation

    /**
     * The single element, converted to {@code float}. Evaluates the array first (blocking) when it is not
     * computed yet. MLX: {@code a.item()}.
     *
     * @return the element
     * @throws IllegalArgumentException unless the array has exactly one element
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public float floatValue() { return (float) Readback.scalar(this, "floatValue"); }

    /**
     * The single element, converted to {@code double}. Evaluates the array first (blocking) when it is not
     * computed yet. MLX: {@code a.item()}.
     *
     * @return the element
     * @throws IllegalArgumentException unless the array has exactly one element
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public double doubleValue() { return Readback.scalar(this, "doubleValue"); }

    /**
     * The single element, converted to {@code long}, then narrowed to {@code int}. Evaluates the array first
     * (blocking) when it is not computed yet. MLX: {@code a.item()}.
     *
     * @return the element
     * @throws IllegalArgumentException unless the array has exactly one element
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public int intValue() { return (int) Readback.scalarLong(this, "intValue"); }

    /**
     * The single element, converted to {@code long} (floats truncate). Evaluates the array first (blocking)
     * when it is not computed yet. MLX: {@code a.item()}.
     *
     * @return the element
     * @throws IllegalArgumentException unless the array has exactly one element
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public long longValue() { return Readback.scalarLong(this, "longValue"); }

    /**
     * The truth value of the single element: non-zero is true. Evaluates the array first when needed. MLX:
     * {@code bool(a)}.
     *
     * @return whether the element is non-zero
     * @throws IllegalArgumentException unless the array has exactly one element
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public boolean booleanValue() { return Readback.scalar(this, "booleanValue") != 0; }

    /**
     * The single element as a {@code double}, an alias of {@link #doubleValue()} for readers of MLX code. MLX:
     * {@code a.item()}.
     *
     * @return the element
     * @throws IllegalArgumentException unless the array has exactly one element
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public double item() { return doubleValue(); }

    /**
     * The elements in row-major order, converted to {@code float}. Evaluates the array first when needed. MLX:
     * {@code np.array(a, copy=False)}.
     *
     * @return a new {@code float[]} of {@link #size()} elements
     * @throws IllegalArgumentException if the array has too many elements for a Java array
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public float[] toFloatArray() { return Readback.floats(this); }

    /**
     * The elements in row-major order, converted to {@code double}. Evaluates the array first when needed. MLX:
     * {@code np.array(a, copy=False)}.
     *
     * @return a new {@code double[]} of {@link #size()} elements
     * @throws IllegalArgumentException if the array has too many elements for a Java array
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public double[] toDoubleArray() { return Readback.doubles(this); }

    /**
     * The elements in row-major order, converted to INT32 (floats truncate). Evaluates the array first when
     * needed. MLX: {@code np.array(a, copy=False)}.
     *
     * @return a new {@code int[]} of {@link #size()} elements
     * @throws IllegalArgumentException if the array has too many elements for a Java array
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public int[] toIntArray() { return Readback.ints(this); }

    /**
     * The elements in row-major order, converted to INT64 (floats truncate). Evaluates the array first when
     * needed. MLX: {@code np.array(a, copy=False)}.
     *
     * @return a new {@code long[]} of {@link #size()} elements
     * @throws IllegalArgumentException if the array has too many elements for a Java array
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public long[] toLongArray() { return Readback.longs(this); }

    /**
     * The elements in row-major order, converted to BOOL (non-zero is true). Evaluates the array first when
     * needed. MLX: {@code np.array(a, copy=False)}.
     *
     * @return a new {@code boolean[]} of {@link #size()} elements
     * @throws IllegalArgumentException if the array has too many elements for a Java array
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public boolean[] toBooleanArray() { return Readback.booleans(this); }

    /**
     * The raw bytes of the elements in row-major order and native byte order ({@code dtype().size()} bytes
     * each). Evaluates the array first when needed. MLX: {@code memoryview(a)}.
     *
     * @return a new byte array of {@link #nbytes()} bytes
     * @throws IllegalArgumentException if the array has too many elements for a Java array
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public byte[] toBytes() { return Readback.bytes(this); }

    /**
     * The elements as nested {@code List}s, one level per axis, of boxed values: {@code Boolean} for BOOL,
     * {@code Integer} for integers up to 32 bits (except UINT32), {@code Long} for UINT32 and 64-bit integers,
     * {@code Float} for FLOAT16, BFLOAT16 and FLOAT32, {@code Double} for FLOAT64 and {@code float[] {re, im}}
     * for COMPLEX64. Evaluates the array first when needed. MLX: {@code a.tolist()}.
     *
     * @return the nested lists, or the element itself for a 0-d array
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public Object toList() { return Readback.list(this); }

    /**
     * The array printed as MLX prints it, for example {@code array([1, 2.5], dtype=float32)}. Evaluates the
     * array first when needed. MLX: {@code repr(a)}.
     *
     * @return the printed array
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    @Override
    public String toString() { return ArrayFormatter.format(this); }

    /**
     * Evaluates this array, blocking until it is computed. Same as {@link Mx#eval Mx.eval(this)}.
     *
     * @return this array
     * @throws IllegalStateException if the array was closed, or when called inside {@link NoEval#run}
     * @throws RuntimeException the error of a failing kernel that computes the array
     */
    public Array eval() {
        Mx.eval(this);
        return this;
    }

    /**
     * Gives this array's buffer back now instead of when the handle becomes unreachable (waiting first when its
     * computation is running). The handle must not be read afterwards: reading it throws. Other arrays computed
     * from it are unaffected once computed.
     */
    @Override
    public void close() { Memory.close(this); }

    // ---------------------------------------------------------------- indexing

    /**
     * NumPy indexing written as Python writes it between the brackets, for example
     * {@code "1:3, ..., None, ::-1"} or {@code "0, :, 2"}. MLX: {@code a[...]}.
     *
     * <p>Integers, slices, {@code None} and {@code ...} give a strided view; see {@link #get(Object...)}.
     *
     * @param index the index expression
     * @return the indexed array
     * @throws IllegalArgumentException if an index item is malformed or of an unsupported type, or if there is
     * more than one ellipsis
     * @throws IndexOutOfBoundsException if there are more indices than axes, an integer index is out of range,
     * or a boolean mask does not match the shape
     */
    public Array get(String index) { return Indexing.get(this, Indexing.parse("get", index)); }

    /**
     * NumPy indexing. MLX: {@code a[...]}.
     *
     * <p>Items: an {@code Integer} selects one position and drops the axis (negative counts from the end); a
     * {@link Slice} keeps the axis; {@link Index#NEW_AXIS} inserts an axis of extent 1; {@link Index#ELLIPSIS}
     * stands for as many full slices as needed; an integer {@link Array} gathers positions (advanced indexing,
     * placed where NumPy puts advanced dimensions); a BOOL {@link Array} mask selects the true positions (the
     * mask is evaluated, as the result's shape depends on it).
     *
     * @param index the index items, one per indexed axis
     * @return the indexed array
     * @throws IllegalArgumentException if an index item is malformed or of an unsupported type, or if there is
     * more than one ellipsis
     * @throws IndexOutOfBoundsException if there are more indices than axes, an integer index is out of range,
     * or a boolean mask does not match the shape
     */
    public Array get(Object... index) { return Indexing.get(this, index); }

    /**
     * The assignment {@code a[index] = value}: rebinds this handle to a new array with the indexed elements
     * replaced (other handles to the old array keep the old values). MLX: {@code a[index] = value}.
     *
     * <p>{@code value} is converted to this array's dtype and broadcast to the indexed shape; with repeated
     * indices one of the values is kept.
     *
     * @param index the index expression, as in {@link #get(String)}
     * @param value the values to write
     * @return this handle, rebound
     * @throws IllegalArgumentException if an index item is malformed or of an unsupported type, or if there is
     * more than one ellipsis
     * @throws IllegalArgumentException if the value does not broadcast to the indexed shape
     * @throws IndexOutOfBoundsException if there are more indices than axes, an integer index is out of range,
     * or a boolean mask does not match the shape
     */
    public Array set(String index, Array value) {
        rebind(Indexing.update("set", this, Indexing.parse("set", index), value, org.mlx4j.core.graph.ScatterOp.SET).node());
        return this;
    }

    /**
     * The assignment {@code a[index] = value} with a <a href="Mx.html#weak-scalars">weak</a> scalar, as
     * {@link #set(String, Array)}.
     *
     * @param index the index expression, as in {@link #get(String)}
     * @param value the value to write
     * @return this handle, rebound
     * @throws IllegalArgumentException if an index item is malformed or of an unsupported type, or if there is
     * more than one ellipsis
     * @throws IndexOutOfBoundsException if there are more indices than axes, an integer index is out of range,
     * or a boolean mask does not match the shape
     */
    public Array set(String index, double value) { return set(index, Ops.weak(this, value)); }

    /**
     * The assignment {@code a[index] = value} with index items as in {@link #get(Object...)}, as
     * {@link #set(String, Array)}.
     *
     * @param index the index items
     * @param value the values to write
     * @return this handle, rebound
     * @throws IllegalArgumentException if an index item is malformed or of an unsupported type, or if there is
     * more than one ellipsis
     * @throws IllegalArgumentException if the value does not broadcast to the indexed shape
     * @throws IndexOutOfBoundsException if there are more indices than axes, an integer index is out of range,
     * or a boolean mask does not match the shape
     */
    public Array set(Object[] index, Array value) {
        rebind(Indexing.update("set", this, index, value, org.mlx4j.core.graph.ScatterOp.SET).node());
        return this;
    }

    /**
     * Functional updates at an index, MLX's {@code a.at[index]}: {@code a.at("0, 1:3").add(v)} returns a new
     * array and leaves this one as it is; repeated indices accumulate.
     *
     * @param index the index expression, as in {@link #get(String)}
     * @return the updater for that index
     * @throws IllegalArgumentException if the index expression cannot be parsed
     */
    public ArrayAt at(String index) { return new ArrayAt(this, Indexing.parse("at", index)); }

    /**
     * Functional updates at an index given as items, as {@link #at(String)} with the items of
     * {@link #get(Object...)}.
     *
     * @param index the index items
     * @return the updater for that index
     */
    public ArrayAt at(Object... index) { return new ArrayAt(this, index); }

    // ---------------------------------------------------------------- arithmetic

    /**
     * Element-wise sum. Same as {@link Mx#add(Array, Array) Mx.add(this, b)}; MLX: {@code a + b}.
     *
     * @param b the second operand
     * @return {@code a + b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Array add(Array b) { return Mx.add(this, b); }

    /**
     * Element-wise {@code a + b} with an integer scalar {@code b}. Same as
     * {@link Mx#add(Array, long) Mx.add(this, b)}; MLX: {@code a + b}.
     *
     * @param b the scalar
     * @return {@code a + b}, of this array's shape
     */
    public Array add(long b) { return Mx.add(this, b); }

    /**
     * Element-wise {@code a + b} with a float scalar {@code b}. Same as
     * {@link Mx#add(Array, double) Mx.add(this, b)}; MLX: {@code a + b}.
     *
     * @param b the scalar
     * @return {@code a + b}, of this array's shape
     */
    public Array add(double b) { return Mx.add(this, b); }

    /**
     * Element-wise difference. Same as {@link Mx#subtract(Array, Array) Mx.subtract(this, b)}; MLX:
     * {@code a - b}.
     *
     * @param b the second operand
     * @return {@code a - b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Array subtract(Array b) { return Mx.subtract(this, b); }

    /**
     * Element-wise {@code a - b} with an integer scalar {@code b}. Same as
     * {@link Mx#subtract(Array, long) Mx.subtract(this, b)}; MLX: {@code a - b}.
     *
     * @param b the scalar
     * @return {@code a - b}, of this array's shape
     */
    public Array subtract(long b) { return Mx.subtract(this, b); }

    /**
     * Element-wise {@code a - b} with a float scalar {@code b}. Same as
     * {@link Mx#subtract(Array, double) Mx.subtract(this, b)}; MLX: {@code a - b}.
     *
     * @param b the scalar
     * @return {@code a - b}, of this array's shape
     */
    public Array subtract(double b) { return Mx.subtract(this, b); }

    /**
     * Element-wise product. Same as {@link Mx#multiply(Array, Array) Mx.multiply(this, b)}; MLX: {@code a * b}.
     *
     * @param b the second operand
     * @return {@code a * b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Array multiply(Array b) { return Mx.multiply(this, b); }

    /**
     * Element-wise {@code a * b} with an integer scalar {@code b}. Same as
     * {@link Mx#multiply(Array, long) Mx.multiply(this, b)}; MLX: {@code a * b}.
     *
     * @param b the scalar
     * @return {@code a * b}, of this array's shape
     */
    public Array multiply(long b) { return Mx.multiply(this, b); }

    /**
     * Element-wise {@code a * b} with a float scalar {@code b}. Same as
     * {@link Mx#multiply(Array, double) Mx.multiply(this, b)}; MLX: {@code a * b}.
     *
     * @param b the scalar
     * @return {@code a * b}, of this array's shape
     */
    public Array multiply(double b) { return Mx.multiply(this, b); }

    /**
     * Element-wise true division. Same as {@link Mx#divide(Array, Array) Mx.divide(this, b)}; MLX:
     * {@code a / b}.
     *
     * @param b the second operand
     * @return {@code a / b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Array divide(Array b) { return Mx.divide(this, b); }

    /**
     * Element-wise {@code a / b} with an integer scalar {@code b}. Same as
     * {@link Mx#divide(Array, long) Mx.divide(this, b)}; MLX: {@code a / b}.
     *
     * @param b the scalar
     * @return {@code a / b}, of this array's shape
     */
    public Array divide(long b) { return Mx.divide(this, b); }

    /**
     * Element-wise {@code a / b} with a float scalar {@code b}. Same as
     * {@link Mx#divide(Array, double) Mx.divide(this, b)}; MLX: {@code a / b}.
     *
     * @param b the scalar
     * @return {@code a / b}, of this array's shape
     */
    public Array divide(double b) { return Mx.divide(this, b); }

    /**
     * Element-wise floor division, Python's {@code a // b}: the quotient rounded towards negative infinity.
     * Same as {@link Mx#floorDivide(Array, Array) Mx.floorDivide(this, b)}; MLX: {@code a // b}.
     *
     * @param b the second operand
     * @return {@code floor(a / b)}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public Array floorDivide(Array b) { return Mx.floorDivide(this, b); }

    /**
     * Element-wise {@code floor(a / b)} with an integer scalar {@code b}. Same as
     * {@link Mx#floorDivide(Array, long) Mx.floorDivide(this, b)}; MLX: {@code a // b}.
     *
     * @param b the scalar
     * @return {@code floor(a / b)}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array floorDivide(long b) { return Mx.floorDivide(this, b); }

    /**
     * Element-wise {@code floor(a / b)} with a float scalar {@code b}. Same as
     * {@link Mx#floorDivide(Array, double) Mx.floorDivide(this, b)}; MLX: {@code a // b}.
     *
     * @param b the scalar
     * @return {@code floor(a / b)}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array floorDivide(double b) { return Mx.floorDivide(this, b); }

    /**
     * Element-wise power {@code a ** b}. Same as {@link Mx#power(Array, Array) Mx.power(this, b)}; MLX:
     * {@code a ** b}.
     *
     * @param b the exponent
     * @return {@code a ** b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Array power(Array b) { return Mx.power(this, b); }

    /**
     * Element-wise {@code a ** b} with an integer scalar {@code b}. Same as
     * {@link Mx#power(Array, long) Mx.power(this, b)}; MLX: {@code a ** b}.
     *
     * @param b the scalar
     * @return {@code a ** b}, of this array's shape
     */
    public Array power(long b) { return Mx.power(this, b); }

    /**
     * Element-wise {@code a ** b} with a float scalar {@code b}. Same as
     * {@link Mx#power(Array, double) Mx.power(this, b)}; MLX: {@code a ** b}.
     *
     * @param b the scalar
     * @return {@code a ** b}, of this array's shape
     */
    public Array power(double b) { return Mx.power(this, b); }

    /**
     * Element-wise remainder, Python's {@code a % b}: the result takes the sign of the divisor,
     * {@code a - b * floor(a / b)}. Same as {@link Mx#remainder(Array, Array) Mx.remainder(this, b)}; MLX:
     * {@code a % b}.
     *
     * @param b the second operand
     * @return {@code a % b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public Array remainder(Array b) { return Mx.remainder(this, b); }

    /**
     * Element-wise {@code a % b} with an integer scalar {@code b}. Same as
     * {@link Mx#remainder(Array, long) Mx.remainder(this, b)}; MLX: {@code a % b}.
     *
     * @param b the scalar
     * @return {@code a % b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array remainder(long b) { return Mx.remainder(this, b); }

    /**
     * Element-wise {@code a % b} with a float scalar {@code b}. Same as
     * {@link Mx#remainder(Array, double) Mx.remainder(this, b)}; MLX: {@code a % b}.
     *
     * @param b the scalar
     * @return {@code a % b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array remainder(double b) { return Mx.remainder(this, b); }

    /**
     * Element-wise maximum. Same as {@link Mx#maximum(Array, Array) Mx.maximum(this, b)}.
     *
     * @param b the second operand
     * @return {@code max(a, b)}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public Array maximum(Array b) { return Mx.maximum(this, b); }

    /**
     * Element-wise {@code max(a, b)} with a float scalar {@code b}. Same as
     * {@link Mx#maximum(Array, double) Mx.maximum(this, b)}.
     *
     * @param b the scalar
     * @return {@code max(a, b)}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array maximum(double b) { return Mx.maximum(this, b); }

    /**
     * Element-wise {@code max(a, b)} with an integer scalar {@code b}. Same as
     * {@link Mx#maximum(Array, long) Mx.maximum(this, b)}.
     *
     * @param b the scalar
     * @return {@code max(a, b)}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array maximum(long b) { return Mx.maximum(this, b); }

    /**
     * Element-wise minimum. Same as {@link Mx#minimum(Array, Array) Mx.minimum(this, b)}.
     *
     * @param b the second operand
     * @return {@code min(a, b)}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public Array minimum(Array b) { return Mx.minimum(this, b); }

    /**
     * Element-wise {@code min(a, b)} with a float scalar {@code b}. Same as
     * {@link Mx#minimum(Array, double) Mx.minimum(this, b)}.
     *
     * @param b the scalar
     * @return {@code min(a, b)}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array minimum(double b) { return Mx.minimum(this, b); }

    /**
     * Element-wise {@code min(a, b)} with an integer scalar {@code b}. Same as
     * {@link Mx#minimum(Array, long) Mx.minimum(this, b)}.
     *
     * @param b the scalar
     * @return {@code min(a, b)}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array minimum(long b) { return Mx.minimum(this, b); }

    /**
     * Matrix product with NumPy's rules. Same as {@link Mx#matmul(Array, Array) Mx.matmul(this, b)}; MLX:
     * {@code a @ b}.
     *
     * @param b the right operand
     * @return the product
     * @throws IllegalArgumentException if an operand is 0-d, if the inner extents differ, if the batch axes do
     * not broadcast, or if the promoted dtype is not floating (integer, BOOL or complex64)
     */
    public Array matmul(Array b) { return Mx.matmul(this, b); }

    // ---------------------------------------------------------------- comparisons and logic

    /**
     * Element-wise equality. Same as {@link Mx#equal(Array, Array) Mx.equal(this, b)}; MLX: {@code a == b}.
     *
     * @param b the second operand
     * @return a BOOL array, {@code a == b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Array equal(Array b) { return Mx.equal(this, b); }

    /**
     * Element-wise {@code a == b} with a float scalar {@code b}. Same as
     * {@link Mx#equal(Array, double) Mx.equal(this, b)}; MLX: {@code a == b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a == b}, of this array's shape
     */
    public Array equal(double b) { return Mx.equal(this, b); }

    /**
     * Element-wise {@code a == b} with an integer scalar {@code b}. Same as
     * {@link Mx#equal(Array, long) Mx.equal(this, b)}; MLX: {@code a == b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a == b}, of this array's shape
     */
    public Array equal(long b) { return Mx.equal(this, b); }

    /**
     * Element-wise inequality. Same as {@link Mx#notEqual(Array, Array) Mx.notEqual(this, b)}; MLX:
     * {@code a != b}.
     *
     * @param b the second operand
     * @return a BOOL array, {@code a != b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Array notEqual(Array b) { return Mx.notEqual(this, b); }

    /**
     * Element-wise {@code a != b} with a float scalar {@code b}. Same as
     * {@link Mx#notEqual(Array, double) Mx.notEqual(this, b)}; MLX: {@code a != b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a != b}, of this array's shape
     */
    public Array notEqual(double b) { return Mx.notEqual(this, b); }

    /**
     * Element-wise {@code a != b} with an integer scalar {@code b}. Same as
     * {@link Mx#notEqual(Array, long) Mx.notEqual(this, b)}; MLX: {@code a != b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a != b}, of this array's shape
     */
    public Array notEqual(long b) { return Mx.notEqual(this, b); }

    /**
     * Element-wise {@code a < b}. Same as {@link Mx#less(Array, Array) Mx.less(this, b)}; MLX: {@code a < b}.
     *
     * @param b the second operand
     * @return a BOOL array, {@code a < b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public Array less(Array b) { return Mx.less(this, b); }

    /**
     * Element-wise {@code a < b} with a float scalar {@code b}. Same as
     * {@link Mx#less(Array, double) Mx.less(this, b)}; MLX: {@code a < b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a < b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array less(double b) { return Mx.less(this, b); }

    /**
     * Element-wise {@code a < b} with an integer scalar {@code b}. Same as
     * {@link Mx#less(Array, long) Mx.less(this, b)}; MLX: {@code a < b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a < b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array less(long b) { return Mx.less(this, b); }

    /**
     * Element-wise {@code a <= b}. Same as {@link Mx#lessEqual(Array, Array) Mx.lessEqual(this, b)}; MLX:
     * {@code a <= b}.
     *
     * @param b the second operand
     * @return a BOOL array, {@code a <= b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public Array lessEqual(Array b) { return Mx.lessEqual(this, b); }

    /**
     * Element-wise {@code a <= b} with a float scalar {@code b}. Same as
     * {@link Mx#lessEqual(Array, double) Mx.lessEqual(this, b)}; MLX: {@code a <= b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a <= b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array lessEqual(double b) { return Mx.lessEqual(this, b); }

    /**
     * Element-wise {@code a <= b} with an integer scalar {@code b}. Same as
     * {@link Mx#lessEqual(Array, long) Mx.lessEqual(this, b)}; MLX: {@code a <= b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a <= b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array lessEqual(long b) { return Mx.lessEqual(this, b); }

    /**
     * Element-wise {@code a > b}. Same as {@link Mx#greater(Array, Array) Mx.greater(this, b)}; MLX:
     * {@code a > b}.
     *
     * @param b the second operand
     * @return a BOOL array, {@code a > b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public Array greater(Array b) { return Mx.greater(this, b); }

    /**
     * Element-wise {@code a > b} with a float scalar {@code b}. Same as
     * {@link Mx#greater(Array, double) Mx.greater(this, b)}; MLX: {@code a > b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a > b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array greater(double b) { return Mx.greater(this, b); }

    /**
     * Element-wise {@code a > b} with an integer scalar {@code b}. Same as
     * {@link Mx#greater(Array, long) Mx.greater(this, b)}; MLX: {@code a > b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a > b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array greater(long b) { return Mx.greater(this, b); }

    /**
     * Element-wise {@code a >= b}. Same as {@link Mx#greaterEqual(Array, Array) Mx.greaterEqual(this, b)}; MLX:
     * {@code a >= b}.
     *
     * @param b the second operand
     * @return a BOOL array, {@code a >= b}, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or if the promoted dtype is complex64
     */
    public Array greaterEqual(Array b) { return Mx.greaterEqual(this, b); }

    /**
     * Element-wise {@code a >= b} with a float scalar {@code b}. Same as
     * {@link Mx#greaterEqual(Array, double) Mx.greaterEqual(this, b)}; MLX: {@code a >= b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a >= b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array greaterEqual(double b) { return Mx.greaterEqual(this, b); }

    /**
     * Element-wise {@code a >= b} with an integer scalar {@code b}. Same as
     * {@link Mx#greaterEqual(Array, long) Mx.greaterEqual(this, b)}; MLX: {@code a >= b}.
     *
     * @param b the scalar
     * @return a BOOL array, {@code a >= b}, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array greaterEqual(long b) { return Mx.greaterEqual(this, b); }

    /**
     * Element-wise logical and. Same as {@link Mx#logicalAnd(Array, Array) Mx.logicalAnd(this, b)}.
     *
     * @param b the second operand
     * @return a BOOL array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Array logicalAnd(Array b) { return Mx.logicalAnd(this, b); }

    /**
     * Element-wise logical or. Same as {@link Mx#logicalOr(Array, Array) Mx.logicalOr(this, b)}.
     *
     * @param b the second operand
     * @return a BOOL array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Array logicalOr(Array b) { return Mx.logicalOr(this, b); }

    /**
     * Element-wise logical not (zero is false). Same as {@link Mx#logicalNot(Array) Mx.logicalNot(this)}.
     *
     * @return a BOOL array of this array's shape
     */
    public Array logicalNot() { return Mx.logicalNot(this); }

    // ---------------------------------------------------------------- unary math

    /**
     * Element-wise absolute value. Same as {@link Mx#abs(Array) Mx.abs(this)}; MLX: {@code a.abs()}.
     *
     * @return the result, of this array's shape
     */
    public Array abs() { return Mx.abs(this); }

    /**
     * The real part of each element. Same as {@link Mx#real(Array) Mx.real(this)}.
     *
     * @return the result, of this array's shape
     */
    public Array real() { return Mx.real(this); }

    /**
     * The imaginary part of each element. Same as {@link Mx#imag(Array) Mx.imag(this)}.
     *
     * @return the result, of this array's shape
     */
    public Array imag() { return Mx.imag(this); }

    /**
     * Element-wise negation {@code -a}. Same as {@link Mx#negative(Array) Mx.negative(this)}; MLX: {@code -a}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is BOOL (use {@link Mx#logicalNot(Array)})
     */
    public Array negative() { return Mx.negative(this); }

    /**
     * Element-wise sign: -1 below zero, 1 above, and 0 for zero and NaN. Same as
     * {@link Mx#sign(Array) Mx.sign(this)}; MLX: {@code a.sign()}.
     *
     * @return the result, of this array's shape
     */
    public Array sign() { return Mx.sign(this); }

    /**
     * Element-wise square {@code a * a}. Same as {@link Mx#square(Array) Mx.square(this)}; MLX:
     * {@code a.square()}.
     *
     * @return the result, of this array's shape
     */
    public Array square() { return Mx.square(this); }

    /**
     * Element-wise square root (NaN for negative reals). Same as {@link Mx#sqrt(Array) Mx.sqrt(this)}; MLX:
     * {@code a.sqrt()}.
     *
     * @return the result, of this array's shape
     */
    public Array sqrt() { return Mx.sqrt(this); }

    /**
     * Element-wise reciprocal square root {@code 1 / sqrt(a)}. Same as {@link Mx#rsqrt(Array) Mx.rsqrt(this)};
     * MLX: {@code a.rsqrt()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array rsqrt() { return Mx.rsqrt(this); }

    /**
     * Element-wise reciprocal {@code 1 / a}. Same as {@link Mx#reciprocal(Array) Mx.reciprocal(this)}; MLX:
     * {@code a.reciprocal()}.
     *
     * @return the result, of this array's shape
     */
    public Array reciprocal() { return Mx.reciprocal(this); }

    /**
     * Element-wise natural exponential. Same as {@link Mx#exp(Array) Mx.exp(this)}; MLX: {@code a.exp()}.
     *
     * @return the result, of this array's shape
     */
    public Array exp() { return Mx.exp(this); }

    /**
     * Element-wise {@code exp(a) - 1}, accurate for small this array. Same as
     * {@link Mx#expm1(Array) Mx.expm1(this)}; MLX: {@code a.expm1()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array expm1() { return Mx.expm1(this); }

    /**
     * Element-wise natural logarithm (NaN below zero, -inf at zero). Same as
     * {@link Mx#log(Array) Mx.log(this)}; MLX: {@code a.log()}.
     *
     * @return the result, of this array's shape
     */
    public Array log() { return Mx.log(this); }

    /**
     * Element-wise {@code log(1 + a)}, accurate for small this array. Same as
     * {@link Mx#log1p(Array) Mx.log1p(this)}; MLX: {@code a.log1p()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array log1p() { return Mx.log1p(this); }

    /**
     * Element-wise base-2 logarithm. Same as {@link Mx#log2(Array) Mx.log2(this)}; MLX: {@code a.log2()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array log2() { return Mx.log2(this); }

    /**
     * Element-wise base-10 logarithm. Same as {@link Mx#log10(Array) Mx.log10(this)}; MLX: {@code a.log10()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array log10() { return Mx.log10(this); }

    /**
     * Element-wise sine (radians). Same as {@link Mx#sin(Array) Mx.sin(this)}; MLX: {@code a.sin()}.
     *
     * @return the result, of this array's shape
     */
    public Array sin() { return Mx.sin(this); }

    /**
     * Element-wise cosine (radians). Same as {@link Mx#cos(Array) Mx.cos(this)}; MLX: {@code a.cos()}.
     *
     * @return the result, of this array's shape
     */
    public Array cos() { return Mx.cos(this); }

    /**
     * Element-wise tangent (radians). Same as {@link Mx#tan(Array) Mx.tan(this)}; MLX: {@code a.tan()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array tan() { return Mx.tan(this); }

    /**
     * Element-wise hyperbolic tangent. Same as {@link Mx#tanh(Array) Mx.tanh(this)}; MLX: {@code a.tanh()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array tanh() { return Mx.tanh(this); }

    /**
     * Element-wise logistic sigmoid {@code 1 / (1 + exp(-a))}. Same as
     * {@link Mx#sigmoid(Array) Mx.sigmoid(this)}; MLX: {@code a.sigmoid()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array sigmoid() { return Mx.sigmoid(this); }

    /**
     * Element-wise Gauss error function. Same as {@link Mx#erf(Array) Mx.erf(this)}; MLX: {@code a.erf()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array erf() { return Mx.erf(this); }

    /**
     * Element-wise floor: the largest integer not above this array. Same as
     * {@link Mx#floor(Array) Mx.floor(this)}; MLX: {@code a.floor()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array floor() { return Mx.floor(this); }

    /**
     * Element-wise ceiling: the smallest integer not below this array. Same as
     * {@link Mx#ceil(Array) Mx.ceil(this)}; MLX: {@code a.ceil()}.
     *
     * @return the result, of this array's shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array ceil() { return Mx.ceil(this); }

    /**
     * Rounds to the nearest integer value, halves to even: {@code round(a, 0)}. Same as
     * {@link Mx#round(Array) Mx.round(this)}; MLX: {@code a.round()}.
     *
     * @return the rounded array, of this array's dtype and shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array round() { return Mx.round(this, 0); }

    /**
     * Rounds to the given number of decimals, halves to even (as NumPy). Same as
     * {@link Mx#round(Array, int) Mx.round(this, decimals)}; MLX: {@code a.round(decimals)}.
     *
     * @param decimals the number of decimal places (negative rounds to the left of the decimal point)
     * @return the rounded array, of this array's dtype and shape
     * @throws IllegalArgumentException if this array is complex64
     */
    public Array round(int decimals) { return Mx.round(this, decimals); }

    // ---------------------------------------------------------------- reductions

    /**
     * Sum of the elements over {@code axes} (all axes when none are given), dropping them. Same as
     * {@link Mx#sum(Array, int...) Mx.sum(this, axes)}; MLX: {@code a.sum(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array sum(int... axes) { return Mx.sum(this, axes); }

    /**
     * Sum of the elements over {@code axes} (all axes when empty). Same as
     * {@link Mx#sum(Array, int[], boolean) Mx.sum(this, axes, keepdims)}; MLX:
     * {@code a.sum(axes, keepdims=keepdims)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array sum(int[] axes, boolean keepdims) { return Mx.sum(this, axes, keepdims); }

    /**
     * Product of the elements over {@code axes} (all axes when none are given), dropping them. Same as
     * {@link Mx#prod(Array, int...) Mx.prod(this, axes)}; MLX: {@code a.prod(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array prod(int... axes) { return Mx.prod(this, axes); }

    /**
     * Arithmetic mean of the elements over {@code axes} (all axes when none are given), dropping them. Same as
     * {@link Mx#mean(Array, int...) Mx.mean(this, axes)}; MLX: {@code a.mean(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array mean(int... axes) { return Mx.mean(this, axes); }

    /**
     * Arithmetic mean of the elements over {@code axes} (all axes when empty). Same as
     * {@link Mx#mean(Array, int[], boolean) Mx.mean(this, axes, keepdims)}; MLX:
     * {@code a.mean(axes, keepdims=keepdims)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @param keepdims whether the reduced axes stay in the result with extent 1
     * @return the reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array mean(int[] axes, boolean keepdims) { return Mx.mean(this, axes, keepdims); }

    /**
     * Largest element over {@code axes} (all axes when none are given), dropping them. Same as
     * {@link Mx#max(Array, int...) Mx.max(this, axes)}; MLX: {@code a.max(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     * @throws IllegalArgumentException if this array is empty or complex64
     */
    public Array max(int... axes) { return Mx.max(this, axes); }

    /**
     * Smallest element over {@code axes} (all axes when none are given), dropping them. Same as
     * {@link Mx#min(Array, int...) Mx.min(this, axes)}; MLX: {@code a.min(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     * @throws IllegalArgumentException if this array is empty or complex64
     */
    public Array min(int... axes) { return Mx.min(this, axes); }

    /**
     * Whether every element is true (non-zero) over {@code axes} (all axes when none are given), dropping them.
     * Same as {@link Mx#all(Array, int...) Mx.all(this, axes)}; MLX: {@code a.all(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array all(int... axes) { return Mx.all(this, axes); }

    /**
     * Whether any element is true (non-zero) over {@code axes} (all axes when none are given), dropping them.
     * Same as {@link Mx#any(Array, int...) Mx.any(this, axes)}; MLX: {@code a.any(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array any(int... axes) { return Mx.any(this, axes); }

    /**
     * Variance of the elements over {@code axes} (all axes when none are given), with {@code ddof} 0, dropping
     * the axes. Same as {@link Mx#var(Array, int...) Mx.var(this, axes)}; MLX: {@code a.var(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the variance, of this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array var(int... axes) { return Mx.var(this, axes); }

    /**
     * Standard deviation over {@code axes} (all axes when none are given), with {@code ddof} 0:
     * {@code sqrt(var(a, axes))}. Same as {@link Mx#std(Array, int...) Mx.std(this, axes)}; MLX:
     * {@code a.std(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the standard deviation, of this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array std(int... axes) { return Mx.std(this, axes); }

    /**
     * {@code log(sum(exp(a)))}, computed without overflow, over {@code axes} (all axes when none are given),
     * dropping them. Same as {@link Mx#logsumexp(Array, int...) Mx.logsumexp(this, axes)}; MLX:
     * {@code a.logsumexp(axes)}.
     *
     * @param axes the axes to reduce, negative counting from the end (all axes when none are given)
     * @return the reduced array: this array's shape without the reduced axes
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Array logsumexp(int... axes) { return Mx.logsumexp(this, axes); }

    /**
     * The indices of the largest elements along {@code axis} (the first one on ties). Same as
     * {@link Mx#argmax(Array, int) Mx.argmax(this, axis)}; MLX: {@code a.argmax(axis)}.
     *
     * @param axis the axis (negative counts from the end)
     * @return a UINT32 array of this array's shape without {@code axis}
     * @throws IllegalArgumentException if this array is 0-d or complex64, if the axis is out of range, or if it
     * is empty
     */
    public Array argmax(int axis) { return Mx.argmax(this, axis); }

    /**
     * The indices of the smallest elements along {@code axis} (the first one on ties). Same as
     * {@link Mx#argmin(Array, int) Mx.argmin(this, axis)}; MLX: {@code a.argmin(axis)}.
     *
     * @param axis the axis (negative counts from the end)
     * @return a UINT32 array of this array's shape without {@code axis}
     * @throws IllegalArgumentException if this array is 0-d or complex64, if the axis is out of range, or if it
     * is empty
     */
    public Array argmin(int axis) { return Mx.argmin(this, axis); }

    // ---------------------------------------------------------------- shape

    /**
     * The elements converted to {@code dtype} (floats to integers truncate towards zero, non-zero becomes true;
     * values out of the target's range give unspecified results, as in MLX). Same as
     * {@link Mx#astype(Array, DType) Mx.astype(this, dtype)}; MLX: {@code a.astype(dtype)}.
     *
     * @param dtype the target dtype
     * @return this array itself when it already has {@code dtype}, else the converted array of this array's
     * shape
     */
    public Array astype(DType dtype) { return Mx.astype(this, dtype); }

    /**
     * The same elements, in row-major order, in a new shape. Same as
     * {@link Mx#reshape(Array, int...) Mx.reshape(this, shape)}; MLX: {@code a.reshape(shape)}.
     *
     * @param shape the new shape; one extent may be -1, inferred from the size
     * @return this array itself when the shape is unchanged, else the reshaped array
     * @throws IllegalArgumentException if more than one extent is -1, if an extent is otherwise negative, or if
     * the sizes differ
     */
    public Array reshape(int... shape) { return Mx.reshape(this, shape); }

    /**
     * The elements as a 1-D array, in row-major order. Same as {@link Mx#flatten(Array) Mx.flatten(this)}; MLX:
     * {@code a.flatten()}.
     *
     * @return a 1-D array of {@code a.size()} elements
     */
    public Array flatten() { return Mx.reshape(this, -1); }

    /**
     * Permutes the axes: axis {@code i} of the result is axis {@code axes[i]} of this array. Same as
     * {@link Mx#transpose(Array, int...) Mx.transpose(this, axes)}; MLX: {@code a.transpose(axes)}.
     *
     * @param axes the permutation (negative counts from the end); the axes reversed when none are given
     * @return the transposed view (this array itself for the identity permutation)
     * @throws IllegalArgumentException if {@code axes} is not a permutation of this array's axes
     */
    public Array transpose(int... axes) { return Mx.transpose(this, axes); }

    /**
     * The transpose with the axes reversed, NumPy's {@code a.T}. Same as
     * {@link Mx#transpose(Array, int...) Mx.transpose(this)}.
     *
     * @return the transposed view (this array itself when it has fewer than two axes)
     */
    public Array T() { return Mx.transpose(this); }

    /**
     * Exchanges two axes. Same as {@link Mx#swapAxes(Array, int, int) Mx.swapAxes(this, a, b)}; MLX:
     * {@code a.swapaxes(a, b)}.
     *
     * @param a the first axis
     * @param b the second axis
     * @return the transposed view
     * @throws IllegalArgumentException if an axis is out of range
     */
    public Array swapAxes(int a, int b) { return Mx.swapAxes(this, a, b); }

    /**
     * A view of this array broadcast to {@code shape} (NumPy rules: leading axes are added, extents of 1
     * repeat). Same as {@link Mx#broadcastTo(Array, int...) Mx.broadcastTo(this, shape)}.
     *
     * @param shape the target shape
     * @return the broadcast view (this array itself when the shape is unchanged)
     * @throws IllegalArgumentException if this array does not broadcast to {@code shape}
     */
    public Array broadcastTo(int... shape) { return Mx.broadcastTo(this, shape); }

    /**
     * Inserts axes of extent 1. Same as {@link Mx#expandDims(Array, int...) Mx.expandDims(this, axes)}.
     *
     * @param axes the positions of the new axes in the result (negative counts from the end)
     * @return the reshaped array
     * @throws IllegalArgumentException if an axis is out of range for the result or repeated
     */
    public Array expandDims(int... axes) { return Mx.expandDims(this, axes); }

    /**
     * Removes axes of extent 1. Same as {@link Mx#squeeze(Array, int...) Mx.squeeze(this, axes)}; MLX:
     * {@code a.squeeze(axes)}.
     *
     * @param axes the axes to remove (every axis of extent 1 when none are given)
     * @return the reshaped array
     * @throws IllegalArgumentException if an axis is out of range or its extent is not 1
     */
    public Array squeeze(int... axes) { return Mx.squeeze(this, axes); }
}
