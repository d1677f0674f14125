package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code mx.fft} function against NumPy's {@code numpy.fft} in float64 (golden/fft/fft_golden.py). */
class FftGoldenTest {

    record Case(int line, String op, int[] s, String axes, String dtype, int[] shape, float[] re, float[] im,
                int[] outShape, double[] outRe, double[] outIm) {
        @Override
        public String toString() {
            return line + ": " + op + " s=" + (s == null ? "-" : java.util.Arrays.toString(s)) + " axes=" + axes + " " + dtype
                    + java.util.Arrays.toString(shape);
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = FftGoldenTest.class.getResourceAsStream("/golden/fft/fft_golden.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                String[] f = line.split(" \\| ", -1);
                out.add(new Case(no, f[0].trim(), f[1].trim().equals("-") ? null : GoldenText.ints(f[1]), f[2].trim(),
                        f[3].trim(), GoldenText.ints(f[4]), GoldenText.floats(f[5]), GoldenText.floats(f[6]),
                        GoldenText.ints(f[7]), GoldenText.doubles(f[8]), GoldenText.doubles(f[9])));
            }
        }
        return out.stream();
    }

    private static int[] axes(String field) { return field.equals("-") ? null : GoldenText.ints(field); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNumpy(Case c) {
        Array result = apply(c);
        assertThat(result.shape()).as("shape").containsExactly(c.outShape());
        boolean complexOut = c.op().contains("fft") && !c.op().startsWith("irfft") && !c.op().endsWith("freq")
                && !c.op().endsWith("shift");
        DType expectedType = c.op().endsWith("shift") ? (c.dtype().equals("c64") ? DType.COMPLEX64 : DType.FLOAT32)
                : complexOut ? DType.COMPLEX64 : DType.FLOAT32;
        assertThat(result.dtype()).as("dtype").isEqualTo(expectedType);
        double scale = 1;
        for (int i = 0; i < c.outRe().length; i++) scale = Math.max(scale, Math.hypot(c.outRe()[i], c.outIm()[i]));
        double tol = 2e-5 * scale;
        double[] re = result.dtype().isComplex() ? Mx.real(result).toDoubleArray() : result.toDoubleArray();
        double[] im = result.dtype().isComplex() ? Mx.imag(result).toDoubleArray() : new double[re.length];
        for (int i = 0; i < re.length; i++) {
            assertThat(Math.abs(re[i] - c.outRe()[i])).as("real part %d of %s", i, c).isLessThanOrEqualTo(tol);
            assertThat(Math.abs(im[i] - c.outIm()[i])).as("imaginary part %d of %s", i, c).isLessThanOrEqualTo(tol);
        }
    }

    private static Array apply(Case c) {
        if (c.op().endsWith("freq")) {
            double d = Double.parseDouble(c.axes());
            return c.op().equals("fftfreq") ? Fft.fftfreq(c.s()[0], d) : Fft.rfftfreq(c.s()[0], d);
        }
        Array x = Mx.array(c.re(), c.shape());
        if (c.dtype().equals("c64")) x = Mx.complex(x, Mx.array(c.im(), c.shape()));
        int[] s = c.s(), axes = axes(c.axes());
        int n = s == null ? -1 : s[0], axis = axes == null ? -1 : axes[0];
        return switch (c.op()) {
            case "fft" -> Fft.fft(x, n, axis);
            case "ifft" -> Fft.ifft(x, n, axis);
            case "rfft" -> Fft.rfft(x, n, axis);
            case "irfft" -> Fft.irfft(x, n, axis);
            case "fft2" -> axes.length == 2 && axes[0] == -2 && s == null ? Fft.fft2(x) : Fft.fft2(x, s, axes);
            case "ifft2" -> Fft.ifft2(x);
            case "rfft2" -> Fft.rfft2(x);
            case "irfft2" -> Fft.irfft2(x);
            case "fftn" -> Fft.fftn(x, s, axes);
            case "ifftn" -> Fft.ifftn(x, s, axes);
            case "rfftn" -> Fft.rfftn(x, s, axes);
            case "irfftn" -> Fft.irfftn(x, s, axes);
            case "fftshift" -> axes == null ? Fft.fftshift(x) : Fft.fftshift(x, axes);
            case "ifftshift" -> axes == null ? Fft.ifftshift(x) : Fft.ifftshift(x, axes);
            default -> throw new IllegalArgumentException("unknown op " + c.op());
        };
    }
}
