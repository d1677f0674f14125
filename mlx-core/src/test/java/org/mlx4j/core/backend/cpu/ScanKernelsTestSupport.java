package org.mlx4j.core.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.mlx4j.core.DType;

/** Random arrays in assorted memory layouts and plain element reads for the scan/sort/gather/scatter tests. */
final class ScanKernelsTestSupport {
    private ScanKernelsTestSupport() {}

    static final Arena ARENA = Arena.ofAuto();

    /** How a logical array is laid out in memory. */
    enum Layout { CONTIGUOUS, PERMUTED, REVERSED, STEPPED, BROADCAST }

    static final DType[] REAL_TYPES = {
        DType.BOOL, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64, DType.INT8, DType.INT16, DType.INT32,
        DType.INT64, DType.FLOAT16, DType.BFLOAT16, DType.FLOAT32, DType.FLOAT64
    };

    static MemorySegment alloc(long elements, DType t) {
        return ARENA.allocate(Math.max(1, elements) * t.size(), 64);
    }

    static StridedView zeros(DType t, int... shape) {
        return StridedView.contiguous(alloc(StridedView.sizeOf(shape), t), t, shape);
    }

    /** A view of the given logical shape and layout whose elements are filled by {@code values}. */
    static StridedView view(DType t, int[] shape, Layout layout, ValueSource values) {
        int nd = shape.length;
        long size = StridedView.sizeOf(shape);
        long[] strides;
        long offset = 0;
        long physical;
        switch (layout) {
            case PERMUTED -> {
                int[] rev = new int[nd];
                for (int d = 0; d < nd; d++) rev[d] = shape[nd - 1 - d];
                long[] rs = StridedView.rowMajorStrides(rev);
                strides = new long[nd];
                for (int d = 0; d < nd; d++) strides[d] = rs[nd - 1 - d];
                physical = size;
            }
            case REVERSED -> {
                strides = StridedView.rowMajorStrides(shape);
                for (int d = 0; d < nd; d++) {
                    if (shape[d] > 0) offset += (shape[d] - 1) * strides[d];
                    strides[d] = -strides[d];
                }
                physical = size;
            }
            case STEPPED -> {
                strides = StridedView.rowMajorStrides(shape);
                for (int d = 0; d < nd; d++) strides[d] *= 2;
                offset = 1;
                physical = 2 * size + 1;
            }
            case BROADCAST -> {
                strides = StridedView.rowMajorStrides(shape);
                if (nd > 0) { // axis 0 repeats one block
                    strides[0] = 0;
                }
                physical = nd > 0 && shape[0] > 0 ? size / shape[0] : size;
            }
            default -> {
                strides = StridedView.rowMajorStrides(shape);
                physical = size;
            }
        }
        MemorySegment seg = alloc(physical, t);
        StridedView v = new StridedView(seg, offset, shape, strides, t);
        for (long i = 0; i < size; i++) values.write(seg, t, offsetOf(v, i), i);
        return v;
    }

    /** Writes element {@code linear} of a view at {@code index} (an element index into the segment). */
    @FunctionalInterface
    interface ValueSource {
        void write(MemorySegment s, DType t, long index, long linear);
    }

    /** Random values suited to the dtype: small multiples of 1/4 for floats (ties happen), full range for integers. */
    static ValueSource randomValues(Random r) {
        return (s, t, index, linear) -> {
            switch (t) {
                case BOOL -> ElementAccess.setLong(s, t, index, r.nextInt(2));
                case FLOAT16, BFLOAT16, FLOAT32, FLOAT64 -> ElementAccess.setDouble(s, t, index, (r.nextInt(81) - 40) / 4.0);
                case COMPLEX64 -> ElementAccess.setComplex(s, index, (r.nextInt(41) - 20) / 4f, (r.nextInt(41) - 20) / 4f);
                case UINT64, INT64 -> ElementAccess.setLong(s, t, index, r.nextInt(4) == 0 ? r.nextInt(7) - 3 : r.nextLong());
                default -> ElementAccess.setLong(s, t, index, r.nextInt(4) == 0 ? r.nextInt(7) - 3 : r.nextLong());
            }
        };
    }

    /** Integers in [lo, hi] (for index arrays), written in the view's dtype. */
    static ValueSource ints(Random r, int lo, int hi) {
        return (s, t, index, linear) -> ElementAccess.setLong(s, t, index, lo + r.nextInt(hi - lo + 1));
    }

    static StridedView random(DType t, Random r, Layout layout, int... shape) {
        return view(t, shape, layout, randomValues(r));
    }

    /** Segment element index of the element at row-major position {@code linear} of a view. */
    static long offsetOf(StridedView v, long linear) {
        long off = v.offset();
        int[] shape = v.shape();
        for (int d = shape.length - 1; d >= 0; d--) {
            off += (linear % shape[d]) * v.strides()[d];
            linear /= shape[d];
        }
        return off;
    }

    static long offsetOf(StridedView v, int... idx) {
        long off = v.offset();
        for (int d = 0; d < idx.length; d++) off += idx[d] * v.strides()[d];
        return off;
    }

    static double getDouble(StridedView v, long linear) {
        return ElementAccess.getDouble(v.segment(), v.dtype(), offsetOf(v, linear));
    }

    static long getLong(StridedView v, long linear) {
        return ElementAccess.getLong(v.segment(), v.dtype(), offsetOf(v, linear));
    }

    /** The element's raw bits (zero-extended). */
    static long raw(StridedView v, long linear) {
        return rawAt(v.segment(), v.dtype(), offsetOf(v, linear));
    }

    static long rawAt(MemorySegment s, DType t, long index) {
        return switch (t.size()) {
            case 1 -> s.get(ValueLayout.JAVA_BYTE, index) & 0xff;
            case 2 -> s.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, index) & 0xffff;
            case 4 -> s.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, index) & 0xffffffffL;
            default -> s.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, index);
        };
    }

    /** Multi-index of a row-major position. */
    static int[] unravel(long linear, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = (int) (linear % shape[d]);
            linear /= shape[d];
        }
        return idx;
    }

    static long ravel(int[] idx, int[] shape) {
        long l = 0;
        for (int d = 0; d < shape.length; d++) l = l * shape[d] + idx[d];
        return l;
    }

    /** Wraps a 64-bit integer to the dtype's width and signedness (bool: v != 0). */
    static long wrap(long v, DType t) {
        return switch (t) {
            case BOOL -> v != 0 ? 1 : 0;
            case INT8 -> (byte) v;
            case UINT8 -> v & 0xff;
            case INT16 -> (short) v;
            case UINT16 -> v & 0xffff;
            case INT32 -> (int) v;
            case UINT32 -> v & 0xffffffffL;
            default -> v;
        };
    }

    /** The dtype's rounding of a double (through memory, as the kernels store). */
    static double round(double v, DType t) {
        return switch (t) {
            case FLOAT64 -> v;
            case FLOAT32 -> (float) v;
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> HalfFloats.bf16ToFloat(HalfFloats.floatToBf16((float) v));
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    /** A scalar view (shape []) of a single value. */
    static StridedView scalarIndex(DType t, long value) {
        MemorySegment s = alloc(1, t);
        ElementAccess.setLong(s, t, 0, value);
        return new StridedView(s, 0, new int[0], new long[0], t);
    }

    /** A contiguous index vector of the given dtype. */
    static StridedView indexVector(DType t, long... values) {
        MemorySegment s = alloc(values.length, t);
        for (int i = 0; i < values.length; i++) ElementAccess.setLong(s, t, i, values[i]);
        return StridedView.contiguous(s, t, values.length);
    }
}
