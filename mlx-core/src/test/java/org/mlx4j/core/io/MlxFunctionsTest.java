package org.mlx4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;

/** MLX's .mlxfn format: a file laid out as MLX writes it imports and runs; mlx4j's exports import back. */
class MlxFunctionsTest {
    @TempDir
    Path dir;

    private static void assertClose(Array got, Array want, double tol, String what) {
        assertThat(got.shape()).as(what).isEqualTo(want.shape());
        assertThat(got.dtype()).as(what).isEqualTo(want.dtype());
        double[] g = got.toDoubleArray(), w = want.toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            if (Math.abs(g[i] - w[i]) > tol * (1 + Math.abs(w[i]))) fail(what + "[" + i + "]: " + g[i] + " vs " + w[i]);
        }
    }

    @Test
    void aFileInMlxsLayoutImportsAndRunsBothTraces() throws IOException {
        Path file = GgufGoldenTest.golden("mlxfn_golden.mlxfn", dir);
        Map<String, Array> want = ArrayIO.loadNpz(GgufGoldenTest.golden("mlxfn_golden_expected.npz", dir));
        try (ImportedFunction f = Mx.importFunction(file)) {
            assertThat(f.traceCount()).isEqualTo(2);
            List<Array> out = f.apply(List.of(want.get("x"), want.get("y")));
            assertThat(out).hasSize(7);
            assertClose(out.get(0), want.get("t1_0"), 1e-5, "sum(exp(x) * y + c, 1)");
            assertClose(out.get(1), want.get("t1_1"), 1e-5, "x @ y[:, None]");
            assertClose(out.get(2), want.get("t1_2"), 1e-5, "log(softmax(x))");
            assertClose(out.get(3), want.get("t1_3"), 1e-5, "rsqrt(abs(x))");
            assertClose(out.get(4), want.get("t1_4"), 1e-3, "astype float16");
            assertClose(out.get(5), want.get("t1_5"), 0, "where(x > c, x, c)");
            assertThat(out.get(6).dtype()).isEqualTo(DType.UINT32);
            assertThat(out.get(6).toLongArray()).isEqualTo(want.get("t1_6").toLongArray());
            List<Array> scaled = f.apply(List.of(want.get("x")), Map.of("scale", want.get("scale")));
            assertClose(scaled.get(0), want.get("t2_0"), 1e-6, "x * scale + c (keyword input, shared constant)");
            assertThatThrownBy(() -> f.apply(List.of(want.get("y")))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[import_function] no function of").hasMessageContaining("[2, 3] FLOAT32")
                    .hasMessageContaining("scale=[] FLOAT32");
        }
    }

    private static Array random(Random rnd, DType t, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextGaussian();
        return Mx.array(v, t, shape);
    }

    @Test
    void anExportedFunctionImportsBackAndComputesTheSame() {
        Random rnd = new Random(3);
        Array w = random(rnd, DType.FLOAT32, 4, 5); // a weight: stored as a constant
        Array bias = random(rnd, DType.FLOAT32, 5);
        Fn fn = args -> {
            Array x = args.get(0), y = args.get(1);
            Array h = Mx.add(Mx.matmul(x, w), bias); // broadcast add
            Array s = Mx.softmax(h, -1);
            Array r = Mx.sum(Mx.multiply(s, Mx.exp(Mx.negative(Mx.abs(h)))), new int[] {1}, true);
            Array t = Mx.transpose(Mx.reshape(h, 5, 3), 1, 0);
            Array c = Mx.concatenate(List.of(t, Mx.rsqrt(Mx.add(Mx.square(t), 1.0))), 0);
            Array sel = Mx.where(Mx.greater(h, y), h, Mx.log(Mx.maximum(y, 0.5)));
            Array am = Mx.argmax(h, 1, true);
            Array half = Mx.stopGradient(h).astype(DType.FLOAT16);
            return List.of(r, c, sel, am, half, Mx.tanh(Mx.subtract(h, Mx.max(h, new int[] {0}, true))));
        };
        Array x0 = random(rnd, DType.FLOAT32, 3, 4), y0 = random(rnd, DType.FLOAT32, 3, 5);
        Path file = Mx.exportFunction(dir.resolve("model"), fn, x0, y0);
        assertThat(file.getFileName().toString()).isEqualTo("model.mlxfn");
        try (ImportedFunction f = Mx.importFunction(file)) {
            for (int trial = 0; trial < 3; trial++) {
                Array x = random(rnd, DType.FLOAT32, 3, 4), y = random(rnd, DType.FLOAT32, 3, 5);
                List<Array> want = fn.apply(List.of(x, y)), got = f.apply(List.of(x, y));
                assertThat(got).hasSize(want.size());
                for (int i = 0; i < want.size(); i++) {
                    assertThat(got.get(i).dtype()).as("output " + i).isEqualTo(want.get(i).dtype());
                    assertThat(got.get(i).shape()).as("output " + i).isEqualTo(want.get(i).shape());
                    assertThat(got.get(i).toBytes()).as("output " + i).isEqualTo(want.get(i).toBytes());
                }
            }
        }
    }

    @Test
    void whatTheFormatCannotHoldIsRefusedNamingIt() throws IOException {
        Fn sorting = args -> List.of(Mx.sort(args.get(0), -1));
        assertThatThrownBy(() -> Mx.exportFunction(dir.resolve("s.mlxfn"), sorting, Mx.ones(3)))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("[export_function] the function uses Sort");
        Path file = GgufGoldenTest.golden("mlxfn_golden.mlxfn", dir);
        byte[] bytes = Files.readAllBytes(file);
        // rename the first primitive (Exp) to one mlx4j does not import
        byte[] exp = "\u0003\u0000\u0000\u0000\u0000\u0000\u0000\u0000Exp".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = indexOf(bytes, exp);
        bytes[at + 8] = 'F';
        bytes[at + 9] = 'F';
        bytes[at + 10] = 'T';
        Path bad = dir.resolve("fft.mlxfn");
        Files.write(bad, bytes);
        assertThatThrownBy(() -> Mx.importFunction(bad)).isInstanceOf(ArrayFileException.class)
                .hasMessageContaining("is MLX's FFT, which mlx4j does not import");
        for (int len = 0; len < Files.size(file); len += 3) {
            Path cut = dir.resolve("cut.mlxfn");
            Files.write(cut, Arrays.copyOf(Files.readAllBytes(file), len));
            assertThatThrownBy(() -> Mx.importFunction(cut)).as("cut to " + len).isInstanceOf(ArrayFileException.class)
                    .hasMessageStartingWith(cut + ": ");
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
