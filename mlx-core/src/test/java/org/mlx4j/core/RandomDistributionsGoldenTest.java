package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every distribution of {@link Random} for fixed keys against MLX's own algorithm: the golden values are
 * derived from the threefry bits by mlx/random.cpp's formulas, with MLX's float handling (float32 draws,
 * the cap below one per dtype, per-op rounding of half types), by
 * {@code src/test/resources/golden/random_golden.py}. Cases made of exact float32 arithmetic and integer
 * ops compare bit for bit; those through {@code erf}, {@code erfinv} or {@code log} within one ulp.
 */
class RandomDistributionsGoldenTest {
    private record Golden(DType dtype, int[] shape, double[] values) {}

    private static final Map<String, Golden> GOLDEN = load();

    private static Map<String, Golden> load() {
        Map<String, Golden> out = new LinkedHashMap<>();
        try (InputStream in = RandomDistributionsGoldenTest.class.getResourceAsStream("/golden/random_golden.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] f = line.split(" \\| ");
                DType dtype = Arrays.stream(DType.values()).filter(t -> t.mlxName().equals(f[1])).findFirst().orElseThrow();
                int[] shape = GoldenText.ints(f[2]);
                double[] values = GoldenText.doubles(f[3]);
                out.put(f[0], new Golden(dtype, shape, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Array key(long seed) { return Random.key(seed); }

    private static void exact(String name, Supplier<Array> sample) {
        Golden g = GOLDEN.get(name);
        assertThat(g).as("golden case %s", name).isNotNull();
        Array a = sample.get();
        assertShape(a, g.dtype(), g.shape());
        if (g.dtype() == DType.INT64) { // beyond 2^53: compare the longs
            assertThat(a.toLongArray()).as(name).containsExactly(GOLDEN_LONGS.get(name));
            return;
        }
        double[] got = g.dtype() == DType.BOOL ? bools(a) : a.toDoubleArray();
        assertThat(got).as(name).containsExactly(g.values());
    }

    /**
     * Within {@code maxUlps} units in the last place of the dtype: room for an {@code erfinv}, {@code erf} or
     * {@code log} that is not correctly rounded, too little for a shifted draw (a {@code -1} instead of
     * MLX's {@code nextafter(-1, 0)} moves most samples by more than an ulp).
     */
    private static void close(String name, int maxUlps, Supplier<Array> sample) {
        Golden g = GOLDEN.get(name);
        assertThat(g).as("golden case %s", name).isNotNull();
        Array a = sample.get();
        assertShape(a, g.dtype(), g.shape());
        double[] got = a.toDoubleArray();
        int mantissa = g.dtype() == DType.FLOAT16 ? 10 : 23;
        for (int i = 0; i < got.length; i++) {
            double want = g.values()[i];
            double ulp = Math.scalb(1.0, Math.getExponent((float) want) - mantissa);
            assertThat(Math.abs(got[i] - want)).as("%s[%d]: got %s, expected %s", name, i, got[i], want)
                    .isLessThanOrEqualTo(maxUlps * ulp);
        }
    }

    private static double[] bools(Array a) {
        boolean[] b = a.toBooleanArray();
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) d[i] = b[i] ? 1 : 0;
        return d;
    }

    /** Int64 cases read as longs (the values exceed a double's exact integers). */
    private static final Map<String, long[]> GOLDEN_LONGS = loadLongs();

    private static Map<String, long[]> loadLongs() {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (InputStream in = RandomDistributionsGoldenTest.class.getResourceAsStream("/golden/random_golden.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" \\| ");
                if (f.length == 4 && f[1].equals("int64")) {
                    out.put(f[0], Arrays.stream(f[3].split(",")).mapToLong(Long::parseLong).toArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void bitsAreTheGeneratorsBits() {
        // the script's threefry and block layout, checked against MLX's printed bits, agree with ours
        exact("bits_u32", () -> Random.bits(new int[] {2, 3}, 4, key(0)));
        exact("bits_u8", () -> Random.bits(new int[] {7}, 1, key(1)));
    }

    @Test
    void uniformMapsTheBitsExactlyInEveryFloatingType() {
        exact("uniform_f32", () -> Random.uniform(-2.5, 3.0, new int[] {4, 5}, DType.FLOAT32, key(1)));
        exact("uniform_f16", () -> Random.uniform(0.0, 1.0, new int[] {16}, DType.FLOAT16, key(2)));
        exact("uniform_bf16", () -> Random.uniform(-1.0, 2.0, new int[] {16}, DType.BFLOAT16, key(3)));
    }

    @Test
    void normalIsSqrtTwoTimesErfinvOfAUniformInMinusOneOne() {
        close("normal_f32", 1, () -> Random.normal(new int[] {64}, DType.FLOAT32, key(4)));
        close("normal_f16_loc_scale", 1, () -> Random.normal(new int[] {2, 8}, DType.FLOAT16, 1.5, 0.25, key(5)));
    }

    @Test
    void truncatedNormalAndGumbel() {
        close("truncated_normal_f32", 1, () -> Random.truncatedNormal(-1.0, 0.5, new int[] {32}, DType.FLOAT32, key(6)));
        close("gumbel_f32", 1, () -> Random.gumbel(new int[] {32}, DType.FLOAT32, key(7)));
    }

    @Test
    void bernoulliComparesTheBitsInFloat32() {
        exact("bernoulli_scalar", () -> Random.bernoulli(0.3, new int[] {64}, key(8)));
        double[] p = new double[16];
        for (int i = 0; i < 16; i++) p[i] = (float) i / 15f;
        exact("bernoulli_array", () -> Random.bernoulli(array(p, DType.FLOAT32, 4, 4), key(9)));
    }

    @Test
    void randintReducesTheBitsModuloTheWidth() {
        exact("randint_i32", () -> Random.randint(-5, 17, new int[] {40}, DType.INT32, key(10)));
        exact("randint_u8", () -> Random.randint(3, 250, new int[] {3, 5}, DType.UINT8, key(11)));
        exact("randint_i64", () -> Random.randint(-(1L << 40), (1L << 40) + 3, new int[] {10}, DType.INT64, key(12)));
    }

    @Test
    void categoricalIsTheArgmaxOfLogitsPlusGumbel() {
        double[] probs = {1, 2, 3, 4, 5, 5, 1, 1, 1, 1, 1, 1, 8, 1, 1};
        double[] logits = new double[probs.length];
        for (int i = 0; i < probs.length; i++) logits[i] = (float) Math.log(probs[i]);
        Array l = array(logits, DType.FLOAT32, 3, 5);
        exact("categorical_last", () -> Random.categorical(l, -1, key(13)));
        exact("categorical_first", () -> Random.categorical(l, 0, key(14)));
    }

    @Test
    void permutationIsTheArgsortOfTheBits() {
        exact("permutation_n", () -> Random.permutation(20, key(15)));
        exact("permutation_rows", () -> Random.permutation(Mx.arange(0, 12, 1).reshape(4, 3), key(16)));
    }

    @Test
    void everyGoldenCaseIsChecked() {
        assertThat(GOLDEN.keySet()).containsExactlyInAnyOrder("bits_u32", "bits_u8", "uniform_f32", "uniform_f16",
                "uniform_bf16", "normal_f32", "normal_f16_loc_scale", "truncated_normal_f32", "gumbel_f32",
                "bernoulli_scalar", "bernoulli_array", "randint_i32", "randint_u8", "randint_i64", "categorical_last",
                "categorical_first", "permutation_n", "permutation_rows");
    }
}
