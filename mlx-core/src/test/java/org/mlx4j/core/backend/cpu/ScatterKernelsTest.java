package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.core.backend.cpu.ScanKernelsTestSupport.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.ScanKernelsTestSupport.Layout;
import org.mlx4j.core.backend.cpu.ScatterKernels.Mode;

class ScatterKernelsTest {

    private static final DType[] TYPES = {
        DType.FLOAT32, DType.FLOAT16, DType.BFLOAT16, DType.FLOAT64, DType.INT32, DType.UINT8, DType.INT8,
        DType.INT64, DType.UINT64, DType.UINT32, DType.BOOL, DType.COMPLEX64
    };

    @Test
    void rowScatterWithDuplicatesEveryModeAndDtype() {
        Random r = new Random(41);
        for (DType t : TYPES) {
            for (Mode mode : Mode.values()) {
                Layout layout = Layout.values()[(t.ordinal() + mode.ordinal()) % Layout.values().length];
                StridedView idx = view(DType.INT32, new int[] {8}, Layout.CONTIGUOUS, ints(r, -6, 5));
                StridedView upd = view(t, new int[] {8, 1, 5}, layout, values(r));
                check(mode, new StridedView[] {idx}, new int[] {0}, upd, new int[] {6, 5}, r);
            }
        }
    }

    @Test
    void multiAxisPartialSlicesAndNoIndexArrays() {
        Random r = new Random(42);
        for (DType t : new DType[] {DType.FLOAT32, DType.INT16, DType.FLOAT16, DType.UINT64, DType.COMPLEX64}) {
            for (Mode mode : Mode.values()) {
                // two index arrays broadcast to B = [3, 4] (one through a zero stride) on axes 0 and 2
                StridedView i0 = view(DType.INT64, new int[] {3, 4}, Layout.BROADCAST, ints(r, -4, 3));
                StridedView i2 = view(DType.UINT8, new int[] {3, 4}, Layout.PERMUTED, ints(r, 0, 5));
                check(mode, new StridedView[] {i0, i2}, new int[] {0, 2},
                        view(t, new int[] {3, 4, 1, 5, 1}, Layout.REVERSED, values(r)), new int[] {4, 5, 6}, r);
                // slices of [2, 3, 6] starting at an index along axis 1 (start + 3 <= 5)
                StridedView i1 = view(DType.INT8, new int[] {4}, Layout.STEPPED, (s, dt, at, l) ->
                        ElementAccess.setLong(s, dt, at, r.nextBoolean() ? r.nextInt(3) : -5 + r.nextInt(3)));
                check(mode, new StridedView[] {i1}, new int[] {1},
                        view(t, new int[] {4, 2, 3, 6}, Layout.PERMUTED, values(r)), new int[] {4, 5, 6}, r);
                // no index arrays: both batch entries update the same leading block
                check(mode, new StridedView[0], new int[0], view(t, new int[] {2, 3, 5, 6}, Layout.CONTIGUOUS, values(r)),
                        new int[] {4, 5, 6}, r);
            }
        }
    }

    @Test
    void wideSlicesSplitAcrossThreadsKeepUpdateOrder() {
        Random r = new Random(43);
        for (DType t : new DType[] {DType.FLOAT32, DType.INT32, DType.FLOAT64}) {
            for (Mode mode : Mode.values()) {
                StridedView idx = view(DType.INT32, new int[] {6}, Layout.CONTIGUOUS, ints(r, 0, 3));
                check(mode, new StridedView[] {idx}, new int[] {0},
                        view(t, new int[] {6, 1, 12000}, Layout.STEPPED, values(r)), new int[] {4, 12000}, r);
            }
        }
    }

    @Test
    void elementScatterWithManyDuplicates() {
        Random r = new Random(44);
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.FLOAT16, DType.UINT8}) {
            for (Mode mode : Mode.values()) {
                StridedView idx = view(DType.UINT32, new int[] {3000}, Layout.REVERSED, ints(r, 0, 999));
                check(mode, new StridedView[] {idx}, new int[] {0}, view(t, new int[] {3000, 1}, Layout.CONTIGUOUS, values(r)),
                        new int[] {1000}, r);
            }
        }
    }

    @Test
    void setKeepsTheLastWriteAndAddAccumulatesAll() {
        StridedView out = zeros(DType.FLOAT32, 3);
        StridedView idx = indexVector(DType.INT32, 1, -2, 1, 0);
        StridedView upd = zeros(DType.FLOAT32, 4, 1);
        for (int i = 0; i < 4; i++) upd.segment().setAtIndex(ElementAccess.F32, i, i + 1);
        ScatterKernels.scatter(Mode.SET, new StridedView[] {idx}, new int[] {0}, upd, out);
        assertThat(floats(out)).containsExactly(4f, 3f, 0f);
        ScatterKernels.scatter(Mode.ADD, new StridedView[] {idx}, new int[] {0}, upd, out);
        assertThat(floats(out)).containsExactly(8f, 9f, 0f);
        StridedView bools = zeros(DType.BOOL, 2);
        StridedView ones = indexVector(DType.BOOL, 1, 1);
        ScatterKernels.scatter(Mode.ADD, new StridedView[] {indexVector(DType.INT32, 0, 0)}, new int[] {0},
                new StridedView(ones.segment(), 0, new int[] {2, 1}, new long[] {1, 1}, DType.BOOL), bools);
        assertThat(getLong(bools, 0)).isEqualTo(1L); // bool add is a logical or
        StridedView nan = zeros(DType.FLOAT32, 1);
        StridedView nanUpd = zeros(DType.FLOAT32, 2, 1);
        nanUpd.segment().setAtIndex(ElementAccess.F32, 0, Float.NaN);
        nanUpd.segment().setAtIndex(ElementAccess.F32, 1, 5f);
        ScatterKernels.scatter(Mode.MAX, new StridedView[] {indexVector(DType.INT32, 0, 0)}, new int[] {0}, nanUpd, nan);
        assertThat(floats(nan)[0]).isNaN();
    }

    @Test
    void scatterErrorsAreNamed() {
        StridedView out = zeros(DType.FLOAT32, 4, 5);
        StridedView upd = zeros(DType.FLOAT32, 2, 1, 5);
        assertThatThrownBy(() -> ScatterKernels.scatter(Mode.ADD, new StridedView[] {indexVector(DType.INT32, 0, 4)},
                new int[] {0}, upd, out)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("scatter(add): index 4 is out of bounds for axis 0 with size 4");
        assertThatThrownBy(() -> ScatterKernels.scatter(Mode.SET, new StridedView[] {indexVector(DType.INT32, -5, 0)},
                new int[] {0}, upd, out)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index -5");
        assertThatThrownBy(() -> ScatterKernels.scatter(Mode.SET, new StridedView[] {indexVector(DType.INT32, 3, 0)},
                new int[] {0}, zeros(DType.FLOAT32, 2, 2, 5), out)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 3 with slice size 2");
        assertThatThrownBy(() -> ScatterKernels.scatter(Mode.SET, new StridedView[] {indexVector(DType.INT32, 0, 1)},
                new int[] {0}, zeros(DType.FLOAT32, 2, 1, 6), out)).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> ScatterKernels.scatter(Mode.SET, new StridedView[] {indexVector(DType.INT32, 0, 1, 2)},
                new int[] {0}, upd, out)).hasMessageContaining("updates of shape [2, 1, 5]");
        assertThatThrownBy(() -> ScatterKernels.scatter(Mode.SET, new StridedView[] {indexVector(DType.INT32, 0, 1)},
                new int[] {0}, zeros(DType.FLOAT64, 2, 1, 5), out)).hasMessageContaining("float64");
        assertThatThrownBy(() -> ScatterKernels.scatter(Mode.SET, new StridedView[] {zeros(DType.FLOAT32, 2)},
                new int[] {0}, upd, out)).hasMessageContaining("integer");
    }

    @Test
    void putAlongAxisMatchesReference() {
        Random r = new Random(45);
        for (DType t : TYPES) {
            for (Mode mode : Mode.values()) {
                for (int axis = 0; axis < 3; axis++) {
                    int[] shape = {4, 5, 6};
                    int[] ishape = shape.clone();
                    ishape[axis] = 3 + 2 * axis; // axis 2 has more updates than slots: duplicates
                    Layout il = Layout.values()[(axis + mode.ordinal()) % 5];
                    Layout vl = Layout.values()[(axis + t.ordinal()) % 5];
                    StridedView idx = view(DType.INT16, ishape, il, ints(r, -shape[axis], shape[axis] - 1));
                    checkPut(mode, idx, view(t, ishape, vl, values(r)), axis, shape, r);
                }
            }
        }
        StridedView idx = view(DType.INT64, new int[] {10, 3000}, Layout.CONTIGUOUS, ints(r, -64, 63));
        checkPut(Mode.ADD, idx, view(DType.FLOAT32, new int[] {10, 3000}, Layout.PERMUTED, values(r)), 0,
                new int[] {64, 3000}, r);
        checkPut(Mode.SET, idx, view(DType.INT32, new int[] {10, 3000}, Layout.CONTIGUOUS, values(r)), 0,
                new int[] {64, 3000}, r);
    }

    @Test
    void putAlongAxisErrors() {
        StridedView out = zeros(DType.FLOAT32, 3, 5);
        StridedView vals = zeros(DType.FLOAT32, 3, 2);
        StridedView idx = view(DType.INT32, new int[] {3, 2}, Layout.CONTIGUOUS, (s, t, i, l) -> ElementAccess.setLong(s, t, i, l == 4 ? 5 : 0));
        assertThatThrownBy(() -> ScatterKernels.putAlongAxis(Mode.SET, idx, vals, 1, out))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("putAlongAxis(set): index 5 is out of bounds for axis 1 with size 5");
        assertThatThrownBy(() -> ScatterKernels.putAlongAxis(Mode.ADD, idx, zeros(DType.FLOAT32, 3, 3), 1, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("except along axis 1");
        assertThatThrownBy(() -> ScatterKernels.putAlongAxis(Mode.ADD, idx, vals, 0, zeros(DType.FLOAT32, 3, 5)))
                .hasMessageContaining("except along axis 0");
    }

    // ---- reference ----

    private static ValueSource values(Random r) {
        return (s, t, index, linear) -> {
            switch (t) {
                case COMPLEX64 -> ElementAccess.setComplex(s, index, (r.nextInt(17) - 8) / 4f, (r.nextInt(17) - 8) / 4f);
                case FLOAT16, BFLOAT16, FLOAT32, FLOAT64 -> ElementAccess.setDouble(s, t, index, (r.nextInt(41) - 20) / 4.0);
                case BOOL -> ElementAccess.setLong(s, t, index, r.nextInt(2));
                default -> ElementAccess.setLong(s, t, index, r.nextInt(3) == 0 ? r.nextInt(5) - 2 : r.nextLong());
            }
        };
    }

    /** The destination as plain Java values with the dtype's arithmetic, updated one element at a time. */
    private static final class Reference {
        final DType t;
        final double[] re, im;
        final long[] ints;

        Reference(StridedView dest) {
            t = dest.dtype();
            int n = (int) dest.size();
            re = new double[n];
            im = new double[n];
            ints = new long[n];
            for (int i = 0; i < n; i++) {
                re[i] = ElementAccess.getDouble(dest.segment(), t, i);
                im[i] = ElementAccess.getImag(dest.segment(), t, i);
                ints[i] = ElementAccess.getLong(dest.segment(), t, i);
            }
        }

        void apply(Mode mode, int at, StridedView upd, long updIndex) {
            long src = offsetOf(upd, updIndex);
            if (t == DType.COMPLEX64) {
                float ur = (float) ElementAccess.getDouble(upd.segment(), t, src), ui = ElementAccess.getImag(upd.segment(), t, src);
                float dr = (float) re[at], di = (float) im[at];
                float rr, ri;
                switch (mode) {
                    case SET -> { rr = ur; ri = ui; }
                    case ADD -> { rr = dr + ur; ri = di + ui; }
                    case PROD -> { rr = dr * ur - di * ui; ri = dr * ui + di * ur; }
                    case MAX -> {
                        boolean keep = dr > ur || (dr == ur && di >= ui);
                        rr = keep ? dr : ur;
                        ri = keep ? di : ui;
                    }
                    case MIN -> {
                        boolean keep = dr < ur || (dr == ur && di <= ui);
                        rr = keep ? dr : ur;
                        ri = keep ? di : ui;
                    }
                    default -> throw new AssertionError();
                }
                re[at] = rr;
                im[at] = ri;
            } else if (t.isFloating()) {
                double u = ElementAccess.getDouble(upd.segment(), t, src), d = re[at];
                double v = switch (mode) {
                    case SET -> u;
                    case ADD -> d + u;
                    case PROD -> d * u;
                    case MAX -> Math.max(d, u);
                    case MIN -> Math.min(d, u);
                };
                re[at] = round(v, t);
            } else {
                long u = ElementAccess.getLong(upd.segment(), t, src), d = ints[at];
                boolean unsigned = t == DType.UINT64;
                ints[at] = switch (mode) {
                    case SET -> u;
                    case ADD -> wrap(d + u, t);
                    case PROD -> wrap(d * u, t);
                    case MAX -> (unsigned ? Long.compareUnsigned(d, u) >= 0 : d >= u) ? d : u;
                    case MIN -> (unsigned ? Long.compareUnsigned(d, u) <= 0 : d <= u) ? d : u;
                };
            }
        }

        void assertMatches(StridedView out, String what) {
            for (int i = 0; i < re.length; i++) {
                if (t == DType.COMPLEX64) {
                    double gr = ElementAccess.getDouble(out.segment(), t, i), gi = ElementAccess.getImag(out.segment(), t, i);
                    if (Math.abs(gr - re[i]) > 1e-5 * (1 + Math.abs(re[i])) || Math.abs(gi - im[i]) > 1e-5 * (1 + Math.abs(im[i]))) {
                        assertThat(new double[] {gr, gi}).as(what + " at " + i).containsExactly(re[i], im[i]);
                    }
                } else if (t.isFloating()) {
                    double g = ElementAccess.getDouble(out.segment(), t, i);
                    if (g != re[i]) assertThat(g).as(what + " at " + i).isEqualTo(re[i]);
                } else {
                    long g = ElementAccess.getLong(out.segment(), t, i);
                    if (g != ints[i]) assertThat(g).as(what + " at " + i).isEqualTo(ints[i]);
                }
            }
        }
    }

    private static void check(Mode mode, StridedView[] idx, int[] axes, StridedView upd, int[] outShape, Random r) {
        StridedView out = view(upd.dtype(), outShape, Layout.CONTIGUOUS, values(r));
        Reference ref = new Reference(out);
        ScatterKernels.scatter(mode, idx, axes, upd, out);
        int nb = upd.ndim() - outShape.length;
        int[] batch = Arrays.copyOfRange(upd.shape(), 0, nb);
        int[] slice = Arrays.copyOfRange(upd.shape(), nb, upd.ndim());
        for (long p = 0; p < upd.size(); p++) {
            int[] u = unravel(p, upd.shape());
            long b = ravel(Arrays.copyOfRange(u, 0, nb), batch);
            int[] dst = Arrays.copyOfRange(u, nb, u.length);
            for (int i = 0; i < axes.length; i++) {
                long v = getLong(idx[i], b);
                dst[axes[i]] += (int) (v < 0 ? v + outShape[axes[i]] : v);
            }
            ref.apply(mode, (int) ravel(dst, outShape), upd, p);
        }
        ref.assertMatches(out, "scatter " + mode + " " + upd + " axes " + Arrays.toString(axes) + " slice " + Arrays.toString(slice));
    }

    private static void checkPut(Mode mode, StridedView idx, StridedView vals, int axis, int[] outShape, Random r) {
        StridedView out = view(vals.dtype(), outShape, Layout.CONTIGUOUS, values(r));
        Reference ref = new Reference(out);
        ScatterKernels.putAlongAxis(mode, idx, vals, axis, out);
        for (long p = 0; p < idx.size(); p++) {
            int[] pos = unravel(p, idx.shape());
            long v = getLong(idx, p);
            pos[axis] = (int) (v < 0 ? v + outShape[axis] : v);
            ref.apply(mode, (int) ravel(pos, outShape), vals, p);
        }
        ref.assertMatches(out, "putAlongAxis " + mode + " " + vals + " axis " + axis);
    }

    private static float[] floats(StridedView v) {
        float[] f = new float[(int) v.size()];
        for (int i = 0; i < f.length; i++) f[i] = v.segment().getAtIndex(ElementAccess.F32, i);
        return f;
    }
}
