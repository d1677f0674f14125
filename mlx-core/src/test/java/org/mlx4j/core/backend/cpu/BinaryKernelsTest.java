package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.BinaryTestData.Layout;
import org.mlx4j.core.graph.BinaryOp;

class BinaryKernelsTest {

    // ---- which op applies to which dtype (written from the spec, independently of the kernels) ----

    private static final Set<BinaryOp> BITWISE = EnumSet.of(BinaryOp.BITWISE_AND, BinaryOp.BITWISE_OR,
            BinaryOp.BITWISE_XOR, BinaryOp.LEFT_SHIFT, BinaryOp.RIGHT_SHIFT);
    private static final Set<BinaryOp> PREDICATES = EnumSet.range(BinaryOp.EQUAL, BinaryOp.LOGICAL_XOR);
    private static final Set<BinaryOp> COMPLEX_OPS = EnumSet.of(BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY,
            BinaryOp.DIVIDE, BinaryOp.POWER, BinaryOp.EQUAL, BinaryOp.NOT_EQUAL);
    private static final Set<BinaryOp> TRANSCENDENTAL = EnumSet.of(BinaryOp.POWER, BinaryOp.ARCTAN2, BinaryOp.LOGADDEXP);

    static boolean defined(BinaryOp op, DType t) {
        return switch (t.kind()) {
            case FLOAT -> !BITWISE.contains(op);
            case SIGNED, UNSIGNED -> op != BinaryOp.ARCTAN2 && op != BinaryOp.LOGADDEXP;
            case COMPLEX -> COMPLEX_OPS.contains(op);
            case BOOL -> PREDICATES.contains(op) || BITWISE.contains(op)
                    || EnumSet.of(BinaryOp.ADD, BinaryOp.MULTIPLY, BinaryOp.MAXIMUM, BinaryOp.MINIMUM).contains(op);
        };
    }

    // ---- tests ----

    /** Every op on every dtype over a contiguous odd-length run whose head holds every pair of special values. */
    @Test
    void everyOpOnEveryDtypeMatchesTheReference() {
        Random rnd = new Random(11);
        int n = 203;
        for (DType t : DType.values()) {
            for (BinaryOp op : BinaryOp.values()) {
                try (Arena arena = Arena.ofConfined()) {
                    StridedView a = Layout.CONTIGUOUS.make(arena, t, new int[]{n}, rnd);
                    StridedView b = Layout.CONTIGUOUS.make(arena, t, new int[]{n}, rnd);
                    if (t.isFloating()) {
                        int s = BinaryTestData.FLOAT_SPECIALS.length;
                        for (int i = 0; i < s * s; i++) {
                            ElementAccess.setDouble(a.segment(), t, i, BinaryTestData.FLOAT_SPECIALS[i % s]);
                            ElementAccess.setDouble(b.segment(), t, i, BinaryTestData.FLOAT_SPECIALS[i / s]);
                        }
                    }
                    if (t.isInteger() || t == DType.BOOL || t == DType.COMPLEX64) {
                        // some equal pairs for the equality ops
                        for (int i = 0; i < n; i += 7) MemorySegment.copy(a.segment(), (long) i * t.size(), b.segment(), (long) i * t.size(), t.size());
                    }
                    if (!defined(op, t)) {
                        StridedView out = BinaryTestData.contiguousOut(arena, op.producesBool() ? DType.BOOL : t, n);
                        assertThatThrownBy(() -> BinaryKernels.apply(op, a, b, out))
                                .isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining(op.opName()).hasMessageContaining(t.mlxName());
                        continue;
                    }
                    check(op, a, b, arena);
                    // scalar-vector, vector-scalar and scalar-scalar, each with a few random scalars
                    for (int rep = 0; rep < 4; rep++) {
                        StridedView sa = Layout.SCALAR.make(arena, t, new int[]{n}, rnd);
                        StridedView sb = Layout.SCALAR.make(arena, t, new int[]{n}, rnd);
                        check(op, sa, b, arena);
                        check(op, a, sb, arena);
                        check(op, sa, sb, arena);
                    }
                }
            }
        }
    }

    /** All four contiguity cases and the general path: every pair of layouts, for every dtype and a few ops each. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void everyLayoutPairMatchesTheReference(DType t) {
        Random rnd = new Random(t.ordinal() * 31L + 5);
        List<BinaryOp> ops = switch (t.kind()) {
            case FLOAT -> List.of(BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.DIVIDE, BinaryOp.LESS, BinaryOp.POWER, BinaryOp.REMAINDER);
            case SIGNED, UNSIGNED -> List.of(BinaryOp.SUBTRACT, BinaryOp.MAXIMUM, BinaryOp.GREATER_EQUAL, BinaryOp.RIGHT_SHIFT, BinaryOp.FLOOR_DIVIDE);
            case BOOL -> List.of(BinaryOp.LOGICAL_AND, BinaryOp.LESS, BinaryOp.BITWISE_XOR);
            case COMPLEX -> List.of(BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.NOT_EQUAL);
        };
        int[][] shapes = {{37}, {9, 29}, {3, 5, 7}, {2, 1, 3, 33}};
        for (int[] shape : shapes) {
            for (Layout la : Layout.values()) {
                for (Layout lb : Layout.values()) {
                    for (BinaryOp op : ops) {
                        try (Arena arena = Arena.ofConfined()) {
                            check(op, la.make(arena, t, shape, rnd), lb.make(arena, t, shape, rnd), arena);
                        }
                    }
                }
            }
        }
    }

    @Test
    void emptyAndSingleElementArrays() {
        Random rnd = new Random(3);
        int[][] shapes = {{0}, {3, 0, 2}, {}, {1}, {1, 1, 1}};
        for (DType t : List.of(DType.FLOAT32, DType.INT64, DType.FLOAT16, DType.UINT8, DType.COMPLEX64, DType.BOOL)) {
            for (int[] shape : shapes) {
                for (Layout la : List.of(Layout.CONTIGUOUS, Layout.SCALAR, Layout.REVERSED)) {
                    try (Arena arena = Arena.ofConfined()) {
                        StridedView a = la.make(arena, t, shape, rnd), b = Layout.STRIDED.make(arena, t, shape, rnd);
                        check(t == DType.BOOL ? BinaryOp.LOGICAL_OR : BinaryOp.ADD, a, b, arena);
                        check(BinaryOp.EQUAL, a, b, arena);
                    }
                }
            }
        }
    }

    /** Row broadcast [N,1] x [1,M]: N scalar-vector rows over contiguous data. */
    @Test
    void outerProductBroadcast() {
        try (Arena arena = Arena.ofConfined()) {
            int n = 13, m = 70;
            MemorySegment col = arena.allocate(4L * n, 64), row = arena.allocate(4L * m, 64);
            for (int i = 0; i < n; i++) col.setAtIndex(ValueLayout.JAVA_FLOAT, i, i);
            for (int j = 0; j < m; j++) row.setAtIndex(ValueLayout.JAVA_FLOAT, j, j * 0.25f);
            StridedView a = new StridedView(col, 0, new int[]{n, m}, new long[]{1, 0}, DType.FLOAT32);
            StridedView b = new StridedView(row, 0, new int[]{n, m}, new long[]{0, 1}, DType.FLOAT32);
            StridedView out = BinaryTestData.contiguousOut(arena, DType.FLOAT32, n, m);
            BinaryKernels.apply(BinaryOp.MULTIPLY, a, b, out);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    assertThat(out.segment().getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * m + j)).isEqualTo(i * (j * 0.25f));
                }
            }
        }
    }

    /** Collapsing: contiguous and scalar inputs become one axis; axes merge only where every input allows it. */
    @Test
    void collapseMergesAxesEveryInputCanWalkAsOne() {
        BinaryShapes flat = BinaryShapes.collapse(new int[]{4, 1, 5, 6}, new long[]{30, 99, 6, 1}, new long[]{0, 0, 0, 0});
        assertThat(flat.shape()).containsExactly(120);
        assertThat(flat.strides()[0]).containsExactly(1);
        assertThat(flat.strides()[1]).containsExactly(0);
        BinaryShapes outer = BinaryShapes.collapse(new int[]{7, 9}, new long[]{1, 0}, new long[]{0, 1});
        assertThat(outer.shape()).containsExactly(7, 9);
        BinaryShapes partly = BinaryShapes.collapse(new int[]{2, 3, 4}, new long[]{12, 4, 1}, new long[]{0, 4, 1});
        assertThat(partly.shape()).containsExactly(2, 12);
        assertThat(partly.strides()[1]).containsExactly(0, 1);
        assertThat(BinaryShapes.collapse(new int[]{1, 1}, new long[]{5, 5}).shape()).isEmpty();
    }

    /** Arrays of several grains, so that the work is split across threads (contiguous and general paths). */
    @Test
    void largeArraysUseTheThreadedPath() {
        Random rnd = new Random(99);
        // Cheap ops fork from two grains up; the expensive ones (division, power, ...) from two small grains.
        int big = 2 * (int) Parallel.DEFAULT_GRAIN + 17, medium = 3 * (1 << 12) + 5;
        record Case(BinaryOp op, DType t, Layout la, Layout lb, int[] shape) {}
        List<Case> cases = List.of(
                new Case(BinaryOp.ADD, DType.FLOAT32, Layout.CONTIGUOUS, Layout.CONTIGUOUS, new int[]{big}),
                new Case(BinaryOp.MULTIPLY, DType.FLOAT32, Layout.SCALAR, Layout.CONTIGUOUS, new int[]{big}),
                new Case(BinaryOp.MULTIPLY, DType.FLOAT16, Layout.CONTIGUOUS, Layout.CONTIGUOUS, new int[]{big}),
                new Case(BinaryOp.POWER, DType.BFLOAT16, Layout.CONTIGUOUS, Layout.SCALAR, new int[]{medium}),
                new Case(BinaryOp.LESS, DType.FLOAT64, Layout.CONTIGUOUS, Layout.REVERSED, new int[]{big}),
                new Case(BinaryOp.FLOOR_DIVIDE, DType.INT64, Layout.CONTIGUOUS, Layout.CONTIGUOUS, new int[]{medium}),
                new Case(BinaryOp.LEFT_SHIFT, DType.INT32, Layout.CONTIGUOUS, Layout.CONTIGUOUS, new int[]{big}),
                new Case(BinaryOp.SUBTRACT, DType.FLOAT32, Layout.BROADCAST_INNER, Layout.TRANSPOSED, new int[]{300, 229}),
                new Case(BinaryOp.MAXIMUM, DType.UINT32, Layout.STRIDED, Layout.BROADCAST_OUTER, new int[]{229, 301}),
                new Case(BinaryOp.REMAINDER, DType.INT8, Layout.CONTIGUOUS, Layout.CONTIGUOUS, new int[]{medium}));
        for (Case c : cases) {
            try (Arena arena = Arena.ofShared()) { // worker threads read and write these segments
                check(c.op(), c.la().make(arena, c.t(), c.shape(), rnd), c.lb().make(arena, c.t(), c.shape(), rnd), arena);
            }
        }
    }

    /**
     * Contiguous operands that start inside their segments (an offset view of a larger array), large enough
     * to be split across threads: the vector-vector, scalar-vector and vector-scalar runs keep each
     * operand's own offset in every chunk.
     */
    @Test
    void offsetContiguousOperandsAcrossChunks() {
        Random rnd = new Random(123);
        int big = 2 * (int) Parallel.DEFAULT_GRAIN + 29;
        for (DType t : List.of(DType.FLOAT32, DType.INT16, DType.FLOAT64)) {
            for (BinaryOp op : List.of(BinaryOp.SUBTRACT, BinaryOp.LESS)) {
                try (Arena arena = Arena.ofShared()) { // worker threads read and write these segments
                    StridedView a = offsetView(Layout.CONTIGUOUS.make(arena, t, new int[]{big + 7}, rnd), 7, big);
                    StridedView b = offsetView(Layout.CONTIGUOUS.make(arena, t, new int[]{big + 3}, rnd), 3, big);
                    StridedView s = Layout.SCALAR.make(arena, t, new int[]{big}, rnd);
                    check(op, a, b, arena);
                    check(op, s, b, arena);
                    check(op, a, s, arena);
                }
            }
        }
    }

    private static StridedView offsetView(StridedView whole, long offset, int size) {
        return new StridedView(whole.segment(), offset, new int[]{size}, new long[]{1}, whole.dtype());
    }

    /** Every float16 and bfloat16 bit pattern through the widening and rounding paths (vector loops and tails). */
    @Test
    void everyHalfBitPatternConvertsExactly() {
        Random rnd = new Random(17);
        int n = 1 << 16;
        for (DType t : List.of(DType.FLOAT16, DType.BFLOAT16)) {
            try (Arena arena = Arena.ofShared()) { // big enough for the worker threads
                MemorySegment all = arena.allocate(2L * n, 64);
                for (int h = 0; h < n; h++) all.setAtIndex(ValueLayout.JAVA_SHORT, h, (short) h);
                StridedView a = StridedView.contiguous(all, t, n);
                MemorySegment minusZero = arena.allocate(2, 64);
                ElementAccess.setDouble(minusZero, t, 0, -0.0);
                check(BinaryOp.ADD, a, new StridedView(minusZero, 0, new int[]{n}, new long[]{0}, t), arena); // x + -0 == x
                StridedView b = Layout.CONTIGUOUS.make(arena, t, new int[]{n}, rnd);
                check(BinaryOp.MULTIPLY, a, b, arena);
                check(BinaryOp.DIVIDE, b, a, arena);
            }
        }
    }

    /** The special cases named by NumPy/MLX semantics, spelled out. */
    @Test
    void integerSpecialCases() {
        // division and remainder by zero give 0; floor semantics; MIN / -1 wraps
        assertThat(int32(BinaryOp.DIVIDE, 7, 0)).isZero();
        assertThat(int32(BinaryOp.REMAINDER, 7, 0)).isZero();
        assertThat(int32(BinaryOp.FLOOR_DIVIDE, 7, 0)).isZero();
        assertThat(int32(BinaryOp.DIVIDE, -7, 2)).isEqualTo(-3);
        assertThat(int32(BinaryOp.FLOOR_DIVIDE, -7, 2)).isEqualTo(-4);
        assertThat(int32(BinaryOp.REMAINDER, -7, 2)).isEqualTo(1);
        assertThat(int32(BinaryOp.REMAINDER, 7, -2)).isEqualTo(-1);
        assertThat(int32(BinaryOp.DIVIDE, Integer.MIN_VALUE, -1)).isEqualTo(Integer.MIN_VALUE);
        assertThat(int32(BinaryOp.ADD, Integer.MAX_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
        // power: exact, wrapping, negative exponents
        assertThat(int32(BinaryOp.POWER, 3, 13)).isEqualTo(1594323);
        assertThat(int32(BinaryOp.POWER, 2, 31)).isEqualTo(Integer.MIN_VALUE);
        assertThat(int32(BinaryOp.POWER, 2, -1)).isZero();
        assertThat(int32(BinaryOp.POWER, -1, -3)).isEqualTo(-1);
        assertThat(int32(BinaryOp.POWER, 1, -3)).isEqualTo(1);
        // shifts
        assertThat(int32(BinaryOp.LEFT_SHIFT, 1, 32)).isZero();
        assertThat(int32(BinaryOp.LEFT_SHIFT, 1, -1)).isZero();
        assertThat(int32(BinaryOp.RIGHT_SHIFT, -8, 40)).isEqualTo(-1);
        assertThat(int32(BinaryOp.RIGHT_SHIFT, -8, 1)).isEqualTo(-4);
        // unsigned: 0xFFFFFFFF is the largest uint32
        try (Arena arena = Arena.ofConfined()) {
            assertThat(scalarResult(arena, BinaryOp.GREATER, DType.UINT32, -1, 1)).isEqualTo(1);
            assertThat(scalarResult(arena, BinaryOp.RIGHT_SHIFT, DType.UINT32, -1, 28)).isEqualTo(15);
            assertThat(scalarResult(arena, BinaryOp.DIVIDE, DType.UINT64, -1, 2)).isEqualTo(Long.MAX_VALUE);
            assertThat(scalarResult(arena, BinaryOp.MAXIMUM, DType.UINT8, 0xff, 1)).isEqualTo(0xff);
            assertThat(scalarResult(arena, BinaryOp.RIGHT_SHIFT, DType.INT8, -128, 9)).isEqualTo(-1);
            assertThat(scalarResult(arena, BinaryOp.MULTIPLY, DType.INT16, 300, 300)).isEqualTo((short) 90000);
        }
    }

    @Test
    void floatSpecialCases() {
        assertThat(float32(BinaryOp.REMAINDER, -7f, 2f)).isEqualTo(1f);
        assertThat(float32(BinaryOp.REMAINDER, 7f, -2f)).isEqualTo(-1f);
        assertThat(Float.floatToIntBits(float32(BinaryOp.REMAINDER, -4f, 2f))).isEqualTo(Float.floatToIntBits(0f));
        assertThat(Float.floatToIntBits(float32(BinaryOp.REMAINDER, 4f, -2f))).isEqualTo(Float.floatToIntBits(-0f));
        assertThat(float32(BinaryOp.FLOOR_DIVIDE, -7f, 2f)).isEqualTo(-4f);
        assertThat(float32(BinaryOp.MAXIMUM, Float.NaN, 1f)).isNaN();
        assertThat(float32(BinaryOp.MINIMUM, 1f, Float.NaN)).isNaN();
        assertThat(float32(BinaryOp.LOGADDEXP, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(float32(BinaryOp.LOGADDEXP, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(float32(BinaryOp.LOGADDEXP, 1000f, 1000f)).isCloseTo(1000f + (float) Math.log(2), org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(float32(BinaryOp.ARCTAN2, 1f, -1f)).isCloseTo((float) (3 * Math.PI / 4), org.assertj.core.data.Offset.offset(1e-6f));
        try (Arena arena = Arena.ofConfined()) {
            // comparisons with NaN: false, except NOT_EQUAL
            for (BinaryOp op : PREDICATES) {
                if (op == BinaryOp.LOGICAL_AND || op == BinaryOp.LOGICAL_OR || op == BinaryOp.LOGICAL_XOR) continue;
                long want = op == BinaryOp.NOT_EQUAL ? 1 : 0;
                assertThat(scalarResult(arena, op, DType.FLOAT32, Float.NaN, Float.NaN)).as(op.name()).isEqualTo(want);
                assertThat(scalarResult(arena, op, DType.FLOAT64, 1.0, Double.NaN)).as(op.name()).isEqualTo(want);
            }
        }
    }

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        try (Arena arena = Arena.ofConfined()) {
            Random rnd = new Random(1);
            StridedView f = Layout.CONTIGUOUS.make(arena, DType.FLOAT32, new int[]{4, 5}, rnd);
            StridedView i = Layout.CONTIGUOUS.make(arena, DType.INT32, new int[]{4, 5}, rnd);
            StridedView small = Layout.CONTIGUOUS.make(arena, DType.FLOAT32, new int[]{5}, rnd);
            StridedView out = BinaryTestData.contiguousOut(arena, DType.FLOAT32, 4, 5);
            assertThatThrownBy(() -> BinaryKernels.apply(BinaryOp.ADD, f, i, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32").hasMessageContaining("int32");
            assertThatThrownBy(() -> BinaryKernels.apply(BinaryOp.ADD, f, small, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5]").hasMessageContaining("[4, 5]");
            assertThatThrownBy(() -> BinaryKernels.apply(BinaryOp.LESS, f, f, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bool");
            assertThatThrownBy(() -> BinaryKernels.apply(BinaryOp.BITWISE_AND, f, f, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bitwiseAnd").hasMessageContaining("float32");
            StridedView transposedOut = new StridedView(out.segment(), 0, new int[]{4, 5}, new long[]{1, 4}, DType.FLOAT32);
            assertThatThrownBy(() -> BinaryKernels.apply(BinaryOp.ADD, f, f, transposedOut))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contiguous");
            StridedView overrun = new StridedView(f.segment(), 10, new int[]{4, 5}, f.strides(), DType.FLOAT32);
            assertThatThrownBy(() -> BinaryKernels.apply(BinaryOp.ADD, overrun, f, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        }
    }

    // ---- the check: run the kernel, recompute every element in the test, compare ----

    private static void check(BinaryOp op, StridedView a, StridedView b, Arena arena) {
        DType t = a.dtype();
        DType outType = op.producesBool() ? DType.BOOL : t;
        StridedView out = BinaryTestData.contiguousOut(arena, outType, a.shape());
        BinaryKernels.apply(op, a, b, out);
        long n = out.size();
        String ctx = op + " " + t.mlxName() + " " + a + " " + b;
        MemorySegment o = out.segment();
        for (long k = 0; k < n; k++) {
            long ia = BinaryTestData.index(a, k), ib = BinaryTestData.index(b, k);
            if (op.producesBool()) {
                byte got = o.get(ValueLayout.JAVA_BYTE, k);
                boolean want = expectedPredicate(op, t, a.segment(), ia, b.segment(), ib);
                if (got != (want ? 1 : 0)) fail(ctx + " at " + k + ": got " + got + ", want " + want + inputs(a, ia, b, ib));
            } else if (t.isFloating()) {
                checkFloat(op, t, ElementAccess.getDouble(a.segment(), t, ia), ElementAccess.getDouble(b.segment(), t, ib),
                        ElementAccess.getDouble(o, t, k), ctx, k);
            } else if (t == DType.COMPLEX64) {
                checkComplex(op, a.segment(), ia, b.segment(), ib, o, k, ctx);
            } else if (t == DType.BOOL) {
                boolean p = a.segment().get(ValueLayout.JAVA_BYTE, ia) != 0, q = b.segment().get(ValueLayout.JAVA_BYTE, ib) != 0;
                byte got = o.get(ValueLayout.JAVA_BYTE, k);
                if (got != (boolOp(op, p, q) ? 1 : 0)) fail(ctx + " at " + k + ": got " + got + " for " + p + ", " + q);
            } else {
                long x = ElementAccess.getLong(a.segment(), t, ia), y = ElementAccess.getLong(b.segment(), t, ib);
                long want = expectedInteger(op, t, x, y), got = ElementAccess.getLong(o, t, k);
                if (got != want) fail(ctx + " at " + k + ": " + x + " " + op + " " + y + " gave " + got + ", want " + want);
            }
        }
    }

    private static String inputs(StridedView a, long ia, StridedView b, long ib) {
        return " (inputs " + ElementAccess.getDouble(a.segment(), a.dtype(), ia) + ", " + ElementAccess.getDouble(b.segment(), b.dtype(), ib) + ")";
    }

    // ---- float reference: float64 math, rounded to the dtype ----

    private static void checkFloat(BinaryOp op, DType t, double x, double y, double got, String ctx, long k) {
        double exact = switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
            // the quotient is rounded to the compute precision (float32 for the half types) before the floor
            case FLOOR_DIVIDE -> Math.floor(t == DType.FLOAT64 ? x / y : (float) (x / y));
            case REMAINDER -> pythonMod(x, y, t);
            case POWER -> Math.pow(x, y);
            case MAXIMUM -> Math.max(x, y);
            case MINIMUM -> Math.min(x, y);
            case ARCTAN2 -> Math.atan2(x, y);
            case LOGADDEXP -> logaddexp(x, y);
            default -> throw new AssertionError(op);
        };
        double want = round(exact, t);
        Supplier<String> msg = () -> ctx + " at " + k + ": " + x + " " + op + " " + y + " gave " + got + ", want " + want;
        if (Double.isNaN(want)) {
            if (!Double.isNaN(got)) fail(msg.get());
            return;
        }
        if (!TRANSCENDENTAL.contains(op) || Double.isInfinite(want)) {
            if (Double.doubleToLongBits(got) != Double.doubleToLongBits(want)) fail(msg.get());
            return;
        }
        double scale = op == BinaryOp.LOGADDEXP ? Math.max(Math.abs(want), Math.max(Math.abs(x), Math.abs(y))) : Math.abs(want);
        double tol = switch (t) {
            case FLOAT16, BFLOAT16 -> ulp(t, scale) * 1.01;
            default -> 4 * ulp(t, scale);
        };
        if (!(Math.abs(got - want) <= tol)) fail(msg.get() + " (tolerance " + tol + ")");
    }

    /** Python's float %: fmod, then moved into the divisor's sign (the addition rounds in the compute precision). */
    private static double pythonMod(double x, double y, DType t) {
        double r = x % y;
        if (r == 0) return Math.copySign(0.0, y);
        if ((r < 0) != (y < 0)) r = t == DType.FLOAT64 ? r + y : (float) (r + y);
        return r;
    }

    private static double logaddexp(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.NaN;
        if (x == Double.POSITIVE_INFINITY || y == Double.POSITIVE_INFINITY) return Double.POSITIVE_INFINITY;
        if (x == Double.NEGATIVE_INFINITY) return y;
        if (y == Double.NEGATIVE_INFINITY) return x;
        double m = Math.max(x, y);
        return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
    }

    private static double round(double v, DType t) {
        return switch (t) {
            case FLOAT64 -> v;
            case FLOAT32 -> (float) v;
            case FLOAT16 -> HalfFloats.f16ToFloat(HalfFloats.floatToF16((float) v));
            case BFLOAT16 -> HalfFloats.bf16ToFloat(HalfFloats.floatToBf16((float) v));
            default -> throw new AssertionError(t);
        };
    }

    private static double ulp(DType t, double v) {
        return switch (t) {
            case FLOAT64 -> Math.ulp(v);
            case FLOAT32 -> Math.ulp((float) v);
            case FLOAT16 -> Math.scalb(1.0, Math.max(Math.getExponent(v), -14) - 10);
            case BFLOAT16 -> Math.scalb(1.0, Math.max(Math.getExponent(v), -126) - 7);
            default -> throw new AssertionError(t);
        };
    }

    // ---- predicates ----

    private static boolean expectedPredicate(BinaryOp op, DType t, MemorySegment a, long ia, MemorySegment b, long ib) {
        if (t == DType.BOOL) return boolOp(op, a.get(ValueLayout.JAVA_BYTE, ia) != 0, b.get(ValueLayout.JAVA_BYTE, ib) != 0);
        if (t == DType.COMPLEX64) {
            boolean eq = ElementAccess.getDouble(a, t, ia) == ElementAccess.getDouble(b, t, ib)
                    && ElementAccess.getImag(a, t, ia) == ElementAccess.getImag(b, t, ib);
            return op == BinaryOp.EQUAL ? eq : !eq;
        }
        if (t.isInteger()) return expectedInteger(op, t, ElementAccess.getLong(a, t, ia), ElementAccess.getLong(b, t, ib)) != 0;
        double x = ElementAccess.getDouble(a, t, ia), y = ElementAccess.getDouble(b, t, ib);
        return switch (op) {
            case EQUAL -> x == y;
            case NOT_EQUAL -> x != y;
            case LESS -> x < y;
            case LESS_EQUAL -> x <= y;
            case GREATER -> x > y;
            case GREATER_EQUAL -> x >= y;
            case LOGICAL_AND -> x != 0 && y != 0;
            case LOGICAL_OR -> x != 0 || y != 0;
            case LOGICAL_XOR -> (x != 0) != (y != 0);
            default -> throw new AssertionError(op);
        };
    }

    private static boolean boolOp(BinaryOp op, boolean p, boolean q) {
        return switch (op) {
            case ADD, MAXIMUM, LOGICAL_OR, BITWISE_OR -> p | q;
            case MULTIPLY, MINIMUM, LOGICAL_AND, BITWISE_AND -> p & q;
            case BITWISE_XOR, NOT_EQUAL, LOGICAL_XOR -> p ^ q;
            case EQUAL -> p == q;
            case LESS -> !p & q;
            case LESS_EQUAL -> !p | q;
            case GREATER -> p & !q;
            case GREATER_EQUAL -> p | !q;
            case LEFT_SHIFT -> p;            // 1 << 0 and 1 << 1 are both non-zero
            case RIGHT_SHIFT -> p & !q;      // 1 >> 1 is 0
            default -> throw new AssertionError(op);
        };
    }

    // ---- integer reference: BigInteger math, wrapped to the dtype ----

    private static long expectedInteger(BinaryOp op, DType t, long rawX, long rawY) {
        int bits = t.size() * 8;
        BigInteger x = big(rawX, t), y = big(rawY, t);
        int cmp = x.compareTo(y);
        BigInteger r = switch (op) {
            case ADD -> x.add(y);
            case SUBTRACT -> x.subtract(y);
            case MULTIPLY -> x.multiply(y);
            case DIVIDE -> y.signum() == 0 ? BigInteger.ZERO : x.divide(y);
            case FLOOR_DIVIDE -> y.signum() == 0 ? BigInteger.ZERO : floorDiv(x, y);
            case REMAINDER -> y.signum() == 0 ? BigInteger.ZERO : x.subtract(floorDiv(x, y).multiply(y));
            case POWER -> {
                if (y.signum() < 0) {
                    if (x.equals(BigInteger.ONE)) yield BigInteger.ONE;
                    if (x.equals(BigInteger.ONE.negate())) yield y.testBit(0) ? x : BigInteger.ONE;
                    yield BigInteger.ZERO;
                }
                yield x.modPow(y, BigInteger.ONE.shiftLeft(bits));
            }
            case MAXIMUM -> x.max(y);
            case MINIMUM -> x.min(y);
            case EQUAL -> bool(cmp == 0);
            case NOT_EQUAL -> bool(cmp != 0);
            case LESS -> bool(cmp < 0);
            case LESS_EQUAL -> bool(cmp <= 0);
            case GREATER -> bool(cmp > 0);
            case GREATER_EQUAL -> bool(cmp >= 0);
            case LOGICAL_AND -> bool(x.signum() != 0 && y.signum() != 0);
            case LOGICAL_OR -> bool(x.signum() != 0 || y.signum() != 0);
            case LOGICAL_XOR -> bool((x.signum() != 0) != (y.signum() != 0));
            case BITWISE_AND -> x.and(y);
            case BITWISE_OR -> x.or(y);
            case BITWISE_XOR -> x.xor(y);
            case LEFT_SHIFT -> y.signum() >= 0 && y.compareTo(BigInteger.valueOf(bits)) < 0 ? x.shiftLeft(y.intValue()) : BigInteger.ZERO;
            case RIGHT_SHIFT -> y.signum() >= 0 && y.compareTo(BigInteger.valueOf(bits)) < 0
                    ? x.shiftRight(y.intValue()) : BigInteger.valueOf(x.signum() < 0 ? -1 : 0);
            default -> throw new AssertionError(op);
        };
        if (op.producesBool()) return r.longValue();
        return wrap(r, t);
    }

    private static BigInteger bool(boolean b) { return b ? BigInteger.ONE : BigInteger.ZERO; }

    private static BigInteger floorDiv(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        return qr[1].signum() != 0 && qr[1].signum() != y.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static BigInteger big(long raw, DType t) {
        return t == DType.UINT64 ? new BigInteger(Long.toUnsignedString(raw)) : BigInteger.valueOf(raw);
    }

    /** {@code v} modulo 2^bits, as {@link ElementAccess#getLong} reads an element of {@code t}. */
    private static long wrap(BigInteger v, DType t) {
        int bits = t.size() * 8;
        BigInteger m = v.mod(BigInteger.ONE.shiftLeft(bits));
        if (t.isSignedInteger() && m.testBit(bits - 1)) m = m.subtract(BigInteger.ONE.shiftLeft(bits));
        return m.longValue();
    }

    // ---- complex reference: float64 math ----

    private static void checkComplex(BinaryOp op, MemorySegment a, long ia, MemorySegment b, long ib, MemorySegment o, long k, String ctx) {
        DType t = DType.COMPLEX64;
        double ar = ElementAccess.getDouble(a, t, ia), ai = ElementAccess.getImag(a, t, ia);
        double br = ElementAccess.getDouble(b, t, ib), bi = ElementAccess.getImag(b, t, ib);
        double gr = ElementAccess.getDouble(o, t, k), gi = ElementAccess.getImag(o, t, k);
        double wr, wi;
        switch (op) {
            case ADD -> { wr = (float) (ar + br); wi = (float) (ai + bi); }
            case SUBTRACT -> { wr = (float) (ar - br); wi = (float) (ai - bi); }
            case MULTIPLY -> { wr = ar * br - ai * bi; wi = ar * bi + ai * br; }
            case DIVIDE -> {
                double d = br * br + bi * bi;
                wr = (ar * br + ai * bi) / d;
                wi = (ai * br - ar * bi) / d;
            }
            case POWER -> {
                if (br == 0 && bi == 0) { wr = 1; wi = 0; }
                else if (ar == 0 && ai == 0) { wr = br > 0 && bi == 0 ? 0 : Double.NaN; wi = wr; }
                else {
                    double la = Math.log(Math.hypot(ar, ai)), th = Math.atan2(ai, ar);
                    double m = Math.exp(br * la - bi * th), ph = br * th + bi * la;
                    wr = m * Math.cos(ph);
                    wi = m * Math.sin(ph);
                }
            }
            default -> throw new AssertionError(op);
        }
        double wantR = wr, wantI = wi;
        Supplier<String> msg = () -> ctx + " at " + k + ": (" + ar + "," + ai + ") " + op + " (" + br + "," + bi + ") gave ("
                + gr + "," + gi + "), want (" + wantR + "," + wantI + ")";
        if (Double.isNaN(wr) || Double.isNaN(wi) || Double.isInfinite(wr) || Double.isInfinite(wi)) {
            if (!(Double.isNaN(gr) || Double.isNaN(gi) || Double.isInfinite(gr) || Double.isInfinite(gi))) fail(msg.get());
            return;
        }
        double tol = 2e-6 * Math.max(Math.hypot(wr, wi), 1e-30) + 1e-37;
        if (!(Math.abs(gr - wr) <= tol && Math.abs(gi - wi) <= tol)) fail(msg.get() + " (tolerance " + tol + ")");
    }

    // ---- single-element helpers ----

    private static long int32(BinaryOp op, int x, int y) {
        try (Arena arena = Arena.ofConfined()) {
            return scalarResult(arena, op, DType.INT32, x, y);
        }
    }

    private static float float32(BinaryOp op, float x, float y) {
        try (Arena arena = Arena.ofConfined()) {
            StridedView out = run(arena, op, DType.FLOAT32, x, y);
            return out.segment().get(ValueLayout.JAVA_FLOAT, 0);
        }
    }

    /** The result of {@code op} on one element pair (as getLong reads it; predicates give 0 or 1). */
    private static long scalarResult(Arena arena, BinaryOp op, DType t, double x, double y) {
        StridedView out = run(arena, op, t, x, y);
        return op.producesBool() ? out.segment().get(ValueLayout.JAVA_BYTE, 0) : ElementAccess.getLong(out.segment(), t, 0);
    }

    /** Runs {@code op} over 21 copies of (x, y), contiguous, so both the vector loops and the tails see them. */
    private static StridedView run(Arena arena, BinaryOp op, DType t, double x, double y) {
        int n = 21;
        MemorySegment a = arena.allocate((long) n * t.size(), 64), b = arena.allocate((long) n * t.size(), 64);
        for (int i = 0; i < n; i++) {
            if (t.isFloating()) {
                ElementAccess.setDouble(a, t, i, x);
                ElementAccess.setDouble(b, t, i, y);
            } else {
                ElementAccess.setLong(a, t, i, (long) x);
                ElementAccess.setLong(b, t, i, (long) y);
            }
        }
        StridedView out = BinaryTestData.contiguousOut(arena, op.producesBool() ? DType.BOOL : t, n);
        BinaryKernels.apply(op, StridedView.contiguous(a, t, n), StridedView.contiguous(b, t, n), out);
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(op.producesBool() ? out.segment().get(ValueLayout.JAVA_BYTE, i) : Double.doubleToLongBits(ElementAccess.getDouble(out.segment(), op.producesBool() ? DType.BOOL : t, i)));
        }
        assertThat(all).as("every copy gives the same result").containsOnly(all.getFirst());
        return out;
    }
}
