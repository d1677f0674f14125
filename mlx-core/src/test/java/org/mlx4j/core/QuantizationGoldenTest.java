package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quantization against golden values written from MLX's description of its formats by
 * {@code src/test/resources/golden/quant/quant_golden.py} (numpy): the packed words, scales and biases of
 * every affine group size and bit width (float32 and float16 weights), of mxfp4, nvfp4 and mxfp8, and
 * the dequantized values; dequantization is also checked from the golden words alone.
 */
class QuantizationGoldenTest {

    static List<String[]> lines() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = QuantizationGoldenTest.class.getResourceAsStream("/golden/quant/quant_golden.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) out.add(line.split(" \\| "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Stream<Arguments> affine() { return cases(f -> f[0].equals("affine")); }

    static Stream<Arguments> floatModes() { return cases(f -> f[0].startsWith("mx") || f[0].startsWith("nv")); }

    private static Stream<Arguments> cases(java.util.function.Predicate<String[]> which) {
        return lines().stream().filter(which).map(f -> Arguments.of((Object) f));
    }

    private static long[] longs(String s) { return Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray(); }

    private static DType dtype(String name) { return name.equals("float16") ? DType.FLOAT16 : DType.FLOAT32; }

    private static Array words(String s, int[] shape) {
        int[] ws = shape.clone();
        long[] v = longs(s);
        ws[ws.length - 1] = v.length / (int) (TestArrays.size(shape) / shape[shape.length - 1]);
        return Mx.array(v, ws).astype(DType.UINT32);
    }

    @ParameterizedTest
    @MethodSource("affine")
    void affineMatchesMlxBitForBit(String[] f) {
        DType t = dtype(f[1]);
        int[] shape = GoldenText.ints(f[2]);
        int gs = Integer.parseInt(f[3]), bits = Integer.parseInt(f[4]);
        Array w = Mx.array(GoldenText.floats(f[5]), shape).astype(t);
        List<Array> q = Mx.quantize(w, gs, bits);
        int[] sshape = shape.clone();
        sshape[sshape.length - 1] /= gs;
        int[] wshape = shape.clone();
        wshape[wshape.length - 1] = shape[shape.length - 1] * bits / 32;
        assertThat(q).hasSize(3);
        assertThat(q.get(0).dtype()).isEqualTo(DType.UINT32);
        assertThat(q.get(0).shape()).containsExactly(wshape);
        assertThat(q.get(0).toLongArray()).as("packed words").containsExactly(longs(f[6]));
        assertThat(q.get(1).dtype()).isEqualTo(t);
        assertThat(q.get(1).shape()).containsExactly(sshape);
        assertThat(q.get(1).toFloatArray()).as("scales").containsExactly(GoldenText.floats(f[7]));
        assertThat(q.get(2).toFloatArray()).as("biases").containsExactly(GoldenText.floats(f[8]));

        float[] expected = GoldenText.floats(f[9]);
        Array scales = Mx.array(GoldenText.floats(f[7]), sshape).astype(t), biases = Mx.array(GoldenText.floats(f[8]), sshape).astype(t);
        Array deq = Mx.dequantize(words(f[6], shape), scales, biases, gs, bits);
        assertThat(deq.dtype()).isEqualTo(t);
        assertThat(deq.shape()).containsExactly(shape);
        float[] got = deq.toFloatArray(), s = GoldenText.floats(f[7]), b = GoldenText.floats(f[8]);
        for (int i = 0; i < got.length; i++) {
            // float16 rounds scale * code, then adds the bias: within two float16 roundings of the terms
            double terms = Math.abs(s[i / gs]) * ((1 << bits) - 1) + Math.abs(b[i / gs]);
            double tol = t == DType.FLOAT16 ? 2 * Math.ulp((float) terms) * 8192 : 0;
            assertThat((double) got[i]).as("dequantized %d", i).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tol));
        }
    }

    @ParameterizedTest
    @MethodSource("floatModes")
    void floatModesMatchMlxBitForBit(String[] f) {
        String mode = f[0];
        int[] shape = GoldenText.ints(f[2]);
        int gs = mode.equals("nvfp4") ? 16 : 32, bits = mode.equals("mxfp8") ? 8 : 4;
        Array w = Mx.array(GoldenText.floats(f[3]), shape);
        List<Array> q = Mx.quantize(w, gs, bits, mode);
        assertThat(q).hasSize(2);
        assertThat(q.get(0).toLongArray()).as("packed words").containsExactly(longs(f[4]));
        assertThat(q.get(1).dtype()).isEqualTo(DType.UINT8);
        assertThat(q.get(1).toLongArray()).as("scales").containsExactly(longs(f[5]));
        int[] sshape = shape.clone();
        sshape[sshape.length - 1] /= gs;
        Array scales = Mx.array(longs(f[5]), sshape).astype(DType.UINT8);
        Array deq = Mx.dequantize(words(f[4], shape), scales, null, gs, bits, mode, DType.FLOAT32);
        assertThat(deq.toFloatArray()).containsExactly(GoldenText.floats(f[6]));
        Array bf = Mx.dequantize(words(f[4], shape), scales, null, gs, bits, mode);
        assertThat(bf.dtype()).as("MLX's default for the float modes").isEqualTo(DType.BFLOAT16);
    }

    @ParameterizedTest
    @MethodSource("fp8")
    void fp8ConversionsMatch(String[] f) {
        float[] x = GoldenText.floats(f[1]);
        Array codes = Mx.toFp8(Mx.array(x, x.length));
        assertThat(codes.dtype()).isEqualTo(DType.UINT8);
        assertThat(codes.toLongArray()).containsExactly(longs(f[2]));
        Array back = Mx.fromFp8(codes, DType.FLOAT32);
        assertThat(back.toFloatArray()).containsExactly(GoldenText.floats(f[3]));
        assertThat(Mx.toFp8(Mx.array(x, x.length).astype(DType.BFLOAT16)).shape()).containsExactly(x.length);
    }

    static Stream<Arguments> fp8() { return cases(f -> f[0].equals("fp8")); }
}
