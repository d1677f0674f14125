package org.mlx4j.core.io;

import java.io.IOException;
import java.util.List;
import org.mlx4j.core.DType;

/**
 * MLX's {@code .mlxfn} encoding of functions ({@code mx.export_function}), little-endian:
 * <pre>
 * header:    string version, int32 function count, bool shapeless
 * function:  string[] keyword-argument keys, uint64[] input ids, array[] inputs (shape, dtype), uint64[] output ids,
 *            uint64 tape length, then per tape entry: uint64 id, bool has_primitive and
 *              - with a primitive: uint64[] input ids, the primitive (int32 stream index, int32 device type, int32
 *                device index, string name, its state), uint64 sibling count, then for none: shape and dtype, else
 *                uint64[] sibling ids, shape[] and dtype[];
 *              - without: bool is_constant, and for a constant not written before in the file: shape, dtype and its
 *                row-major bytes.
 * string:    uint64 length, UTF-8 bytes;  T[]: uint64 count, then the elements;  bool: one byte;
 * shape:     int32[];  dtype: int32 MLX dtype number, uint8 element size.
 * </pre>
 * MLX's dtype numbers: bool 0, uint8 1, uint16 2, uint32 3, uint64 4, int8 5, int16 6, int32 7, int64 8,
 * float16 9, float32 10, float64 11, bfloat16 12, complex64 13.
 */
final class MlxfnFormat {
    private MlxfnFormat() {}

    /** The version written into exported files: the MLX release whose format this is. */
    static final String VERSION = "0.31.0";
    static final int MAX_DIMS = 64;

    private static final List<DType> MLX_DTYPES = List.of(DType.BOOL, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64, DType.INT8,
            DType.INT16, DType.INT32, DType.INT64, DType.FLOAT16, DType.FLOAT32, DType.FLOAT64, DType.BFLOAT16, DType.COMPLEX64);

    static DType readDtype(LittleEndianCursor c, String what) throws IOException {
        int v = c.u32("the dtype of " + what);
        int size = c.u8("the dtype size of " + what);
        if (v < 0 || v >= MLX_DTYPES.size()) throw new IOException("corrupt .mlxfn file: " + what + " has dtype number " + v + " (valid: 0 to 13)");
        DType t = MLX_DTYPES.get(v);
        if (t.size() != size) throw new IOException("corrupt .mlxfn file: " + what + " has dtype " + t + " of size " + size + " (it is " + t.size() + ")");
        return t;
    }

    static void writeDtype(LittleEndianWriter w, DType t) {
        w.u32(MLX_DTYPES.indexOf(t));
        w.u8(t.size());
    }

    /** A shape or an axis list: a uint64 count, then int32s; no more than the file can hold. */
    static int[] readInts(LittleEndianCursor c, String what) throws IOException {
        long n = count(c, 4, "the length of " + what);
        if (n > MAX_DIMS) throw new IOException("corrupt .mlxfn file: " + what + " has " + n + " entries (at most " + MAX_DIMS + ")");
        int[] v = new int[(int) n];
        for (int i = 0; i < n; i++) v[i] = c.u32(what);
        return v;
    }

    static void writeInts(LittleEndianWriter w, int[] v) {
        w.u64(v.length);
        for (int x : v) w.u32(x);
    }

    static int[] readShape(LittleEndianCursor c, String what) throws IOException {
        int[] s = readInts(c, "the shape of " + what);
        for (int d : s) if (d < 0) throw new IOException("corrupt .mlxfn file: " + what + " has shape " + RawTensor.shapeString(s));
        return s;
    }

    /** A uint64 count of elements of at least {@code minBytes} each, checked against the bytes left. */
    static long count(LittleEndianCursor c, int minBytes, String what) throws IOException {
        long n = c.u64(what);
        if (n < 0 || n > c.remaining() / minBytes) {
            throw new IOException("corrupt .mlxfn file: " + what + " " + Long.toUnsignedString(n) + " is more than the " + c.remaining()
                    + " bytes left in the file can hold");
        }
        return n;
    }

    static long[] readIds(LittleEndianCursor c, String what) throws IOException {
        long n = count(c, 8, "the length of " + what);
        long[] ids = new long[(int) n];
        for (int i = 0; i < n; i++) ids[i] = c.u64(what);
        return ids;
    }

    static void writeIds(LittleEndianWriter w, long[] ids) {
        w.u64(ids.length);
        for (long id : ids) w.u64(id);
    }
}
