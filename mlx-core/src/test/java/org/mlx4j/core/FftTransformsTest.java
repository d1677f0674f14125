package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FFT's derivatives and batching: jvp against central differences, vjp against jvp through
 * {@code Re(sum(c * J t)) == Re(sum(J^T c * t))} (the pairing of MLX's complex rules), vmap against a loop,
 * and grad through a real-valued loss; plus dtypes and errors.
 */
class FftTransformsTest {
    private static final Random RNG = new Random(99);

    /** A named transform, its input shape and whether its input is complex. */
    record Op(String name, Function<Array, Array> f, int[] shape, boolean complexIn) {
        @Override
        public String toString() { return name + java.util.Arrays.toString(shape); }
    }

    static Stream<Arguments> ops() {
        return Stream.of(
                new Op("fft", x -> Fft.fft(x), new int[] {3, 12}, true),
                new Op("fft n=7 axis=0", x -> Fft.fft(x, 7, 0), new int[] {5, 4}, true),
                new Op("fft of real", x -> Fft.fft(x, 10, 1), new int[] {2, 8}, false),
                new Op("ifft", x -> Fft.ifft(x, -1, 0), new int[] {17, 2}, true),
                new Op("rfft even", x -> Fft.rfft(x), new int[] {3, 16}, false),
                new Op("rfft odd padded", x -> Fft.rfft(x, 11, -1), new int[] {2, 9}, false),
                new Op("rfft axis 0", x -> Fft.rfft(x, 6, 0), new int[] {9, 3}, false),
                new Op("irfft even", x -> Fft.irfft(x), new int[] {3, 9}, true),
                new Op("irfft odd", x -> Fft.irfft(x, 13, -1), new int[] {2, 7}, true),
                new Op("irfft truncated", x -> Fft.irfft(x, 6, 0), new int[] {8, 2}, true),
                new Op("fft2", x -> Fft.fft2(x), new int[] {2, 6, 5}, true),
                new Op("ifftn", x -> Fft.ifftn(x, new int[] {4, 8}, new int[] {2, 0}), new int[] {3, 2, 6}, true),
                new Op("rfftn", x -> Fft.rfftn(x, null, new int[] {0, 2}), new int[] {4, 3, 6}, false),
                new Op("irfftn", x -> Fft.irfftn(x, new int[] {5, 8}, new int[] {0, 2}), new int[] {4, 2, 5}, true),
                new Op("irfft2", x -> Fft.irfft2(x), new int[] {6, 4}, true))
                .map(Arguments::of);
    }

    /** Random values of {@code shape}: complex64 or float32. */
    private static Array random(int[] shape, boolean complex) {
        int n = TestArrays.size(shape);
        float[] re = new float[n], im = new float[n];
        for (int i = 0; i < n; i++) {
            re[i] = (float) RNG.nextGaussian();
            im[i] = (float) RNG.nextGaussian();
        }
        Array r = Mx.array(re, shape);
        return complex ? Mx.complex(r, Mx.array(im, shape)) : r;
    }

    private static Array like(Array a) { return random(a.shape(), a.dtype().isComplex()); }

    /** {@code Re(sum(a * b))} in float64. */
    private static double pairing(Array a, Array b) {
        double[] ar = Mx.real(a).toDoubleArray(), ai = Mx.imag(a).toDoubleArray();
        double[] br = Mx.real(b).toDoubleArray(), bi = Mx.imag(b).toDoubleArray();
        double s = 0;
        for (int i = 0; i < ar.length; i++) s += ar[i] * br[i] - ai[i] * bi[i];
        return s;
    }

    private static void assertClose(Array got, Array expected, double tol) {
        assertThat(got.shape()).containsExactly(expected.shape());
        assertThat(got.dtype()).isEqualTo(expected.dtype());
        double[] gr = Mx.real(got).toDoubleArray(), gi = Mx.imag(got).toDoubleArray();
        double[] er = Mx.real(expected).toDoubleArray(), ei = Mx.imag(expected).toDoubleArray();
        double scale = 1;
        for (int i = 0; i < er.length; i++) scale = Math.max(scale, Math.hypot(er[i], ei[i]));
        for (int i = 0; i < gr.length; i++) {
            assertThat(Math.abs(gr[i] - er[i])).as("real part %d", i).isLessThanOrEqualTo(tol * scale);
            assertThat(Math.abs(gi[i] - ei[i])).as("imaginary part %d", i).isLessThanOrEqualTo(tol * scale);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void jvpMatchesCentralDifferences(Op op) {
        Array x = random(op.shape(), op.complexIn()), t = like(x);
        Fn f = a -> List.of(op.f().apply(a.get(0)));
        JvpResult r = Mx.jvp(f, List.of(x), List.of(t));
        double h = 0.5; // the transform is linear: differences are exact up to rounding at any step
        Array fd = Mx.divide(Mx.subtract(op.f().apply(Mx.add(x, Mx.multiply(t, h))), op.f().apply(Mx.subtract(x, Mx.multiply(t, h)))),
                Mx.astype(Mx.array(2 * h, DType.FLOAT32), op.f().apply(x).dtype()));
        assertClose(r.jvps().get(0), fd, 1e-5);
        assertClose(r.outputs().get(0), op.f().apply(x), 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void vjpIsTheTransposeOfTheJvp(Op op) {
        Array x = random(op.shape(), op.complexIn()), t = like(x);
        Fn f = a -> List.of(op.f().apply(a.get(0)));
        Array jt = Mx.jvp(f, List.of(x), List.of(t)).jvps().get(0);
        Array c = like(jt);
        Array jc = Mx.vjp(f, List.of(x), List.of(c)).vjps().get(0);
        assertThat(jc.shape()).containsExactly(x.shape());
        assertThat(jc.dtype()).isEqualTo(x.dtype());
        double lhs = pairing(c, jt), rhs = pairing(jc, t);
        assertThat(Math.abs(lhs - rhs)).as("<c, J t> = %s against <J^T c, t> = %s", lhs, rhs)
                .isLessThanOrEqualTo(1e-4 * Math.max(1, Math.abs(lhs)) * Math.sqrt(TestArrays.size(x.shape())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void vmapMatchesALoop(Op op) {
        int batch = 3;
        int[] shape = new int[op.shape().length + 1];
        shape[0] = op.shape()[0];
        shape[1] = batch; // the batch on axis 1
        System.arraycopy(op.shape(), 1, shape, 2, op.shape().length - 1);
        Array xs = random(shape, op.complexIn());
        Array batched = Mx.vmap(op.f(), 1, 0).apply(xs);
        List<Array> outs = new ArrayList<>();
        for (int b = 0; b < batch; b++) outs.add(op.f().apply(Mx.take(xs, Mx.array(b), 1)));
        assertClose(batched, Mx.stack(outs, 0), 1e-6);
    }

    @Test
    void gradOfARealLossMatchesFiniteDifferencesInEveryCoordinate() {
        // loss(x) = sum(irfft(rfft(x) * w)^2), real in, real out: a circular convolution, squared
        Array w = random(new int[] {7}, true);
        Function<Array, Array> loss = x -> Mx.sum(Mx.square(Fft.irfft(Mx.multiply(Fft.rfft(x), w), 12, -1)));
        Array x = random(new int[] {12}, false);
        double[] g = Mx.grad(loss).apply(x).toDoubleArray();
        float[] xv = x.toFloatArray();
        double h = 1e-2;
        for (int i = 0; i < xv.length; i++) {
            float[] p = xv.clone(), m = xv.clone();
            p[i] += (float) h;
            m[i] -= (float) h;
            double fd = (loss.apply(Mx.array(p, 12)).item() - loss.apply(Mx.array(m, 12)).item()) / (2 * h);
            assertThat(g[i]).as("d loss / d x[%d]", i).isCloseTo(fd, org.assertj.core.api.Assertions.within(2e-2 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void compiledTransformMatchesEager() {
        Function<Array, Array> f = x -> Fft.irfft(Mx.multiply(Fft.rfft(x), Fft.rfft(x)), 10, -1);
        Array x = random(new int[] {4, 10}, false);
        assertClose(Mx.compile(f).apply(x), f.apply(x), 1e-6);
    }

    @Test
    void inputsOfOtherDtypesAreConvertedAsMlxDoes() {
        Array ints = Mx.array(new int[] {1, 2, 3, 4}, 4);
        assertThat(Fft.fft(ints).dtype()).isEqualTo(DType.COMPLEX64);
        assertThat(Mx.real(Fft.fft(ints)).toFloatArray()).containsExactly(10, -2, -2, -2);
        Array doubles = Mx.array(new double[] {1, 0, 0, 0, 0}, DType.FLOAT64, 5);
        assertThat(Fft.rfft(doubles).dtype()).isEqualTo(DType.COMPLEX64);
        assertThat(Mx.real(Fft.rfft(doubles)).toFloatArray()).containsExactly(1, 1, 1);
        Array complexToReal = Fft.rfft(Mx.complex(Mx.array(new float[] {2, 2}, 2), Mx.array(new float[] {5, 5}, 2)));
        assertThat(Mx.real(complexToReal).toFloatArray()).containsExactly(4, 0); // the imaginary parts are dropped
        Array bools = Mx.array(new boolean[] {true, false}, 2);
        assertThat(Fft.irfft(bools, 2, 0).toFloatArray()).containsExactly(0.5f, 0.5f);
        assertThat(Fft.fftn(Mx.zeros(2, 3), new int[0], new int[0]).dtype()).isEqualTo(DType.FLOAT32); // no axes: unchanged
    }

    @Test
    void emptyArraysTransformAlongTheirNonEmptyAxes() {
        Array a = Fft.fft(Mx.zeros(0, 8)), b = Fft.rfft(Mx.zeros(0, 8)), c = Fft.rfft(Mx.zeros(6, 0), -1, 0);
        Mx.eval(a, b, c);
        assertThat(a.shape()).containsExactly(0, 8);
        assertThat(b.shape()).containsExactly(0, 5);
        assertThat(c.shape()).containsExactly(4, 0);
        assertThat(c.dtype()).isEqualTo(DType.COMPLEX64);
    }

    @Test
    void badInputNamesTheOperation() {
        Array x = Mx.zeros(4, 5);
        assertThatThrownBy(() -> Fft.fft(Mx.array(1f))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fft").hasMessageContaining("0-d");
        assertThatThrownBy(() -> Fft.fft(x, 0, -1)).hasMessageContaining("fft: transform lengths must be at least 1");
        assertThatThrownBy(() -> Fft.rfft(x, 4, 2)).hasMessageContaining("rfft: axis 2 is out of bounds");
        assertThatThrownBy(() -> Fft.fftn(x, null, new int[] {1, -1})).hasMessageContaining("fftn: repeated axis");
        assertThatThrownBy(() -> Fft.ifftn(x, new int[] {4}, new int[] {0, 1})).hasMessageContaining("ifftn: lengths [4] and axes [0, 1]");
        assertThatThrownBy(() -> Fft.rfftn(x, new int[] {1, 2, 3}, null)).hasMessageContaining("rfftn: 3 lengths");
        assertThatThrownBy(() -> Fft.irfft(Mx.zeros(3, 1))).hasMessageContaining("irfft: transform lengths must be at least 1");
        assertThatThrownBy(() -> Fft.fftshift(x, 3)).hasMessageContaining("fftshift: axis 3 is out of bounds");
        assertThatThrownBy(() -> Fft.fftfreq(0, 1)).hasMessageContaining("fftfreq: n must be at least 1");
        assertThatThrownBy(() -> Fft.rfftfreq(4, 0)).hasMessageContaining("rfftfreq: d must be finite and nonzero");
    }
}
