package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.ReduceOp;

class ReduceKernelsTest {
    private final Arena arena = Arena.ofShared();
    private final Random rnd = new Random(20261125);

    @AfterEach
    void close() { arena.close(); }

    // ------------------------------------------------------------------ input construction

    /** Ways of laying out the same logical array in memory. */
    enum Layout { CONTIGUOUS, TRANSPOSED, REVERSED, BROADCAST, STEP2, OFFSET_PERMUTED }

    static MemorySegment alloc(Arena arena, DType t, long n) {
        return arena.allocate(Math.max(1, n) * t.size(), 64);
    }

    /** Random values of {@code t} at every element of {@code seg} ({@code n} elements). */
    static void fillRandom(MemorySegment seg, DType t, long n, Random rnd, boolean forProd) {
        for (long i = 0; i < n; i++) {
            switch (t) {
                case BOOL -> ElementAccess.setLong(seg, t, i, rnd.nextInt(10) < 8 ? 1 : 0);
                case FLOAT16, BFLOAT16, FLOAT32, FLOAT64 -> ElementAccess.setDouble(seg, t, i, randomFloat(rnd, forProd));
                case COMPLEX64 -> ElementAccess.setComplex(seg, i, (float) randomFloat(rnd, forProd),
                        (float) (forProd ? rnd.nextDouble() * 0.2 - 0.1 : randomFloat(rnd, false)));
                default -> {
                    long v = rnd.nextLong();
                    // mostly small values, sometimes extreme ones, never all zero
                    if (rnd.nextInt(4) != 0) v = rnd.nextInt(201) - 100;
                    if (forProd && rnd.nextInt(8) != 0) v = rnd.nextInt(5) - 2;
                    ElementAccess.setLong(seg, t, i, v);
                }
            }
        }
    }

    private static double randomFloat(Random rnd, boolean forProd) {
        if (forProd) return (rnd.nextBoolean() ? 1 : -1) * Math.exp(rnd.nextDouble() * 0.44 - 0.22);
        return rnd.nextDouble() * 4 - 2;
    }

    StridedView make(DType t, int[] shape, Layout layout, boolean forProd) {
        return make(arena, rnd, t, shape, layout, forProd);
    }

    /** A random {@code t} array of logical {@code shape}, stored as {@code layout} says. */
    static StridedView make(Arena arena, Random rnd, DType t, int[] shape, Layout layout, boolean forProd) {
        int nd = shape.length;
        switch (layout) {
            case CONTIGUOUS -> {
                MemorySegment seg = alloc(arena, t, StridedView.sizeOf(shape));
                fillRandom(seg, t, StridedView.sizeOf(shape), rnd, forProd);
                return StridedView.contiguous(seg, t, shape);
            }
            case TRANSPOSED -> {
                int[] rev = new int[nd];
                for (int i = 0; i < nd; i++) rev[i] = shape[nd - 1 - i];
                long[] rs = StridedView.rowMajorStrides(rev);
                long[] strides = new long[nd];
                for (int i = 0; i < nd; i++) strides[i] = rs[nd - 1 - i];
                MemorySegment seg = alloc(arena, t, StridedView.sizeOf(shape));
                fillRandom(seg, t, StridedView.sizeOf(shape), rnd, forProd);
                return new StridedView(seg, 0, shape, strides, t);
            }
            case REVERSED -> {
                long[] strides = StridedView.rowMajorStrides(shape);
                long off = 0;
                for (int i : new int[] {0, nd - 1}) {
                    if (strides[i] > 0) {
                        off += (shape[i] - 1) * strides[i];
                        strides[i] = -strides[i];
                    }
                }
                MemorySegment seg = alloc(arena, t, StridedView.sizeOf(shape));
                fillRandom(seg, t, StridedView.sizeOf(shape), rnd, forProd);
                return new StridedView(seg, off, shape, strides, t);
            }
            case BROADCAST -> {
                int b = nd > 1 ? 1 : 0;
                int[] stored = shape.clone();
                stored[b] = 1;
                long[] strides = StridedView.rowMajorStrides(stored);
                strides[b] = 0;
                MemorySegment seg = alloc(arena, t, StridedView.sizeOf(stored));
                fillRandom(seg, t, StridedView.sizeOf(stored), rnd, forProd);
                return new StridedView(seg, 0, shape, strides, t);
            }
            case STEP2 -> {
                int[] stored = shape.clone();
                stored[nd - 1] = 2 * shape[nd - 1] + 1;
                long[] strides = StridedView.rowMajorStrides(stored);
                strides[nd - 1] = 2;
                MemorySegment seg = alloc(arena, t, StridedView.sizeOf(stored));
                fillRandom(seg, t, StridedView.sizeOf(stored), rnd, forProd);
                return new StridedView(seg, 1, shape, strides, t);
            }
            default -> { // stored as (axis1, axis2, ..., axis0) with a leading offset
                int[] stored = new int[nd];
                for (int i = 0; i < nd; i++) stored[i] = shape[(i + 1) % nd];
                long[] ss = StridedView.rowMajorStrides(stored);
                long[] strides = new long[nd];
                for (int i = 0; i < nd; i++) strides[(i + 1) % nd] = ss[i];
                MemorySegment seg = alloc(arena, t, StridedView.sizeOf(stored) + 5);
                fillRandom(seg, t, StridedView.sizeOf(stored) + 5, rnd, forProd);
                return new StridedView(seg, 5, shape, strides, t);
            }
        }
    }

    static int[] keepdims(int[] shape, int[] axes) {
        int[] s = shape.clone();
        for (int a : axes) s[a] = 1;
        return s;
    }

    StridedView run(ReduceOp op, StridedView in, int[] axes, DType outType) {
        int[] os = keepdims(in.shape(), axes);
        StridedView out = StridedView.contiguous(alloc(arena, outType, StridedView.sizeOf(os)), outType, os);
        ReduceKernels.reduce(op, in, axes, out);
        return out;
    }

    // ------------------------------------------------------------------ reference

    static long elementIndex(StridedView v, int[] idx) {
        long e = v.offset();
        for (int i = 0; i < idx.length; i++) e += idx[i] * v.strides()[i];
        return e;
    }

    static boolean next(int[] idx, int[] shape) {
        for (int i = shape.length - 1; i >= 0; i--) {
            if (++idx[i] < shape[i]) return true;
            idx[i] = 0;
        }
        return false;
    }

    /** Float64 / int64 reference values of one reduction, one accumulator per output element. */
    static final class Ref {
        final double[] re, im, abs;
        final long[] l;

        Ref(int n) {
            re = new double[n];
            im = new double[n];
            abs = new double[n];
            l = new long[n];
        }
    }

    static Ref reference(ReduceOp op, StridedView in, int[] axes) {
        DType t = in.dtype();
        int[] os = keepdims(in.shape(), axes);
        int n = (int) StridedView.sizeOf(os);
        Ref r = new Ref(n);
        boolean integer = t.isInteger() || t == DType.BOOL;
        for (int o = 0; o < n; o++) {
            switch (op) {
                case SUM -> {}
                case PROD -> { r.re[o] = 1; r.l[o] = 1; }
                case MAX -> {
                    r.re[o] = Double.NEGATIVE_INFINITY;
                    r.im[o] = t == DType.COMPLEX64 ? Double.NEGATIVE_INFINITY : 0;
                    r.l[o] = t.isSignedInteger() ? ReduceLongFamily.minValue(t) : 0;
                }
                case MIN -> {
                    r.re[o] = Double.POSITIVE_INFINITY;
                    r.im[o] = t == DType.COMPLEX64 ? Double.POSITIVE_INFINITY : 0;
                    r.l[o] = ReduceLongFamily.maxValue(t);
                }
                case ALL -> r.l[o] = 1;
                case ANY -> r.l[o] = 0;
            }
        }
        if (StridedView.sizeOf(in.shape()) == 0) return r;
        long[] ostr = StridedView.rowMajorStrides(os);
        int[] idx = new int[in.ndim()];
        boolean[] red = new boolean[in.ndim()];
        for (int a : axes) red[a] = true;
        do {
            long e = elementIndex(in, idx);
            int o = 0;
            for (int i = 0; i < idx.length; i++) if (!red[i]) o += (int) (idx[i] * ostr[i]);
            double x = integer ? 0 : ElementAccess.getDouble(in.segment(), t, e);
            double y = t == DType.COMPLEX64 ? ElementAccess.getImag(in.segment(), t, e) : 0;
            long v = integer ? ElementAccess.getLong(in.segment(), t, e) : 0;
            if (integer) x = v;
            switch (op) {
                case ALL -> r.l[o] &= (x != 0 || y != 0) ? 1 : 0;
                case ANY -> r.l[o] |= (x != 0 || y != 0) ? 1 : 0;
                case SUM -> {
                    r.re[o] += x;
                    r.im[o] += y;
                    r.abs[o] += Math.abs(x) + Math.abs(y);
                    r.l[o] += v;
                }
                case PROD -> {
                    if (t == DType.COMPLEX64) {
                        double pr = r.re[o] * x - r.im[o] * y;
                        r.im[o] = r.re[o] * y + r.im[o] * x;
                        r.re[o] = pr;
                    } else {
                        r.re[o] *= x;
                    }
                    r.l[o] *= v;
                }
                case MAX, MIN -> {
                    boolean max = op == ReduceOp.MAX;
                    if (integer) {
                        int c = t == DType.UINT64 ? Long.compareUnsigned(v, r.l[o]) : Long.compare(v, r.l[o]);
                        if (max ? c > 0 : c < 0) r.l[o] = v;
                    } else if (t == DType.COMPLEX64) {
                        boolean take = max ? (x > r.re[o] || (x == r.re[o] && y > r.im[o]))
                                : (x < r.re[o] || (x == r.re[o] && y < r.im[o]));
                        if (take) { r.re[o] = x; r.im[o] = y; }
                    } else {
                        r.re[o] = max ? Math.max(r.re[o], x) : Math.min(r.re[o], x);
                    }
                }
            }
        } while (next(idx, in.shape()));
        return r;
    }

    static double eps(DType t) {
        return switch (t) {
            case FLOAT16 -> 0x1p-10;
            case BFLOAT16 -> 0x1p-7;
            case FLOAT64 -> 0x1p-50;
            default -> 0x1p-22;
        };
    }

    /** What the reference value becomes when stored as {@code t} (via a 1-element buffer). */
    static double storedAs(DType t, double v) {
        MemorySegment one = MemorySegment.ofArray(new long[2]);
        ElementAccess.setDouble(one, t, 0, v);
        return ElementAccess.getDouble(one, t, 0);
    }

    static long storedLongAs(DType t, long v) {
        MemorySegment one = MemorySegment.ofArray(new long[2]);
        ElementAccess.setLong(one, t, 0, v);
        return ElementAccess.getLong(one, t, 0);
    }

    /** Checks {@code out} against the float64 / int64 reference. */
    static void check(ReduceOp op, StridedView in, int[] axes, StridedView out, String ctx) {
        Ref r = reference(op, in, axes);
        DType t = in.dtype(), ot = out.dtype();
        long n = out.size();
        long reducedCount = 1;
        for (int a : axes) reducedCount *= in.shape()[a];
        for (int o = 0; o < n; o++) {
            double got = ElementAccess.getDouble(out.segment(), ot, o);
            double gotIm = ElementAccess.getImag(out.segment(), ot, o);
            String bad = null; // messages are only built for a failure (outputs can number millions)
            if (op == ReduceOp.ALL || op == ReduceOp.ANY) {
                long g = ElementAccess.getLong(out.segment(), ot, o);
                if (g != r.l[o]) bad = "got " + g + " want " + r.l[o];
            } else if (t.isInteger() || t == DType.BOOL) {
                if (ot.isInteger() || ot == DType.BOOL) {
                    long g = ElementAccess.getLong(out.segment(), ot, o), want = storedLongAs(ot, r.l[o]);
                    if (g != want) bad = "got " + g + " want " + want;
                } else {
                    double ref = t == DType.UINT64 ? ElementAccess.unsignedToDouble(r.l[o]) : (double) r.l[o];
                    bad = same(got, storedAs(ot, ref));
                }
            } else if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
                bad = same(got, storedAs(ot, r.re[o]));
                if (bad == null && ot == DType.COMPLEX64) bad = same(gotIm, storedAs(DType.FLOAT32, r.im[o]));
            } else {
                double tol;
                double accEps = t == DType.FLOAT64 ? 0x1p-50 : 0x1p-22;
                if (op == ReduceOp.SUM) tol = accEps * 32 * r.abs[o] + eps(ot) * Math.abs(r.re[o]);
                else tol = (accEps * 4 * reducedCount + eps(ot)) * Math.hypot(r.re[o], r.im[o]);
                bad = close(got, storedAs(ot, r.re[o]), r.re[o], tol);
                if (bad == null && ot == DType.COMPLEX64) bad = close(gotIm, storedAs(DType.FLOAT32, r.im[o]), r.im[o], tol);
            }
            if (bad != null) fail(ctx + " out[" + o + "]: " + bad);
        }
    }

    /** null when got is want (NaN matching NaN), else what differs. */
    static String same(double got, double want) {
        boolean ok = Double.isNaN(want) ? Double.isNaN(got) : got == want;
        return ok ? null : "got " + got + " want " + want;
    }

    /** null when got is within tol of exact, allowing for the rounding of exact to the output dtype. */
    static String close(double got, double stored, double exact, double tol) {
        if (Double.isNaN(exact) || Double.isInfinite(stored)) return same(got, stored);
        double slack = Math.abs(stored - exact);
        double err = Math.abs(got - exact);
        return err <= tol + 2 * slack + Double.MIN_NORMAL ? null
                : "got " + got + " want " + exact + " (error " + err + " > " + (tol + 2 * slack) + ")";
    }

    void roundTrip(ReduceOp op, DType t, DType ot, int[] shape, int[] axes, Layout layout) {
        StridedView in = make(t, shape, layout, op == ReduceOp.PROD);
        StridedView out = run(op, in, axes, ot);
        check(op, in, axes, out, op + " " + t.mlxName() + "->" + ot.mlxName() + " " + Arrays.toString(shape)
                + " axes " + Arrays.toString(axes) + " " + layout);
    }

    static DType defaultOut(ReduceOp op, DType t) {
        return op == ReduceOp.ALL || op == ReduceOp.ANY ? DType.BOOL : t;
    }

    static List<int[]> allAxisSubsets(int nd) {
        List<int[]> subsets = new ArrayList<>();
        for (int m = 0; m < 1 << nd; m++) {
            int[] a = new int[Integer.bitCount(m)];
            int k = 0;
            for (int i = 0; i < nd; i++) if ((m & (1 << i)) != 0) a[k++] = i;
            subsets.add(a);
        }
        return subsets;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void everyOpAndDtypeOverEveryAxisSubset() {
        int[] shape = {5, 11, 37};
        for (ReduceOp op : ReduceOp.values()) {
            for (DType t : DType.values()) {
                for (int[] axes : allAxisSubsets(shape.length)) {
                    roundTrip(op, t, defaultOut(op, t), shape, axes, Layout.CONTIGUOUS);
                }
            }
        }
    }

    @Test
    void nonContiguousLayouts() {
        int[] shape = {6, 7, 41};
        DType[] types = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.FLOAT16, DType.UINT8,
                DType.BOOL, DType.COMPLEX64, DType.UINT64};
        for (Layout layout : Layout.values()) {
            for (ReduceOp op : ReduceOp.values()) {
                for (DType t : types) {
                    for (int[] axes : allAxisSubsets(shape.length)) {
                        roundTrip(op, t, defaultOut(op, t), shape, axes, layout);
                    }
                }
            }
        }
    }

    @Test
    void higherRankMixedAxesAndSizeOneAxes() {
        int[][] shapes = {{3, 1, 4, 5, 19}, {1, 1, 1}, {1}, {2, 3, 1, 33}, {70}};
        for (int[] shape : shapes) {
            for (int[] axes : allAxisSubsets(shape.length)) {
                for (DType t : new DType[] {DType.FLOAT32, DType.INT32, DType.BFLOAT16, DType.INT16}) {
                    for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX, ReduceOp.ANY}) {
                        roundTrip(op, t, defaultOut(op, t), shape, axes, Layout.CONTIGUOUS);
                        roundTrip(op, t, defaultOut(op, t), shape, axes, Layout.OFFSET_PERMUTED);
                    }
                }
            }
        }
    }

    @Test
    void outputDtypeMayDiffer() {
        int[] shape = {9, 130};
        Object[][] cases = {
                {DType.INT32, DType.INT64}, {DType.BOOL, DType.INT32}, {DType.INT8, DType.FLOAT32},
                {DType.FLOAT16, DType.FLOAT32}, {DType.FLOAT32, DType.FLOAT16}, {DType.UINT64, DType.FLOAT32},
                {DType.UINT32, DType.UINT64}, {DType.FLOAT64, DType.FLOAT32}, {DType.FLOAT32, DType.COMPLEX64},
                {DType.INT64, DType.INT8}, {DType.BFLOAT16, DType.FLOAT64}};
        for (Object[] c : cases) {
            for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.PROD, ReduceOp.MAX, ReduceOp.MIN}) {
                for (int[] axes : allAxisSubsets(2)) {
                    roundTrip(op, (DType) c[0], (DType) c[1], shape, axes, Layout.CONTIGUOUS);
                    roundTrip(op, (DType) c[0], (DType) c[1], shape, axes, Layout.TRANSPOSED);
                }
            }
        }
    }

    @Test
    void noAxesCopiesTheInputConverted() {
        StridedView in = make(DType.FLOAT16, new int[] {3, 50}, Layout.REVERSED, false);
        StridedView out = run(ReduceOp.SUM, in, new int[0], DType.FLOAT32);
        int[] idx = new int[2];
        int o = 0;
        do {
            double x = ElementAccess.getDouble(in.segment(), DType.FLOAT16, elementIndex(in, idx));
            assertThat(ElementAccess.getDouble(out.segment(), DType.FLOAT32, o++)).isEqualTo(x);
        } while (next(idx, in.shape()));
        StridedView any = run(ReduceOp.ANY, in, new int[0], DType.BOOL);
        for (int i = 0; i < any.size(); i++) {
            assertThat(ElementAccess.getLong(any.segment(), DType.BOOL, i)).isIn(0L, 1L);
        }
        check(ReduceOp.ANY, in, new int[0], any, "any no axes");
    }

    @Test
    void everyHalfBitPatternWidensExactly() {
        for (DType t : new DType[] {DType.FLOAT16, DType.BFLOAT16}) {
            MemorySegment seg = alloc(arena, t, 1 << 16);
            for (int i = 0; i < 1 << 16; i++) seg.setAtIndex(ValueLayout.JAVA_SHORT, i, (short) i);
            StridedView in = StridedView.contiguous(seg, t, 1 << 16);
            // no reduced axes: each output is its input widened (and MAX of one element is itself)
            for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX}) {
                StridedView out = run(op, in, new int[0], DType.FLOAT32);
                for (int i = 0; i < 1 << 16; i++) {
                    float want = t == DType.FLOAT16 ? Float.float16ToFloat((short) i) : HalfFloats.bf16ToFloat((short) i);
                    float got = out.segment().getAtIndex(ValueLayout.JAVA_FLOAT, i);
                    if (Float.isNaN(want) ? !Float.isNaN(got) : Float.floatToRawIntBits(got) != Float.floatToRawIntBits(want)) {
                        fail(t + " bits 0x" + Integer.toHexString(i) + ": got " + got + " want " + want);
                    }
                }
            }
        }
    }

    @Test
    void emptyReductionGivesTheIdentity() {
        for (DType t : DType.values()) {
            MemorySegment seg = alloc(arena, t, 1);
            StridedView in = StridedView.contiguous(seg, t, 3, 0, 2);
            for (ReduceOp op : ReduceOp.values()) {
                DType ot = defaultOut(op, t);
                StridedView out = run(op, in, new int[] {1}, ot);
                assertThat(out.size()).isEqualTo(6);
                for (int o = 0; o < 6; o++) {
                    String where = op + " " + t.mlxName() + " empty";
                    double got = ElementAccess.getDouble(out.segment(), ot, o);
                    switch (op) {
                        case SUM -> assertThat(got).as(where).isEqualTo(0.0);
                        case PROD -> assertThat(got).as(where).isEqualTo(1.0);
                        case ALL -> assertThat(got).as(where).isEqualTo(1.0);
                        case ANY -> assertThat(got).as(where).isEqualTo(0.0);
                        case MAX -> {
                            if (t.isInexact()) assertThat(got).as(where).isEqualTo(Double.NEGATIVE_INFINITY);
                            else assertThat(ElementAccess.getLong(out.segment(), ot, o)).as(where)
                                    .isEqualTo(t.isSignedInteger() ? ReduceLongFamily.minValue(t) : 0);
                        }
                        case MIN -> {
                            if (t.isInexact()) assertThat(got).as(where).isEqualTo(Double.POSITIVE_INFINITY);
                            else assertThat(ElementAccess.getLong(out.segment(), ot, o)).as(where)
                                    .isEqualTo(storedLongAs(t, ReduceLongFamily.maxValue(t)));
                        }
                    }
                }
            }
            // reducing only non-empty axes of an empty array writes nothing and does not fail
            StridedView none = run(ReduceOp.SUM, in, new int[] {0, 2}, t);
            assertThat(none.size()).isZero();
        }
        assertThat(ElementAccess.getLong(run(ReduceOp.MIN, StridedView.contiguous(alloc(arena, DType.UINT8, 1),
                DType.UINT8, 0), new int[] {0}, DType.UINT8).segment(), DType.UINT8, 0)).isEqualTo(255);
    }

    @Test
    void specialFloatValues() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16}) {
            for (int n : new int[] {5, 100, 3000}) {
                for (int pos : new int[] {0, n / 2, n - 1}) {
                    MemorySegment seg = alloc(arena, t, 2L * n);
                    fillRandom(seg, t, 2L * n, rnd, true); // magnitudes near 1: products stay finite
                    StridedView in = StridedView.contiguous(seg, t, 2, n);
                    ElementAccess.setDouble(seg, t, pos, Double.NaN);
                    ElementAccess.setDouble(seg, t, n + pos, Double.POSITIVE_INFINITY);
                    for (ReduceOp op : ReduceOp.values()) {
                        for (int[] axes : new int[][] {{1}, {0}, {0, 1}}) {
                            StridedView out = run(op, in, axes, defaultOut(op, t));
                            check(op, in, axes, out, "special " + op + " " + t.mlxName() + " n=" + n + " pos=" + pos
                                    + " axes " + Arrays.toString(axes));
                        }
                    }
                    StridedView max = run(ReduceOp.MAX, in, new int[] {1}, t);
                    assertThat(ElementAccess.getDouble(max.segment(), t, 0)).isNaN();
                    assertThat(ElementAccess.getDouble(max.segment(), t, 1)).isEqualTo(Double.POSITIVE_INFINITY);
                }
            }
        }
        // -0.0 is false, NaN is true, a complex number with only an imaginary part is true
        MemorySegment f = alloc(arena, DType.FLOAT32, 3);
        f.setAtIndex(ValueLayout.JAVA_FLOAT, 0, -0.0f);
        f.setAtIndex(ValueLayout.JAVA_FLOAT, 1, Float.NaN);
        f.setAtIndex(ValueLayout.JAVA_FLOAT, 2, -0.0f);
        StridedView fv = StridedView.contiguous(f, DType.FLOAT32, 3);
        assertThat(bool(run(ReduceOp.ANY, fv, new int[] {0}, DType.BOOL))).isTrue();
        assertThat(bool(run(ReduceOp.ALL, fv, new int[] {0}, DType.BOOL))).isFalse();
        assertThat(bool(run(ReduceOp.ANY, new StridedView(f, 0, new int[] {2}, new long[] {2}, DType.FLOAT32),
                new int[] {0}, DType.BOOL))).isFalse();
        MemorySegment c = alloc(arena, DType.COMPLEX64, 2);
        ElementAccess.setComplex(c, 0, 0f, 2f);
        ElementAccess.setComplex(c, 1, -0f, 0f);
        assertThat(bool(run(ReduceOp.ANY, StridedView.contiguous(c, DType.COMPLEX64, 2), new int[] {0}, DType.BOOL))).isTrue();
        assertThat(bool(run(ReduceOp.ALL, StridedView.contiguous(c, DType.COMPLEX64, 1), new int[] {0}, DType.BOOL))).isTrue();
    }

    private static boolean bool(StridedView v) {
        return ElementAccess.getLong(v.segment(), v.dtype(), 0) != 0;
    }

    @Test
    void integerWrapAndUnsignedCompare() {
        MemorySegment b = alloc(arena, DType.INT8, 100);
        for (int i = 0; i < 100; i++) b.set(ValueLayout.JAVA_BYTE, i, (byte) 100);
        StridedView bv = StridedView.contiguous(b, DType.INT8, 100);
        assertThat(run(ReduceOp.SUM, bv, new int[] {0}, DType.INT8).segment().get(ValueLayout.JAVA_BYTE, 0))
                .isEqualTo((byte) 10000);
        assertThat(run(ReduceOp.SUM, bv, new int[] {0}, DType.INT32).segment().get(ValueLayout.JAVA_INT, 0))
                .isEqualTo(10000);

        MemorySegment i32 = alloc(arena, DType.INT32, 300);
        for (int i = 0; i < 300; i++) i32.setAtIndex(ValueLayout.JAVA_INT, i, Integer.MAX_VALUE - i);
        StridedView iv = StridedView.contiguous(i32, DType.INT32, 300);
        long exact = 0;
        for (int i = 0; i < 300; i++) exact += Integer.MAX_VALUE - i;
        assertThat(run(ReduceOp.SUM, iv, new int[] {0}, DType.INT64).segment().get(ValueLayout.JAVA_LONG, 0)).isEqualTo(exact);
        assertThat(run(ReduceOp.SUM, iv, new int[] {0}, DType.INT32).segment().get(ValueLayout.JAVA_INT, 0)).isEqualTo((int) exact);

        MemorySegment u64 = alloc(arena, DType.UINT64, 70);
        for (int i = 0; i < 70; i++) u64.setAtIndex(ValueLayout.JAVA_LONG, i, i);
        u64.setAtIndex(ValueLayout.JAVA_LONG, 33, -5L); // 2^64 - 5
        StridedView uv = StridedView.contiguous(u64, DType.UINT64, 70);
        assertThat(run(ReduceOp.MAX, uv, new int[] {0}, DType.UINT64).segment().get(ValueLayout.JAVA_LONG, 0)).isEqualTo(-5L);
        assertThat(run(ReduceOp.MIN, uv, new int[] {0}, DType.UINT64).segment().get(ValueLayout.JAVA_LONG, 0)).isZero();
        assertThat(run(ReduceOp.MAX, uv, new int[] {0}, DType.FLOAT64).segment().get(ValueLayout.JAVA_DOUBLE, 0))
                .isEqualTo(0x1p64);

        MemorySegment u32 = alloc(arena, DType.UINT32, 40);
        for (int i = 0; i < 40; i++) u32.setAtIndex(ValueLayout.JAVA_INT, i, i + 1);
        u32.setAtIndex(ValueLayout.JAVA_INT, 7, -1); // 4294967295
        StridedView u32v = StridedView.contiguous(u32, DType.UINT32, 40);
        assertThat(run(ReduceOp.MAX, u32v, new int[] {0}, DType.UINT32).segment().get(ValueLayout.JAVA_INT, 0)).isEqualTo(-1);
        assertThat(run(ReduceOp.MIN, u32v, new int[] {0}, DType.UINT32).segment().get(ValueLayout.JAVA_INT, 0)).isEqualTo(1);
        assertThat(run(ReduceOp.SUM, u32v, new int[] {0}, DType.UINT64).segment().get(ValueLayout.JAVA_LONG, 0))
                .isEqualTo(0xffffffffL + 40L * 41 / 2 - 8);
    }

    @Test
    void broadcastInputsFoldRepeatsExactly() {
        // a scalar broadcast to (1000, 3000): sum is count * x, prod is x^count, max is x
        MemorySegment one = alloc(arena, DType.INT64, 1);
        one.set(ValueLayout.JAVA_LONG, 0, 3);
        StridedView b = new StridedView(one, 0, new int[] {1000, 3000}, new long[] {0, 0}, DType.INT64);
        assertThat(run(ReduceOp.SUM, b, new int[] {0, 1}, DType.INT64).segment().get(ValueLayout.JAVA_LONG, 0))
                .isEqualTo(9_000_000L);
        long pow = 1;
        for (int i = 0; i < 3000; i++) pow *= 3;
        assertThat(run(ReduceOp.PROD, b, new int[] {1}, DType.INT64).segment().get(ValueLayout.JAVA_LONG, 999 * 8))
                .isEqualTo(pow);
        StridedView s = run(ReduceOp.SUM, b, new int[] {1}, DType.INT64);
        for (int i = 0; i < 1000; i++) assertThat(s.segment().getAtIndex(ValueLayout.JAVA_LONG, i)).isEqualTo(9000);

        MemorySegment c = alloc(arena, DType.COMPLEX64, 1);
        ElementAccess.setComplex(c, 0, 0.5f, 1f);
        StridedView cb = new StridedView(c, 0, new int[] {5, 3}, new long[] {0, 0}, DType.COMPLEX64);
        StridedView cp = run(ReduceOp.PROD, cb, new int[] {0}, DType.COMPLEX64);
        // (0.5 + i)^5 = 3.78125 - 0.59375i... computed by repeated multiplication in double
        double re = 1, im = 0;
        for (int i = 0; i < 5; i++) {
            double t = re * 0.5 - im;
            im = re + im * 0.5;
            re = t;
        }
        for (int o = 0; o < 3; o++) {
            assertThat(ElementAccess.getDouble(cp.segment(), DType.COMPLEX64, o)).isCloseTo(re, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(ElementAccess.getImag(cp.segment(), DType.COMPLEX64, o)).isCloseTo((float) im, org.assertj.core.data.Offset.offset(1e-5f));
        }
        // broadcast kept axes in the middle and at the end are computed once and replicated
        for (DType t : new DType[] {DType.FLOAT32, DType.INT16, DType.COMPLEX64}) {
            MemorySegment seg = alloc(arena, t, 4 * 9);
            fillRandom(seg, t, 36, rnd, false);
            StridedView in = new StridedView(seg, 0, new int[] {4, 3, 9, 2}, new long[] {9, 0, 1, 0}, t);
            for (int[] axes : allAxisSubsets(4)) {
                for (ReduceOp op : ReduceOp.values()) {
                    StridedView out = run(op, in, axes, defaultOut(op, t));
                    check(op, in, axes, out, "bcast " + op + " " + t.mlxName() + Arrays.toString(axes));
                }
            }
        }
    }

    @Test
    void threadedPathsMatchTheReference() {
        // few large outputs (split reductions), many outputs, column tiles, split columns
        int[][] shapes = {{2, 132_000}, {50_000, 3}, {12, 3, 2100}, {100, 1500}, {2, 2, 70_000}};
        for (int[] shape : shapes) {
            for (int[] axes : allAxisSubsets(shape.length)) {
                if (axes.length == 0) continue;
                roundTrip(ReduceOp.SUM, DType.FLOAT32, DType.FLOAT32, shape, axes, Layout.CONTIGUOUS);
                roundTrip(ReduceOp.MAX, DType.FLOAT32, DType.FLOAT32, shape, axes, Layout.CONTIGUOUS);
                roundTrip(ReduceOp.SUM, DType.INT64, DType.INT64, shape, axes, Layout.CONTIGUOUS);
                roundTrip(ReduceOp.ALL, DType.INT32, DType.BOOL, shape, axes, Layout.CONTIGUOUS);
            }
        }
        roundTrip(ReduceOp.SUM, DType.FLOAT64, DType.FLOAT64, new int[] {1000, 700}, new int[] {0}, Layout.TRANSPOSED);
        roundTrip(ReduceOp.MIN, DType.INT32, DType.INT32, new int[] {700, 1000}, new int[] {1}, Layout.REVERSED);
        roundTrip(ReduceOp.SUM, DType.BFLOAT16, DType.FLOAT32, new int[] {3, 200_000}, new int[] {1}, Layout.STEP2);
        roundTrip(ReduceOp.SUM, DType.FLOAT16, DType.FLOAT32, new int[] {200_000, 3}, new int[] {0}, Layout.CONTIGUOUS);
    }

    @Test
    void narrowColumnBlocks() {
        // few kept columns under many reduced rows: folded as wider virtual rows
        int[][] shapes = {{3001, 3}, {999, 5, 2}, {1100, 1, 16}, {2, 777, 63}, {3, 200, 64}};
        DType[] types = {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.FLOAT16, DType.BFLOAT16,
                DType.UINT64, DType.INT8, DType.BOOL};
        for (int[] shape : shapes) {
            for (int[] axes : allAxisSubsets(shape.length)) {
                if (axes.length == 0 || axes[axes.length - 1] == shape.length - 1) continue;
                for (DType t : types) {
                    for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX, ReduceOp.MIN, ReduceOp.PROD}) {
                        roundTrip(op, t, defaultOut(op, t), shape, axes, Layout.CONTIGUOUS);
                    }
                }
            }
        }
    }

    @Test
    void sixteenMillionFloatSumIsAccurate() {
        int n = 16 << 20;
        MemorySegment seg = alloc(arena, DType.FLOAT32, n);
        double exact = 0;
        for (int i = 0; i < n; i++) {
            float v = rnd.nextFloat();
            seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, v);
            exact += v;
        }
        float got = run(ReduceOp.SUM, StridedView.contiguous(seg, DType.FLOAT32, n), new int[] {0}, DType.FLOAT32)
                .segment().get(ValueLayout.JAVA_FLOAT, 0);
        assertThat(Math.abs(got - exact) / exact).isLessThan(1e-5);
        // the same values summed down a column (leading axis) are accurate too
        float col = run(ReduceOp.SUM, StridedView.contiguous(seg, DType.FLOAT32, n / 16, 16), new int[] {0}, DType.FLOAT32)
                .segment().get(ValueLayout.JAVA_FLOAT, 0);
        double colExact = 0;
        for (int i = 0; i < n; i += 16) colExact += seg.getAtIndex(ValueLayout.JAVA_FLOAT, i);
        assertThat(Math.abs(col - colExact) / colExact).isLessThan(1e-5);
    }

    @Test
    void invalidArgumentsAreRejected() {
        StridedView in = make(DType.FLOAT32, new int[] {2, 3}, Layout.CONTIGUOUS, false);
        StridedView out = StridedView.contiguous(alloc(arena, DType.FLOAT32, 3), DType.FLOAT32, 1, 3);
        assertThatThrownBy(() -> ReduceKernels.reduce(ReduceOp.SUM, in, new int[] {1, 0}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted");
        assertThatThrownBy(() -> ReduceKernels.reduce(ReduceOp.SUM, in, new int[] {2}, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReduceKernels.reduce(ReduceOp.SUM, in, new int[] {1}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output shape");
        StridedView strided = new StridedView(alloc(arena, DType.FLOAT32, 6), 0, new int[] {1, 3}, new long[] {3, 2}, DType.FLOAT32);
        assertThatThrownBy(() -> ReduceKernels.reduce(ReduceOp.SUM, in, new int[] {0}, strided))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contiguous");
        ReduceKernels.reduce(ReduceOp.SUM, in, new int[] {0}, out);
        float want = 0;
        for (int i = 0; i < 2; i++) want += in.segment().getAtIndex(ValueLayout.JAVA_FLOAT, 3L * i);
        assertThat(out.segment().getAtIndex(ValueLayout.JAVA_FLOAT, 0)).isEqualTo(want);
        if (want == 0) fail("degenerate random data");
    }
}
