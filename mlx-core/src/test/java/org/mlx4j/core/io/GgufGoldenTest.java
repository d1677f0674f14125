package org.mlx4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;

/** Reading a GGUF file written from the format description by golden/io/make_gguf_golden.py. */
class GgufGoldenTest {
    @TempDir
    Path dir;

    static Path golden(String name, Path dir) throws IOException {
        try (InputStream in = GgufGoldenTest.class.getResourceAsStream("/golden/io/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private static final Map<String, DType> DTYPES = Map.ofEntries(Map.entry("t.f32", DType.FLOAT32), Map.entry("t.f16", DType.FLOAT16),
            Map.entry("t.bf16", DType.BFLOAT16), Map.entry("t.i8", DType.INT8), Map.entry("t.i16", DType.INT16),
            Map.entry("t.i32", DType.INT32), Map.entry("t.i64", DType.INT64), Map.entry("t.f64", DType.FLOAT64),
            Map.entry("blk.0.q8.weight", DType.FLOAT32), Map.entry("blk.0.q4_0.weight", DType.FLOAT32),
            Map.entry("blk.0.q4_1.weight", DType.FLOAT32), Map.entry("output_q4_0", DType.FLOAT32));
    private static final List<String> QUANTIZED = List.of("blk.0.q8.weight", "blk.0.q4_0.weight", "blk.0.q4_1.weight", "output_q4_0");

    @Test
    void everyTensorTypeReadsAsTheReferenceDequantisesIt() throws IOException {
        Path file = golden("gguf_golden.gguf", dir);
        Map<String, Array> expected = ArrayIO.loadNpz(golden("gguf_golden_expected.npz", dir));
        GgufFile f = ArrayIO.loadGguf(file);
        assertThat(f.arrays().keySet()).containsExactly("t.f32", "t.f16", "t.bf16", "t.i8", "t.i16", "t.i32", "t.i64", "t.f64",
                "blk.0.q8.weight", "blk.0.q4_0.weight", "blk.0.q4_1.weight", "output_q4_0");
        for (Map.Entry<String, Array> e : f.arrays().entrySet()) {
            Array want = expected.get(e.getKey());
            Array got = e.getValue();
            assertThat(got.dtype()).as(e.getKey()).isEqualTo(DTYPES.get(e.getKey()));
            assertThat(got.shape()).as(e.getKey()).isEqualTo(want.shape());
            if (got.dtype().isInteger()) {
                assertThat(got.toLongArray()).as(e.getKey()).isEqualTo(want.toLongArray());
            } else {
                // exact: every value is computed in float32 as the reference does, and stored types convert exactly
                assertThat(got.toDoubleArray()).as(e.getKey()).isEqualTo(want.toDoubleArray());
            }
        }
        assertThat(f.tensorTypes()).containsEntry("t.bf16", "BF16").containsEntry("blk.0.q8.weight", "Q8_0")
                .containsEntry("blk.0.q4_0.weight", "Q4_0").containsEntry("blk.0.q4_1.weight", "Q4_1").containsEntry("t.f64", "F64");
        close(f);
        expected.values().forEach(Array::close);
    }

    @Test
    void quantizedTensorsKeptInMlxAffineLayoutMatchTheReferencePacking() throws IOException {
        Path file = golden("gguf_golden.gguf", dir);
        Map<String, Array> expected = ArrayIO.loadNpz(golden("gguf_golden_expected.npz", dir));
        GgufFile f = ArrayIO.loadGguf(file, GgufQuantized.MLX_AFFINE);
        for (String name : QUANTIZED) {
            String prefix = name.endsWith(".weight") ? name.substring(0, name.length() - 7) : name;
            Array wq = f.arrays().get(name), scales = f.arrays().get(prefix + ".scales"), biases = f.arrays().get(prefix + ".biases");
            assertThat(wq.dtype()).isEqualTo(DType.UINT32);
            assertThat(scales.dtype()).isEqualTo(DType.FLOAT16);
            assertThat(biases.dtype()).isEqualTo(DType.FLOAT16);
            assertThat(wq.shape()).as(name).isEqualTo(expected.get(name + ".wq").shape());
            assertThat(wq.toBytes()).as(name).isEqualTo(expected.get(name + ".wq").toBytes());
            assertThat(scales.toBytes()).as(name).isEqualTo(expected.get(name + ".scales").toBytes());
            assertThat(biases.toBytes()).as(name).isEqualTo(expected.get(name + ".biases").toBytes());
            // MLX's affine dequantisation, w = scale * q + bias, gives back the GGML values (to float16 rounding of the bias)
            int bits = name.contains("q8") ? 8 : 4;
            long[] words = wq.toLongArray();
            double[] s = scales.toDoubleArray(), b = biases.toDoubleArray(), w = expected.get(name).toDoubleArray();
            for (int i = 0; i < w.length; i++) {
                long q = (words[i * bits / 32] >>> ((i % (32 / bits)) * bits)) & ((1L << bits) - 1);
                assertThat(s[i / 32] * q + b[i / 32]).as(name + "[" + i + "]").isCloseTo(w[i], org.assertj.core.data.Offset.offset(1e-3 + 1e-3 * Math.abs(w[i])));
            }
        }
        assertThat(f.arrays().get("t.f32").dtype()).isEqualTo(DType.FLOAT32);
        close(f);
        expected.values().forEach(Array::close);
    }

    @Test
    void metadataOfEveryValueTypeReadsAsMlxGivesIt() throws IOException {
        GgufFile f = ArrayIO.loadGguf(golden("gguf_golden.gguf", dir));
        Map<String, Object> m = f.metadata();
        assertThat(m.get("general.architecture")).isEqualTo("llama");
        assertThat(m.get("general.name")).isEqualTo("golden \u00e9\u4e2d");
        assertThat(m.get("tokenizer.ggml.tokens")).isEqualTo(List.of("<s>", "</s>", "hello", "\u2581world", ""));
        scalar(m, "general.alignment", DType.UINT32, 64);
        scalar(m, "t.u8", DType.UINT8, 200);
        scalar(m, "t.i8", DType.INT8, -100);
        scalar(m, "t.u16", DType.UINT16, 60000);
        scalar(m, "t.i16", DType.INT16, -30000);
        scalar(m, "t.u32", DType.UINT32, 4000000000L);
        scalar(m, "t.i32", DType.INT32, -2000000000);
        scalar(m, "t.u64", DType.UINT64, Long.MIN_VALUE + 5); // 2^63 + 5 as an unsigned 64-bit value
        scalar(m, "t.i64", DType.INT64, -(1L << 62));
        Array f32 = (Array) m.get("t.f32"), f64 = (Array) m.get("t.f64"), bool = (Array) m.get("t.bool");
        assertThat(f32.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f32.doubleValue()).isEqualTo(1.5);
        assertThat(f64.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(f64.doubleValue()).isEqualTo(-2.25);
        assertThat(bool.dtype()).isEqualTo(DType.BOOL);
        assertThat(bool.shape()).isEmpty();
        assertThat(bool.toBooleanArray()).containsExactly(true);
        Array ai = (Array) m.get("t.arr_i32"), af = (Array) m.get("t.arr_f32"), ab = (Array) m.get("t.arr_bool");
        assertThat(ai.dtype()).isEqualTo(DType.INT32);
        assertThat(ai.shape()).containsExactly(4);
        assertThat(ai.toLongArray()).containsExactly(1, -2, 3, Integer.MAX_VALUE);
        assertThat(af.toDoubleArray()).containsExactly(0.5, -1.25, 3.0);
        assertThat(ab.toBooleanArray()).containsExactly(true, false, true);
        close(f);
    }

    @Test
    void loadArraysAndLoadWithMetadataDispatchOnTheExtension() throws IOException {
        long before = Memory.activeMemory();
        Path file = golden("gguf_golden.gguf", dir);
        Map<String, Array> arrays = Mx.loadArrays(file);
        assertThat(arrays).hasSize(12);
        assertThat(arrays.get("output_q4_0").dtype()).isEqualTo(DType.FLOAT32);
        arrays.values().forEach(Array::close);
        LoadedFile lf = Mx.loadWithMetadata(file);
        assertThat(lf.metadata()).containsEntry("general.architecture", "llama");
        lf.arrays().values().forEach(Array::close);
        lf.metadata().values().forEach(v -> {
            if (v instanceof Array a) a.close();
        });
        assertThat(Memory.activeMemory()).isLessThanOrEqualTo(before);
    }

    private static void scalar(Map<String, Object> m, String key, DType dtype, long value) {
        Array a = (Array) m.get(key);
        assertThat(a.dtype()).as(key).isEqualTo(dtype);
        assertThat(a.shape()).as(key).isEmpty();
        assertThat(a.toLongArray()[0]).as(key).isEqualTo(value);
    }

    static void close(GgufFile f) {
        f.arrays().values().forEach(Array::close);
        f.metadata().values().forEach(v -> {
            if (v instanceof Array a) a.close();
        });
    }
}
