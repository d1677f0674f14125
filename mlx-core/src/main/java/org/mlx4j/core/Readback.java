package org.mlx4j.core;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.backend.cpu.CopyKernels;
import org.mlx4j.core.backend.cpu.ElementAccess;
import org.mlx4j.core.backend.cpu.StridedView;
import org.mlx4j.core.graph.Data;
import org.mlx4j.core.graph.Node;

/** Reads evaluated values back into Java: scalars, primitive arrays, lists, raw bytes. */
final class Readback {
    private Readback() {}

    /** Evaluates and returns a view of the values. */
    private static StridedView view(Array a, String what) {
        Evaluation.implicit(a, what);
        Node n = a.node();
        Data d = n.data();
        if (d == null) throw new IllegalStateException(what + ": the array was closed");
        return d.view(n.shape, n.dtype);
    }

    private static StridedView scalarView(Array a, String what) {
        if (a.size() != 1) {
            throw new IllegalArgumentException(what + ": only arrays of one element can be converted to a scalar, got shape "
                    + Shapes.str(a.node().shape));
        }
        return view(a, what);
    }

    static double scalar(Array a, String what) {
        StridedView v = scalarView(a, what);
        return ElementAccess.getDouble(v.segment(), v.dtype(), v.offset());
    }

    static long scalarLong(Array a, String what) {
        StridedView v = scalarView(a, what);
        return ElementAccess.getLong(v.segment(), v.dtype(), v.offset());
    }

    /** The values converted to {@code dtype}, row-major, in a fresh heap segment of the right kind. */
    private static void convertInto(Array a, String what, DType dtype, MemorySegment dst) {
        StridedView src = view(a, what);
        CopyKernels.copy(src, StridedView.contiguous(dst, dtype, a.node().shape));
    }

    private static int checkedLength(Array a, String what) {
        long n = a.size();
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(what + ": " + n + " elements do not fit a Java array");
        return (int) n;
    }

    static float[] floats(Array a) {
        float[] out = new float[checkedLength(a, "toFloatArray")];
        convertInto(a, "toFloatArray", DType.FLOAT32, MemorySegment.ofArray(out));
        return out;
    }

    static double[] doubles(Array a) {
        double[] out = new double[checkedLength(a, "toDoubleArray")];
        convertInto(a, "toDoubleArray", DType.FLOAT64, MemorySegment.ofArray(out));
        return out;
    }

    static int[] ints(Array a) {
        int[] out = new int[checkedLength(a, "toIntArray")];
        convertInto(a, "toIntArray", DType.INT32, MemorySegment.ofArray(out));
        return out;
    }

    static long[] longs(Array a) {
        long[] out = new long[checkedLength(a, "toLongArray")];
        convertInto(a, "toLongArray", DType.INT64, MemorySegment.ofArray(out));
        return out;
    }

    static boolean[] booleans(Array a) {
        byte[] bytes = new byte[checkedLength(a, "toBooleanArray")];
        convertInto(a, "toBooleanArray", DType.BOOL, MemorySegment.ofArray(bytes));
        boolean[] out = new boolean[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = bytes[i] != 0;
        return out;
    }

    static byte[] bytes(Array a) {
        long n = a.size() * a.dtype().size();
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("toBytes: " + n + " bytes do not fit a Java array");
        byte[] out = new byte[(int) n];
        convertInto(a, "toBytes", a.dtype(), MemorySegment.ofArray(out));
        return out;
    }

    static Object list(Array a) {
        StridedView v = view(a, "toList");
        if (v.ndim() == 0) return box(v, v.offset());
        return listAt(v, 0, v.offset());
    }

    private static List<Object> listAt(StridedView v, int axis, long offset) {
        int n = v.shape()[axis];
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long off = offset + i * v.strides()[axis];
            out.add(axis == v.ndim() - 1 ? box(v, off) : listAt(v, axis + 1, off));
        }
        return out;
    }

    /** The element as the boxed Java type closest to its dtype. */
    static Object box(StridedView v, long index) {
        MemorySegment s = v.segment();
        DType t = v.dtype();
        return switch (t) {
            case BOOL -> ElementAccess.getLong(s, t, index) != 0;
            case UINT8, UINT16, INT8, INT16, INT32 -> (int) ElementAccess.getLong(s, t, index);
            case UINT32, INT64, UINT64 -> ElementAccess.getLong(s, t, index);
            case FLOAT16, BFLOAT16, FLOAT32 -> (float) ElementAccess.getDouble(s, t, index);
            case FLOAT64 -> ElementAccess.getDouble(s, t, index);
            case COMPLEX64 -> new float[] {(float) ElementAccess.getDouble(s, t, index), ElementAccess.getImag(s, t, index)};
        };
    }

    /** Values for printing: the evaluated view. */
    static StridedView evaluated(Array a) { return view(a, "toString"); }
}
