package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.BinaryTestData.Layout;

class WhereKernelTest {

    /** Every layout of cond, x and y (contiguous, broadcast, transposed, reversed, strided) for every dtype. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void everyLayoutTripleMatchesTheReference(DType t) {
        Random rnd = new Random(t.ordinal() * 7L + 1);
        int[][] shapes = {{203}, {9, 29}, {3, 5, 7}, {2, 1, 3, 33}};
        int[] shape = shapes[t.ordinal() % shapes.length];
        for (Layout lc : Layout.values()) {
            for (Layout lx : Layout.values()) {
                for (Layout ly : Layout.values()) {
                    try (Arena arena = Arena.ofConfined()) {
                        check(lc.make(arena, DType.BOOL, shape, rnd), lx.make(arena, t, shape, rnd), ly.make(arena, t, shape, rnd), arena);
                    }
                }
            }
        }
    }

    @Test
    void emptyAndSingleElementArrays() {
        Random rnd = new Random(5);
        for (int[] shape : new int[][]{{0}, {4, 0}, {}, {1}, {1, 1}}) {
            for (DType t : List.of(DType.FLOAT32, DType.UINT8, DType.BFLOAT16, DType.COMPLEX64)) {
                try (Arena arena = Arena.ofConfined()) {
                    check(Layout.CONTIGUOUS.make(arena, DType.BOOL, shape, rnd), Layout.SCALAR.make(arena, t, shape, rnd),
                            Layout.REVERSED.make(arena, t, shape, rnd), arena);
                }
            }
        }
    }

    /** Several grains of work, so the threaded path runs, on the contiguous and general paths. */
    @Test
    void largeArraysUseTheThreadedPath() {
        Random rnd = new Random(8);
        int big = 2 * (int) Parallel.DEFAULT_GRAIN + 33;
        try (Arena arena = Arena.ofShared()) { // worker threads read and write these segments
            check(Layout.CONTIGUOUS.make(arena, DType.BOOL, new int[]{big}, rnd), Layout.CONTIGUOUS.make(arena, DType.FLOAT32, new int[]{big}, rnd),
                    Layout.SCALAR.make(arena, DType.FLOAT32, new int[]{big}, rnd), arena);
            check(Layout.BROADCAST_INNER.make(arena, DType.BOOL, new int[]{300, 229}, rnd), Layout.TRANSPOSED.make(arena, DType.INT64, new int[]{300, 229}, rnd),
                    Layout.CONTIGUOUS.make(arena, DType.INT64, new int[]{300, 229}, rnd), arena);
            check(Layout.STRIDED.make(arena, DType.BOOL, new int[]{big}, rnd), Layout.CONTIGUOUS.make(arena, DType.INT16, new int[]{big}, rnd),
                    Layout.REVERSED.make(arena, DType.INT16, new int[]{big}, rnd), arena);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Random rnd = new Random(2);
        try (Arena arena = Arena.ofConfined()) {
            StridedView c = Layout.CONTIGUOUS.make(arena, DType.BOOL, new int[]{3, 4}, rnd);
            StridedView f = Layout.CONTIGUOUS.make(arena, DType.FLOAT32, new int[]{3, 4}, rnd);
            StridedView i = Layout.CONTIGUOUS.make(arena, DType.INT32, new int[]{3, 4}, rnd);
            StridedView row = Layout.CONTIGUOUS.make(arena, DType.FLOAT32, new int[]{4}, rnd);
            StridedView out = BinaryTestData.contiguousOut(arena, DType.FLOAT32, 3, 4);
            assertThatThrownBy(() -> WhereKernel.where(f, f, f, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bool").hasMessageContaining("float32");
            assertThatThrownBy(() -> WhereKernel.where(c, f, i, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32");
            assertThatThrownBy(() -> WhereKernel.where(c, f, row, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4]").hasMessageContaining("[3, 4]");
        }
    }

    /** Runs where and compares every output element bit for bit with the chosen input element. */
    private static void check(StridedView cond, StridedView x, StridedView y, Arena arena) {
        DType t = x.dtype();
        StridedView out = BinaryTestData.contiguousOut(arena, t, cond.shape());
        WhereKernel.where(cond, x, y, out);
        int bytes = t.size();
        for (long k = 0; k < out.size(); k++) {
            boolean pick = cond.segment().get(ValueLayout.JAVA_BYTE, BinaryTestData.index(cond, k)) != 0;
            StridedView src = pick ? x : y;
            long si = BinaryTestData.index(src, k);
            long mismatch = MemorySegment.mismatch(src.segment(), si * bytes, (si + 1) * bytes, out.segment(), k * bytes, (k + 1) * bytes);
            if (mismatch != -1) {
                fail("where " + t.mlxName() + " " + cond + " " + x + " " + y + " at " + k + ": expected the element of "
                        + (pick ? "x" : "y"));
            }
        }
    }
}
