package org.mlx4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Writing GGUF tensors as Q8_0, Q4_0 and converted plain types, read back: the dequantized values against the
 * blocks GGML's reference quantizers ({@code quantize_row_q8_0_ref}, {@code quantize_row_q4_0_ref} in
 * ggml-quants.c) make, written out again here in plain code; the types the reader reports; bad types.
 */
class GgufQuantizedWriteTest {
    @TempDir
    Path dir;

    /** GGML's Q8_0 of one block of 32, dequantized: {@code d = amax / 127}, {@code q = roundf(x / d)}. */
    private static void q80(float[] x, int from, float[] out) {
        float amax = 0;
        for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(x[from + j]));
        float d = amax / 127, id = d != 0 ? 1 / d : 0;
        float d16 = Float.float16ToFloat(Float.floatToFloat16(d));
        for (int j = 0; j < 32; j++) out[from + j] = (int) roundf(x[from + j] * id) * d16;
    }

    private static float roundf(float v) {
        // C's roundf: halves away from zero
        double a = Math.floor(Math.abs((double) v) + 0.5);
        return (float) Math.copySign(a, v);
    }

    /** GGML's Q4_0 of one block, dequantized: {@code d = max / -8} (max the signed element of largest magnitude). */
    private static void q40(float[] x, int from, float[] out) {
        float amax = 0, max = 0;
        for (int j = 0; j < 32; j++) {
            if (amax < Math.abs(x[from + j])) {
                amax = Math.abs(x[from + j]);
                max = x[from + j];
            }
        }
        float d = max / -8, id = d != 0 ? 1 / d : 0;
        float d16 = Float.float16ToFloat(Float.floatToFloat16(d));
        for (int j = 0; j < 32; j++) {
            int q = Math.min(15, (int) (x[from + j] * id + 8.5f));
            out[from + j] = (q - 8) * d16;
        }
    }

    private static Array random(Random rnd, int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rnd.nextGaussian() * (i % 7 == 0 ? 3 : 1));
        return Mx.array(v, shape);
    }

    @Test
    void quantizedAndConvertedTensorsReadBackAsGgmlMakesThem() {
        Random rnd = new Random(5);
        Map<String, Array> arrays = new LinkedHashMap<>();
        arrays.put("a.weight", random(rnd, 3, 64));
        arrays.put("b.weight", random(rnd, 2, 5, 96));
        arrays.put("c.weight", random(rnd, 7, 32));
        arrays.put("d.weight", random(rnd, 4, 6));
        arrays.put("e.weight", random(rnd, 33));
        arrays.put("ids", Mx.array(new int[] {1, 2, 3}, new int[] {3}));
        Map<String, String> types = Map.of("a.weight", "Q8_0", "b.weight", "Q4_0", "c.weight", "Q4_0", "d.weight", "F16", "e.weight", "BF16");
        Path written = ArrayIO.saveGguf(dir.resolve("q"), arrays, Map.of("general.architecture", "llama"), types);
        GgufFile f = ArrayIO.loadGguf(written);
        assertThat(f.tensorTypes()).containsEntry("a.weight", "Q8_0").containsEntry("b.weight", "Q4_0").containsEntry("c.weight", "Q4_0")
                .containsEntry("d.weight", "F16").containsEntry("e.weight", "BF16").containsEntry("ids", "I32");
        for (String name : new String[] {"a.weight", "b.weight", "c.weight"}) {
            float[] x = arrays.get(name).toFloatArray(), expected = new float[x.length];
            for (int b = 0; b < x.length; b += 32) {
                if (types.get(name).equals("Q8_0")) q80(x, b, expected);
                else q40(x, b, expected);
            }
            Array got = f.arrays().get(name);
            assertThat(got.shape()).containsExactly(arrays.get(name).shape());
            assertThat(got.toFloatArray()).as(name).containsExactly(expected);
        }
        assertThat(f.arrays().get("d.weight").dtype()).isEqualTo(DType.FLOAT16);
        assertThat(f.arrays().get("d.weight").astype(DType.FLOAT32).toFloatArray())
                .containsExactly(arrays.get("d.weight").astype(DType.FLOAT16).astype(DType.FLOAT32).toFloatArray());
        assertThat(f.arrays().get("e.weight").dtype()).isEqualTo(DType.BFLOAT16);
        assertThat(f.arrays().get("ids").toIntArray()).containsExactly(1, 2, 3);
        assertThat(f.metadata()).containsEntry("general.architecture", "llama");
    }

    @Test
    void typesThatCannotBeWrittenAreRejectedNamingTheTensor() {
        Map<String, Array> arrays = Map.of("w", Mx.zeros(new int[] {2, 48}, DType.FLOAT32), "i", Mx.array(new int[] {1}, new int[] {1}));
        assertThatThrownBy(() -> ArrayIO.saveGguf(dir.resolve("x"), arrays, Map.of(), Map.of("w", "Q4_0")))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("\"w\"").hasMessageContaining("multiple of 32");
        assertThatThrownBy(() -> ArrayIO.saveGguf(dir.resolve("x"), arrays, Map.of(), Map.of("w", "Q5_K")))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("Q5_K").hasMessageContaining("valid: F32, F16, BF16, Q8_0, Q4_0");
        assertThatThrownBy(() -> ArrayIO.saveGguf(dir.resolve("x"), arrays, Map.of(), Map.of("i", "F16")))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("\"i\"").hasMessageContaining("floating");
        assertThatThrownBy(() -> ArrayIO.saveGguf(dir.resolve("x"), arrays, Map.of(), Map.of("v", "F16")))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("\"v\"").hasMessageContaining("not among the arrays");
    }
}
