package org.mlx4j.core;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.mlx4j.core.backend.cpu.ElementAccess;
import org.mlx4j.core.graph.Data;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.memory.Allocator;
import org.mlx4j.core.memory.Buffer;
import org.mlx4j.core.primitives.Arange;
import org.mlx4j.core.primitives.Full;

/** Arrays made from Java values: constants copied into fresh buffers, and lazy fills and ranges. */
final class Creation {
    private Creation() {}

    /** Resolves an empty shape to 1-D and checks that the data length matches. */
    private static int[] shapeFor(String op, int length, int[] shape) {
        if (shape == null || shape.length == 0) return new int[] {length};
        Shapes.checkShape(op, shape);
        if (Shapes.size(shape) != length) {
            throw new IllegalArgumentException("array: " + length + " values cannot fill shape " + Shapes.str(shape)
                    + " (it holds " + Shapes.size(shape) + ")");
        }
        return shape.clone();
    }

    private static Array constant(MemorySegment src, ValueLayout layout, long count, DType dtype, int[] shape) {
        Buffer buffer = Allocator.instance().allocate(count * dtype.size());
        MemorySegment.copy(src, layout, 0, buffer.segment(), layout, 0, count);
        return constant(buffer, dtype, shape);
    }

    static Array fromFloats(float[] data, int[] shape) {
        int[] s = shapeFor("array", data.length, shape);
        return constant(MemorySegment.ofArray(data), ValueLayout.JAVA_FLOAT, data.length, DType.FLOAT32, s);
    }

    private static final int[] SCALAR = new int[0];

    /** A constant over a freshly filled buffer (which it takes ownership of). */
    private static Array constant(Buffer buffer, DType dtype, int[] shape) {
        return tracked(new Node(Data.contiguous(buffer, shape), shape, dtype, StreamContext.current()));
    }

    private static Array tracked(Node n) {
        Array a = new Array(n);
        Memory.track(a);
        return a;
    }

    static Array fromInts(int[] data, int[] shape) {
        int[] s = shapeFor("array", data.length, shape);
        return constant(MemorySegment.ofArray(data), ValueLayout.JAVA_INT, data.length, DType.INT32, s);
    }

    static Array fromLongs(long[] data, int[] shape) {
        int[] s = shapeFor("array", data.length, shape);
        return constant(MemorySegment.ofArray(data), ValueLayout.JAVA_LONG, data.length, DType.INT64, s);
    }

    static Array fromBooleans(boolean[] data, int[] shape) {
        int[] s = shapeFor("array", data.length, shape);
        byte[] bytes = new byte[data.length];
        for (int i = 0; i < data.length; i++) bytes[i] = (byte) (data[i] ? 1 : 0);
        return constant(MemorySegment.ofArray(bytes), ValueLayout.JAVA_BYTE, data.length, DType.BOOL, s);
    }

    static Array fromDoubles(double[] data, int[] shape, DType dtype) {
        int[] s = shapeFor("array", data.length, shape);
        Buffer buffer = Allocator.instance().allocate((long) data.length * dtype.size());
        MemorySegment seg = buffer.segment();
        for (int i = 0; i < data.length; i++) ElementAccess.setDouble(seg, dtype, i, data[i]);
        return constant(buffer, dtype, s);
    }

    static Array fromSegment(MemorySegment raw, DType dtype, int[] shape) {
        Shapes.checkShape("array", shape);
        long bytes = Shapes.size(shape) * dtype.size();
        if (raw.byteSize() != bytes) {
            throw new IllegalArgumentException("array: " + raw.byteSize() + " bytes do not hold a " + dtype.mlxName()
                    + " array of shape " + Shapes.str(shape) + " (needs " + bytes + " bytes)");
        }
        Buffer buffer = Allocator.instance().allocate(bytes);
        MemorySegment.copy(raw, 0, buffer.segment(), 0, bytes);
        int[] s = shape.clone();
        return constant(buffer, dtype, s);
    }

    /** A 0-d constant. */
    static Array scalar(double v, DType dtype) {
        Buffer buffer = Allocator.instance().allocate(dtype.size());
        ElementAccess.setDouble(buffer.segment(), dtype, 0, v);
        return constant(buffer, dtype, SCALAR);
    }

    static Array scalar(long v, DType dtype) {
        Buffer buffer = Allocator.instance().allocate(dtype.size());
        ElementAccess.setLong(buffer.segment(), dtype, 0, v);
        return constant(buffer, dtype, SCALAR);
    }

    static Array complexScalar(float re, float im) {
        Buffer buffer = Allocator.instance().allocate(DType.COMPLEX64.size());
        ElementAccess.setComplex(buffer.segment(), 0, re, im);
        return constant(buffer, DType.COMPLEX64, SCALAR);
    }

    static Array full(int[] shape, double value, DType dtype) {
        Shapes.checkShape("full", shape);
        return Ops.make(new Full(value), shape.clone(), dtype);
    }

    static Array arange(double start, double stop, double step, DType dtype) {
        if (step == 0 || Double.isNaN(step)) throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        if (!Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("arange: start and stop must be finite, got " + start + " and " + stop);
        }
        double n = Math.ceil((stop - start) / step);
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("arange: " + n + " elements is too many");
        int count = (int) Math.max(0, n);
        return Ops.make(new Arange(start, step), new int[] {count}, dtype);
    }

    static Array linspace(double start, double stop, int num, DType dtype) {
        if (num < 0) throw new IllegalArgumentException("linspace: num must be >= 0, got " + num);
        double step = num > 1 ? (stop - start) / (num - 1) : 0;
        if (!dtype.isInexact()) { // computed in float32 and cast, as MLX does
            return Ops.astype(Ops.make(new Arange(start, step), new int[] {num}, DType.FLOAT32), dtype);
        }
        return Ops.make(new Arange(start, step), new int[] {num}, dtype);
    }

    static Array eye(int n, int m, int k, DType dtype) {
        if (n < 0 || m < 0) throw new IllegalArgumentException("eye: n and m must be >= 0, got " + n + " and " + m);
        Array rows = ShapeOps.reshape(arange(0, n, 1, DType.INT32), n, 1);
        Array cols = ShapeOps.reshape(arange(-k, m - k, 1, DType.INT32), 1, m);
        return Ops.astype(Mx.equal(rows, cols), dtype);
    }
}
