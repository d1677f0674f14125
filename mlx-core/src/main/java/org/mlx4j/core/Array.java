package org.mlx4j.core;

import java.util.Objects;
import org.mlx4j.core.graph.Node;

/**
 * A lazy n-dimensional array: a handle to a node of the computation graph. Ops build nodes and
 * return at once; values are computed by {@link Mx#eval} or implicitly by the getters that read
 * them ({@link #floatValue()}, {@link #toFloatArray()}, {@link #toList()}, {@link #toString()}, ...).
 *
 * <p>A handle is rebound (never mutated in place) by {@link #set}. {@link #close()} gives the buffer
 * back at once; otherwise it is reclaimed once the handle is unreachable.
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

    public int[] shape() { return node.shape.clone(); }

    /** Extent of {@code axis} (negative counts from the end). */
    public int shape(int axis) { return node.shape[Shapes.axis("shape", axis, node.shape.length)]; }

    public int ndim() { return node.shape.length; }

    public long size() { return node.size(); }

    public DType dtype() { return node.dtype; }

    /** Bytes of the array's elements. */
    public long nbytes() { return size() * node.dtype.size(); }

    /** Elements of a size-1 leading axis, like Python's {@code len}. */
    public int length() {
        if (ndim() == 0) throw new IllegalArgumentException("length: a 0-d array has no length");
        return node.shape[0];
    }

    // ---------------------------------------------------------------- implicit evaluation

    public float floatValue() { return (float) Readback.scalar(this, "floatValue"); }

    public double doubleValue() { return Readback.scalar(this, "doubleValue"); }

    public int intValue() { return (int) Readback.scalarLong(this, "intValue"); }

    public long longValue() { return Readback.scalarLong(this, "longValue"); }

    /** The truth value of a size-1 array (non-zero is true). */
    public boolean booleanValue() { return Readback.scalar(this, "booleanValue") != 0; }

    /** Alias of {@link #doubleValue()} for readers of MLX code. */
    public double item() { return doubleValue(); }

    public float[] toFloatArray() { return Readback.floats(this); }

    public double[] toDoubleArray() { return Readback.doubles(this); }

    public int[] toIntArray() { return Readback.ints(this); }

    public long[] toLongArray() { return Readback.longs(this); }

    public boolean[] toBooleanArray() { return Readback.booleans(this); }

    /** Raw native-order bytes of the elements in row-major order. */
    public byte[] toBytes() { return Readback.bytes(this); }

    /** Nested {@code List}s of boxed elements (a 0-d array gives the element itself). */
    public Object toList() { return Readback.list(this); }

    /** Prints like MLX: {@code array([1, 2.5], dtype=float32)}. Evaluates. */
    @Override
    public String toString() { return ArrayFormatter.format(this); }

    /** Evaluates this array (blocking) and returns it. */
    public Array eval() {
        Mx.eval(this);
        return this;
    }

    /** Gives the buffer back now. The handle must not be read afterwards. */
    @Override
    public void close() { Memory.close(this); }

    // ---------------------------------------------------------------- indexing

    /** NumPy indexing from a string, e.g. {@code "1:3, ..., None, ::-1"}. */
    public Array get(String index) { return Indexing.get(this, Indexing.parse("get", index)); }

    /** NumPy indexing: ints, {@link Slice}, {@link Index#NEW_AXIS}, {@link Index#ELLIPSIS}, integer arrays, boolean masks. */
    public Array get(Object... index) { return Indexing.get(this, index); }

    /** {@code a[index] = value}: rebinds this handle to the updated array. */
    public Array set(String index, Array value) {
        rebind(Indexing.update("set", this, Indexing.parse("set", index), value, org.mlx4j.core.graph.ScatterOp.SET).node());
        return this;
    }

    public Array set(String index, double value) { return set(index, Ops.weak(this, value)); }

    /** {@code a[index] = value} with index items as in {@link #get(Object...)}. */
    public Array set(Object[] index, Array value) {
        rebind(Indexing.update("set", this, index, value, org.mlx4j.core.graph.ScatterOp.SET).node());
        return this;
    }

    /** Functional updates at an index: {@code a.at("0, 1:3").add(v)} returns a new array. */
    public ArrayAt at(String index) { return new ArrayAt(this, Indexing.parse("at", index)); }

    public ArrayAt at(Object... index) { return new ArrayAt(this, index); }

    // ---------------------------------------------------------------- arithmetic

    public Array add(Array b) { return Mx.add(this, b); }
    public Array add(long b) { return Mx.add(this, b); }
    public Array add(double b) { return Mx.add(this, b); }
    public Array subtract(Array b) { return Mx.subtract(this, b); }
    public Array subtract(long b) { return Mx.subtract(this, b); }
    public Array subtract(double b) { return Mx.subtract(this, b); }
    public Array multiply(Array b) { return Mx.multiply(this, b); }
    public Array multiply(long b) { return Mx.multiply(this, b); }
    public Array multiply(double b) { return Mx.multiply(this, b); }
    public Array divide(Array b) { return Mx.divide(this, b); }
    public Array divide(long b) { return Mx.divide(this, b); }
    public Array divide(double b) { return Mx.divide(this, b); }
    public Array floorDivide(Array b) { return Mx.floorDivide(this, b); }
    public Array floorDivide(long b) { return Mx.floorDivide(this, b); }
    public Array floorDivide(double b) { return Mx.floorDivide(this, b); }
    public Array power(Array b) { return Mx.power(this, b); }
    public Array power(long b) { return Mx.power(this, b); }
    public Array power(double b) { return Mx.power(this, b); }
    public Array remainder(Array b) { return Mx.remainder(this, b); }
    public Array remainder(long b) { return Mx.remainder(this, b); }
    public Array remainder(double b) { return Mx.remainder(this, b); }
    public Array maximum(Array b) { return Mx.maximum(this, b); }
    public Array maximum(double b) { return Mx.maximum(this, b); }
    public Array maximum(long b) { return Mx.maximum(this, b); }
    public Array minimum(Array b) { return Mx.minimum(this, b); }
    public Array minimum(double b) { return Mx.minimum(this, b); }
    public Array minimum(long b) { return Mx.minimum(this, b); }
    public Array matmul(Array b) { return Mx.matmul(this, b); }

    // ---------------------------------------------------------------- comparisons and logic

    public Array equal(Array b) { return Mx.equal(this, b); }
    public Array equal(double b) { return Mx.equal(this, b); }
    public Array equal(long b) { return Mx.equal(this, b); }
    public Array notEqual(Array b) { return Mx.notEqual(this, b); }
    public Array notEqual(double b) { return Mx.notEqual(this, b); }
    public Array notEqual(long b) { return Mx.notEqual(this, b); }
    public Array less(Array b) { return Mx.less(this, b); }
    public Array less(double b) { return Mx.less(this, b); }
    public Array less(long b) { return Mx.less(this, b); }
    public Array lessEqual(Array b) { return Mx.lessEqual(this, b); }
    public Array lessEqual(double b) { return Mx.lessEqual(this, b); }
    public Array lessEqual(long b) { return Mx.lessEqual(this, b); }
    public Array greater(Array b) { return Mx.greater(this, b); }
    public Array greater(double b) { return Mx.greater(this, b); }
    public Array greater(long b) { return Mx.greater(this, b); }
    public Array greaterEqual(Array b) { return Mx.greaterEqual(this, b); }
    public Array greaterEqual(double b) { return Mx.greaterEqual(this, b); }
    public Array greaterEqual(long b) { return Mx.greaterEqual(this, b); }
    public Array logicalAnd(Array b) { return Mx.logicalAnd(this, b); }
    public Array logicalOr(Array b) { return Mx.logicalOr(this, b); }
    public Array logicalNot() { return Mx.logicalNot(this); }

    // ---------------------------------------------------------------- unary math

    public Array abs() { return Mx.abs(this); }

    /** The real part (float32 for complex64; the array itself for real dtypes), as {@link Mx#real}. */
    public Array real() { return Mx.real(this); }

    /** The imaginary part (float32 for complex64; zeros for real dtypes), as {@link Mx#imag}. */
    public Array imag() { return Mx.imag(this); }
    public Array negative() { return Mx.negative(this); }
    public Array sign() { return Mx.sign(this); }
    public Array square() { return Mx.square(this); }
    public Array sqrt() { return Mx.sqrt(this); }
    public Array rsqrt() { return Mx.rsqrt(this); }
    public Array reciprocal() { return Mx.reciprocal(this); }
    public Array exp() { return Mx.exp(this); }
    public Array expm1() { return Mx.expm1(this); }
    public Array log() { return Mx.log(this); }
    public Array log1p() { return Mx.log1p(this); }
    public Array log2() { return Mx.log2(this); }
    public Array log10() { return Mx.log10(this); }
    public Array sin() { return Mx.sin(this); }
    public Array cos() { return Mx.cos(this); }
    public Array tan() { return Mx.tan(this); }
    public Array tanh() { return Mx.tanh(this); }
    public Array sigmoid() { return Mx.sigmoid(this); }
    public Array erf() { return Mx.erf(this); }
    public Array floor() { return Mx.floor(this); }
    public Array ceil() { return Mx.ceil(this); }
    public Array round() { return Mx.round(this, 0); }
    public Array round(int decimals) { return Mx.round(this, decimals); }

    // ---------------------------------------------------------------- reductions

    /** Sum over {@code axes} (all axes when none are given). */
    public Array sum(int... axes) { return Mx.sum(this, axes); }
    public Array sum(int[] axes, boolean keepdims) { return Mx.sum(this, axes, keepdims); }
    public Array prod(int... axes) { return Mx.prod(this, axes); }
    public Array mean(int... axes) { return Mx.mean(this, axes); }
    public Array mean(int[] axes, boolean keepdims) { return Mx.mean(this, axes, keepdims); }
    public Array max(int... axes) { return Mx.max(this, axes); }
    public Array min(int... axes) { return Mx.min(this, axes); }
    public Array all(int... axes) { return Mx.all(this, axes); }
    public Array any(int... axes) { return Mx.any(this, axes); }
    public Array var(int... axes) { return Mx.var(this, axes); }
    public Array std(int... axes) { return Mx.std(this, axes); }
    public Array logsumexp(int... axes) { return Mx.logsumexp(this, axes); }
    public Array argmax(int axis) { return Mx.argmax(this, axis); }
    public Array argmin(int axis) { return Mx.argmin(this, axis); }

    // ---------------------------------------------------------------- shape

    public Array astype(DType dtype) { return Mx.astype(this, dtype); }
    public Array reshape(int... shape) { return Mx.reshape(this, shape); }
    public Array flatten() { return Mx.reshape(this, -1); }
    /** Reverses the axes when none are given. */
    public Array transpose(int... axes) { return Mx.transpose(this, axes); }
    /** The transpose ({@code .T}). */
    public Array T() { return Mx.transpose(this); }
    public Array swapAxes(int a, int b) { return Mx.swapAxes(this, a, b); }
    public Array broadcastTo(int... shape) { return Mx.broadcastTo(this, shape); }
    public Array expandDims(int... axes) { return Mx.expandDims(this, axes); }
    public Array squeeze(int... axes) { return Mx.squeeze(this, axes); }
}
