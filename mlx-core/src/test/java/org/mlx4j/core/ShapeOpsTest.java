package org.mlx4j.core;

import static org.mlx4j.core.TestArrays.*;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shape and view ops: reshape, transposes, broadcasting, expand/squeeze, slicing, slice updates, copies, casts. */
class ShapeOpsTest {

    private static Sample base(long seed, int... shape) { return sample(new Random(seed), DType.FLOAT32, -5, 5, shape); }

    // ================================================================ reshape

    @Test
    void reshapeKeepsRowMajorOrderAndInfersMinusOne() {
        Sample s = base(1, 2, 3, 4);
        assertExact(Mx.reshape(s.array(), 4, 6), DType.FLOAT32, shape(4, 6), s.values());
        assertExact(s.array().reshape(-1, 4), DType.FLOAT32, shape(6, 4), s.values());
        assertExact(s.array().reshape(2, -1), DType.FLOAT32, shape(2, 12), s.values());
        assertExact(s.array().reshape(-1), DType.FLOAT32, shape(24), s.values());
        assertExact(s.array().reshape(1, 2, 1, 12), DType.FLOAT32, shape(1, 2, 1, 12), s.values());
        assertExact(Mx.flatten(s.array()), DType.FLOAT32, shape(24), s.values());
    }

    @Test
    void reshapeOfNonContiguousViews() {
        Sample s = base(2, 3, 4);
        assertExact(s.array().T().reshape(12), DType.FLOAT32, shape(12), transposeRef(s.values(), s.shape(), 1, 0));
        int[] st = {2, 0}, sp = {-100, 4}, step = {-1, 2};
        Array v = Mx.slice(s.array(), st, sp, step).reshape(-1);
        assertExact(v, DType.FLOAT32, shape(6), sliceRef(s.values(), s.shape(), st, sp, step));
    }

    @Test
    void reshapeBetweenZeroDimAndSizeOne() {
        Array s = Mx.array(4.5f);
        assertExact(s.reshape(1, 1), DType.FLOAT32, shape(1, 1), 4.5);
        assertExact(Mx.array(new float[] {4.5f}, 1, 1).reshape(), DType.FLOAT32, shape(), 4.5);
        assertExact(Mx.zeros(0, 3).reshape(3, -1), DType.FLOAT32, shape(3, 0));
    }

    @Test
    void reshapeErrorsNameTheOpAndShapes() {
        Array a = Mx.zeros(2, 3, 4);
        assertFailsWith(() -> a.reshape(5, 5), "reshape", "(2, 3, 4)", "(5, 5)");
        assertFailsWith(() -> a.reshape(-1, -1), "reshape", "-1");
        assertFailsWith(() -> a.reshape(5, -1), "reshape", "(2, 3, 4)");
        assertFailsWith(() -> a.reshape(-2, 12), "reshape", "-2");
    }

    // ================================================================ transpose, swapAxes, moveAxis

    @Test
    void transposeVariants() {
        Sample s = base(3, 2, 3, 4);
        assertExact(s.array().transpose(), DType.FLOAT32, shape(4, 3, 2), transposeRef(s.values(), s.shape(), 2, 1, 0));
        assertExact(Mx.transpose(s.array(), 1, 2, 0), DType.FLOAT32, shape(3, 4, 2), transposeRef(s.values(), s.shape(), 1, 2, 0));
        assertExact(Mx.transpose(s.array(), -1, 0, -2), DType.FLOAT32, shape(4, 2, 3), transposeRef(s.values(), s.shape(), 2, 0, 1));
        assertExact(s.array().transpose(0, 1, 2), DType.FLOAT32, shape(2, 3, 4), s.values());
        // a transpose of a transpose
        assertExact(s.array().transpose(1, 2, 0).transpose(2, 0, 1), DType.FLOAT32, shape(2, 3, 4), s.values());
        Array m = Mx.array(new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertExact(m.T(), DType.INT32, shape(3, 2), 1, 4, 2, 5, 3, 6);
    }

    @Test
    void transposeErrors() {
        Array a = Mx.zeros(2, 3, 4);
        assertFailsWith(() -> a.transpose(0, 1), "transpose", "2", "3");
        assertFailsWith(() -> a.transpose(0, 1, 1), "transpose", "repeated");
        assertFailsWith(() -> a.transpose(0, 1, 3), "transpose", "3");
    }

    @Test
    void swapAxesAndMoveAxis() {
        Sample s = base(4, 2, 3, 4);
        int[] sh = s.shape();
        assertExact(Mx.swapAxes(s.array(), 0, -1), DType.FLOAT32, shape(4, 3, 2), transposeRef(s.values(), sh, 2, 1, 0));
        assertExact(s.array().swapAxes(1, 2), DType.FLOAT32, shape(2, 4, 3), transposeRef(s.values(), sh, 0, 2, 1));
        assertExact(Mx.moveAxis(s.array(), 0, -1), DType.FLOAT32, shape(3, 4, 2), transposeRef(s.values(), sh, 1, 2, 0));
        assertExact(Mx.moveAxis(s.array(), -1, 0), DType.FLOAT32, shape(4, 2, 3), transposeRef(s.values(), sh, 2, 0, 1));
        assertExact(Mx.moveAxis(s.array(), 2, 1), DType.FLOAT32, shape(2, 4, 3), transposeRef(s.values(), sh, 0, 2, 1));
        assertExact(Mx.moveAxis(s.array(), 1, 1), DType.FLOAT32, shape(2, 3, 4), s.values());
        assertFailsWith(() -> Mx.swapAxes(s.array(), 0, 3), "swapAxes", "3");
        assertFailsWith(() -> Mx.moveAxis(s.array(), -4, 0), "moveAxis", "-4");
    }

    // ================================================================ broadcastTo, expandDims, squeeze

    @Test
    void broadcastToRepeatsValues() {
        Sample s = base(5, 3, 1);
        assertExact(Mx.broadcastTo(s.array(), 2, 3, 4), DType.FLOAT32, shape(2, 3, 4), broadcastRef(s.values(), s.shape(), shape(2, 3, 4)));
        assertExact(s.array().broadcastTo(3, 1), DType.FLOAT32, shape(3, 1), s.values());
        assertExact(Mx.broadcastTo(Mx.array(7, DType.INT16), 2, 2), DType.INT16, shape(2, 2), 7, 7, 7, 7);
        assertExact(Mx.broadcastTo(s.array(), 3, 0), DType.FLOAT32, shape(3, 0));
        // a broadcast view can itself be transposed and reduced
        Array b = Mx.broadcastTo(s.array(), 2, 3, 4).transpose(2, 0, 1);
        assertExact(b, DType.FLOAT32, shape(4, 2, 3), transposeRef(broadcastRef(s.values(), s.shape(), shape(2, 3, 4)), shape(2, 3, 4), 2, 0, 1));
    }

    @Test
    void broadcastToErrorsNameBothShapes() {
        Array a = Mx.zeros(3, 2);
        assertFailsWith(() -> Mx.broadcastTo(a, 3, 4), "broadcastTo", "(3, 2)", "(3, 4)");
        assertFailsWith(() -> Mx.broadcastTo(a, 2), "broadcastTo", "(3, 2)", "(2,)");
    }

    @Test
    void expandDims() {
        Sample s = base(6, 2, 3);
        assertExact(Mx.expandDims(s.array(), 0), DType.FLOAT32, shape(1, 2, 3), s.values());
        assertExact(s.array().expandDims(-1), DType.FLOAT32, shape(2, 3, 1), s.values());
        assertExact(Mx.expandDims(s.array(), 1), DType.FLOAT32, shape(2, 1, 3), s.values());
        assertExact(Mx.expandDims(s.array(), 0, 3), DType.FLOAT32, shape(1, 2, 3, 1), s.values());
        assertExact(Mx.expandDims(s.array(), -1, 0), DType.FLOAT32, shape(1, 2, 3, 1), s.values());
        assertExact(Mx.expandDims(Mx.array(2.0f), 0), DType.FLOAT32, shape(1), 2);
        assertFailsWith(() -> Mx.expandDims(s.array(), 3), "expandDims", "3");
        assertFailsWith(() -> Mx.expandDims(s.array(), 0, 0), "expandDims", "repeated");
    }

    @Test
    void squeeze() {
        Sample s = base(7, 1, 3, 1, 2);
        assertExact(Mx.squeeze(s.array()), DType.FLOAT32, shape(3, 2), s.values());
        assertExact(s.array().squeeze(0), DType.FLOAT32, shape(3, 1, 2), s.values());
        assertExact(Mx.squeeze(s.array(), -2), DType.FLOAT32, shape(1, 3, 2), s.values());
        assertExact(Mx.squeeze(s.array(), 0, 2), DType.FLOAT32, shape(3, 2), s.values());
        assertExact(Mx.squeeze(Mx.zeros(1, 1)), DType.FLOAT32, shape(), 0);
        assertFailsWith(() -> Mx.squeeze(s.array(), 1), "squeeze", "1", "3");
        assertFailsWith(() -> Mx.squeeze(s.array(), 4), "squeeze", "4");
    }

    // ================================================================ slice

    static Stream<Arguments> sliceCases() {
        // start, stop, step per axis of a (4, 5, 6) array
        return Stream.of(
                Arguments.of(new int[] {1, 0, 2}, new int[] {3, 5, 5}, new int[] {1, 1, 1}),
                Arguments.of(new int[] {0, 1, 0}, new int[] {4, 5, 6}, new int[] {2, 3, 1}),
                Arguments.of(new int[] {3, 4, 5}, new int[] {-100, -100, -100}, new int[] {-1, -2, -3}),
                Arguments.of(new int[] {-3, -100, 5}, new int[] {-1, 100, 0}, new int[] {1, 1, -2}),
                Arguments.of(new int[] {100, 2, -1}, new int[] {0, 2, -7}, new int[] {-1, 1, -1}),
                Arguments.of(new int[] {2, 3, 0}, new int[] {1, 1, 6}, new int[] {1, 1, 4}),
                Arguments.of(new int[] {-1, -1, -1}, new int[] {-5, -6, -7}, new int[] {-4, -5, -6}),
                Arguments.of(new int[] {0, 0, 0}, new int[] {1, 1, 1}, new int[] {5, 5, 5}));
    }

    @ParameterizedTest(name = "slice start={0} stop={1} step={2}")
    @MethodSource("sliceCases")
    void sliceFollowsPythonSemantics(int[] start, int[] stop, int[] step) {
        Sample s = base(8, 4, 5, 6);
        Array r = Mx.slice(s.array(), start, stop, step);
        int[] want = sliceShape(s.shape(), start, stop, step);
        assertExact(r, DType.FLOAT32, want, sliceRef(s.values(), s.shape(), start, stop, step));
        // the same slice of a transposed view
        Array t = Mx.slice(s.array().transpose(1, 0, 2), start, stop, step);
        int[] ts = permute(s.shape(), 1, 0, 2);
        assertExact(t, DType.FLOAT32, sliceShape(ts, start, stop, step), sliceRef(transposeRef(s.values(), s.shape(), 1, 0, 2), ts, start, stop, step));
    }

    @Test
    void sliceOfASlice() {
        Sample s = base(9, 10);
        int[] st1 = {8}, sp1 = {-100}, step1 = {-2};
        double[] first = sliceRef(s.values(), s.shape(), st1, sp1, step1);
        Array a = Mx.slice(s.array(), st1, sp1, step1);
        int[] sh1 = sliceShape(s.shape(), st1, sp1, step1);
        int[] st2 = {1}, sp2 = {100}, step2 = {2};
        assertExact(Mx.slice(a, st2, sp2, step2), DType.FLOAT32, sliceShape(sh1, st2, sp2, step2), sliceRef(first, sh1, st2, sp2, step2));
    }

    @Test
    void sliceOfIntegersAndBools() {
        Array i = Mx.array(new int[] {0, 1, 2, 3, 4, 5}, 6);
        assertExact(Mx.slice(i, new int[] {5}, new int[] {-100}, new int[] {-2}), DType.INT32, shape(3), 5, 3, 1);
        Array b = Mx.array(new boolean[] {true, false, false, true}, 2, 2);
        assertBools(Mx.slice(b, new int[] {0, 1}, new int[] {2, 2}, new int[] {1, 1}), shape(2, 1), false, true);
    }

    @Test
    void sliceErrors() {
        Array a = Mx.zeros(3, 4);
        assertFailsWith(() -> Mx.slice(a, new int[] {0}, new int[] {1}, new int[] {1}), "slice", "(3, 4)");
        assertFailsWith(() -> Mx.slice(a, new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 0}), "slice", "step");
    }

    // ================================================================ sliceUpdate

    @Test
    void sliceUpdateReplacesTheSlice() {
        Random rng = new Random(10);
        Sample s = sample(rng, DType.FLOAT32, -5, 5, 4, 5);
        int[] st = {3, 0}, sp = {-100, 5}, step = {-2, 2};
        int[] us = sliceShape(s.shape(), st, sp, step);
        Sample u = sample(rng, DType.FLOAT32, 10, 20, us);
        Array r = Mx.sliceUpdate(s.array(), u.array(), st, sp, step);
        assertExact(r, DType.FLOAT32, s.shape(), sliceUpdateRef(s.values(), s.shape(), st, sp, step, u.values()));
        // the source is unchanged
        assertExact(s.array(), DType.FLOAT32, s.shape(), s.values());
    }

    @Test
    void sliceUpdateBroadcastsAndCastsTheUpdate() {
        Sample s = base(11, 3, 4);
        int[] st = {0, 1}, sp = {3, 3}, step = {1, 1};
        Array r = Mx.sliceUpdate(s.array(), Mx.array(new double[] {7, 8}, DType.FLOAT64, 2), st, sp, step);
        assertExact(r, DType.FLOAT32, s.shape(), sliceUpdateRef(s.values(), s.shape(), st, sp, step, new double[] {7, 8, 7, 8, 7, 8}));
        Array i = Mx.zeros(new int[] {2, 3}, DType.INT32);
        Array ri = Mx.sliceUpdate(i, Mx.array(2.9f), new int[] {1, 0}, new int[] {2, 3}, new int[] {1, 2});
        assertExact(ri, DType.INT32, shape(2, 3), 0, 0, 0, 2, 0, 2);
    }

    @Test
    void sliceUpdateOfATransposedSource() {
        Sample s = base(12, 3, 4);
        Array t = s.array().T();
        double[] tv = transposeRef(s.values(), s.shape(), 1, 0);
        int[] st = {1, 0}, sp = {4, 3}, step = {2, 2};
        Array r = Mx.sliceUpdate(t, Mx.ones(2, 2), st, sp, step);
        assertExact(r, DType.FLOAT32, shape(4, 3), sliceUpdateRef(tv, shape(4, 3), st, sp, step, new double[] {1, 1, 1, 1}));
    }

    @Test
    void sliceUpdateWithAnUpdateOfTheWrongShapeNamesTheOp() {
        Array a = Mx.zeros(3, 4);
        assertFailsWith(() -> Mx.sliceUpdate(a, Mx.zeros(3), new int[] {0, 0}, new int[] {2, 2}, new int[] {1, 1}),
                "sliceUpdate", "(3,)", "(2, 2)");
    }

    // ================================================================ copy, stopGradient, astype

    @Test
    void copyIsRowMajorAndEqual() {
        Sample s = base(13, 3, 4);
        assertExact(Mx.copy(s.array().T()), DType.FLOAT32, shape(4, 3), transposeRef(s.values(), s.shape(), 1, 0));
        assertExact(Mx.copy(s.array()), DType.FLOAT32, shape(3, 4), s.values());
        Array b = Mx.copy(Mx.broadcastTo(Mx.array(new int[] {1, 2}, 2), 2, 2));
        assertExact(b, DType.INT32, shape(2, 2), 1, 2, 1, 2);
    }

    @Test
    void stopGradientIsTheIdentityForValues() {
        Sample s = base(14, 2, 3);
        assertExact(Mx.stopGradient(s.array()), DType.FLOAT32, shape(2, 3), s.values());
        Array h = Mx.array(new double[] {1, 2}, DType.FLOAT16, 2);
        assertExact(Mx.stopGradient(h.T()), DType.FLOAT16, shape(2), 1, 2);
    }

    @Test
    void astypeConversions() {
        Array f = Mx.array(new float[] {-1.7f, 2.9f, 0.5f, -0.5f}, 4);
        assertExact(f.astype(DType.INT32), DType.INT32, shape(4), -1, 2, 0, 0);
        assertBools(f.astype(DType.BOOL), shape(4), true, true, true, true);
        assertBools(Mx.array(new float[] {0f, -0f, Float.NaN}, 3).astype(DType.BOOL), shape(3), false, false, true);
        assertExact(Mx.array(new boolean[] {true, false}, 2).astype(DType.FLOAT32), DType.FLOAT32, shape(2), 1, 0);
        assertExact(Mx.array(new int[] {300, -1, 256}, 3).astype(DType.UINT8), DType.UINT8, shape(3), 44, 255, 0);
        assertExact(Mx.array(new int[] {300, -129}, 2).astype(DType.INT8), DType.INT8, shape(2), 44, 127);
        assertExact(Mx.array(new float[] {0.1f, 65504f, 1e-8f}, 3).astype(DType.FLOAT16), DType.FLOAT16, shape(3),
                storedAs(DType.FLOAT16, 0.1f), 65504, 0);
        assertExact(Mx.array(new float[] {1.00390625f, 3.14159f}, 2).astype(DType.BFLOAT16), DType.BFLOAT16, shape(2),
                storedAs(DType.BFLOAT16, 1.00390625f), storedAs(DType.BFLOAT16, 3.14159f));
        assertExact(Mx.array(new double[] {0.1}, DType.FLOAT64, 1).astype(DType.FLOAT32), DType.FLOAT32, shape(1), 0.1f);
        assertExact(Mx.array(new long[] {1L << 40}, 1).astype(DType.FLOAT64), DType.FLOAT64, shape(1), (double) (1L << 40));
        Array same = Mx.array(new int[] {1, 2}, 2);
        assertExact(same.astype(DType.INT32), DType.INT32, shape(2), 1, 2);
        assertExact(Mx.array(new float[] {1, 2, 3, 4}, 2, 2).T().astype(DType.INT64), DType.INT64, shape(2, 2), 1, 3, 2, 4);
    }
}
