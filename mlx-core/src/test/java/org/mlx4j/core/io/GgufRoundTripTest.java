package org.mlx4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;

/** Writing GGUF and reading it back; saving every format through the extension dispatch. */
class GgufRoundTripTest {
    @TempDir
    Path dir;

    private static final DType[] TENSOR_TYPES = {DType.FLOAT32, DType.FLOAT16, DType.BFLOAT16, DType.INT8, DType.INT16, DType.INT32,
            DType.INT64, DType.FLOAT64};
    private static final DType[] METADATA_TYPES = {DType.BOOL, DType.UINT8, DType.INT8, DType.UINT16, DType.INT16, DType.UINT32,
            DType.INT32, DType.UINT64, DType.INT64, DType.FLOAT32, DType.FLOAT64};

    private static Array random(Random rnd, DType t, int... shape) {
        long n = 1;
        for (int d : shape) n *= d;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = t == DType.BOOL ? rnd.nextInt(2) : t.isInteger() ? rnd.nextInt(200) - (t.isUnsignedInteger() ? 0 : 100) : rnd.nextGaussian();
        return Mx.array(v, t, shape);
    }

    private static int[] randomShape(Random rnd) {
        int nd = rnd.nextInt(5);
        int[] s = new int[nd];
        for (int i = 0; i < nd; i++) s[i] = 1 + rnd.nextInt(5);
        return s;
    }

    @Test
    void tensorsAndMetadataOfEveryTypeSurviveARoundTrip() {
        long before = Memory.activeMemory();
        Random rnd = new Random(11);
        Map<String, Array> arrays = new LinkedHashMap<>();
        for (DType t : TENSOR_TYPES) for (int k = 0; k < 3; k++) arrays.put("w." + t + "." + k, random(rnd, t, randomShape(rnd)));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("general.architecture", "llama");
        metadata.put("tokens", List.of("a", "\u00fc", ""));
        for (DType t : METADATA_TYPES) {
            metadata.put("s." + t, random(rnd, t));
            metadata.put("a." + t, random(rnd, t, 1 + rnd.nextInt(6)));
        }
        Path written = Mx.saveGguf(dir.resolve("model"), arrays, metadata);
        assertThat(written.getFileName().toString()).isEqualTo("model.gguf");
        GgufFile f = ArrayIO.loadGguf(written);
        assertThat(f.arrays().keySet()).containsExactlyElementsOf(arrays.keySet());
        for (Map.Entry<String, Array> e : arrays.entrySet()) {
            Array got = f.arrays().get(e.getKey());
            assertThat(got.dtype()).as(e.getKey()).isEqualTo(e.getValue().dtype());
            assertThat(got.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
            assertThat(got.toBytes()).as(e.getKey()).isEqualTo(e.getValue().toBytes());
        }
        assertThat(f.metadata().keySet()).containsExactlyElementsOf(metadata.keySet());
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            Object got = f.metadata().get(e.getKey());
            if (e.getValue() instanceof Array want) {
                Array g = (Array) got;
                assertThat(g.dtype()).as(e.getKey()).isEqualTo(want.dtype());
                assertThat(g.shape()).as(e.getKey()).isEqualTo(want.shape());
                assertThat(g.toBytes()).as(e.getKey()).isEqualTo(want.toBytes());
            } else {
                assertThat(got).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        GgufGoldenTest.close(f);
        arrays.values().forEach(Array::close);
        metadata.values().forEach(v -> {
            if (v instanceof Array a) a.close();
        });
        assertThat(Memory.activeMemory()).isLessThanOrEqualTo(before);
    }

    @Test
    void saveArraysWritesTheFormatOfTheExtension() throws Exception {
        Random rnd = new Random(5);
        Map<String, Array> arrays = new LinkedHashMap<>();
        arrays.put("a", random(rnd, DType.FLOAT32, 3, 4));
        arrays.put("b", random(rnd, DType.INT32, 5));
        for (String name : List.of("x.npz", "x.safetensors", "x.gguf")) {
            Path p = Mx.saveArrays(dir.resolve(name), arrays);
            assertThat(p.getFileName().toString()).isEqualTo(name);
            Map<String, Array> back = Mx.loadArrays(p);
            assertThat(back.keySet()).as(name).containsExactly("a", "b");
            for (String k : arrays.keySet()) assertThat(back.get(k).toBytes()).as(name + " " + k).isEqualTo(arrays.get(k).toBytes());
            back.values().forEach(Array::close);
        }
        Path npy = Mx.saveArrays(dir.resolve("one.npy"), Map.of("a", arrays.get("a")));
        assertThat(Mx.load(npy).toBytes()).isEqualTo(arrays.get("a").toBytes());
        assertThatThrownBy(() -> Mx.saveArrays(dir.resolve("two.npy"), arrays)).isInstanceOf(ArrayFileException.class)
                .hasMessageContaining("a .npy file holds one array, not 2");
        assertThatThrownBy(() -> Mx.saveArrays(dir.resolve("x.bin"), arrays)).isInstanceOf(ArrayFileException.class)
                .hasMessageContaining("must end in .npy, .npz, .safetensors or .gguf");
        Path z = Mx.savezCompressed(dir.resolve("c"), arrays);
        assertThat(ArrayIO.loadNpz(z).get("b").toBytes()).isEqualTo(arrays.get("b").toBytes());
        Path st = Mx.saveSafetensors(dir.resolve("m"), arrays, Map.of("format", "mlx"));
        LoadedFile lf = Mx.loadWithMetadata(st);
        assertThat(lf.metadata()).containsExactly(Map.entry("format", "mlx"));
        LoadedFile npz = Mx.loadWithMetadata(z);
        assertThat(npz.metadata()).isEmpty();
        assertThat(npz.arrays()).containsOnlyKeys("a", "b");
    }

    @Test
    void whatGgufCannotStoreIsRefusedNamingTheEntryAndWhatIsValid() {
        Array u32 = Mx.array(new double[] {1, 2}).astype(DType.UINT32);
        assertThatThrownBy(() -> Mx.saveGguf(dir.resolve("a.gguf"), Map.of("w", u32))).isInstanceOf(ArrayFileException.class)
                .hasMessageContaining("[save_gguf] tensor \"w\" has dtype UINT32").hasMessageContaining("valid: FLOAT32");
        Array five = Mx.zeros(new int[] {1, 1, 1, 1, 2}, DType.FLOAT32);
        assertThatThrownBy(() -> Mx.saveGguf(dir.resolve("a.gguf"), Map.of("w", five))).isInstanceOf(ArrayFileException.class)
                .hasMessageContaining("tensor \"w\" has shape [1, 1, 1, 1, 2]").hasMessageContaining("at most 4 dimensions");
        Array ok = Mx.ones(new int[] {2}, DType.FLOAT32);
        assertThatThrownBy(() -> Mx.saveGguf(dir.resolve("a.gguf"), Map.of("w", ok), Map.of("k", 3)))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("metadata \"k\" is a java.lang.Integer");
        assertThatThrownBy(() -> Mx.saveGguf(dir.resolve("a.gguf"), Map.of("w", ok), Map.of("k", Mx.ones(new int[] {2, 2}, DType.INT32))))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("metadata arrays are 0-d or 1-d");
        assertThatThrownBy(() -> Mx.saveGguf(dir.resolve("a.gguf"), Map.of("w", ok), Map.of("k", Mx.ones(new int[] {2}, DType.FLOAT16))))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("metadata \"k\" has dtype FLOAT16");
        assertThatThrownBy(() -> Mx.saveGguf(dir.resolve("a.gguf"), Map.of("w", ok), Map.of("k", List.of("a", 1))))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("a list holding something other than strings");
        assertThatThrownBy(() -> Mx.saveGguf(dir.resolve("a.gguf"), Map.of("w", Mx.zeros(new int[] {0}, DType.FLOAT32))))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("cannot serialize an empty array");
        assertThat(Files.exists(dir.resolve("a.gguf"))).isFalse();
    }

    @Test
    void keepingQuantizedTensorsRefusesScaleNamesThatAreTaken() throws Exception {
        // a Q4_0 tensor "x.weight" next to a plain tensor "x.scales": the MLX form cannot name its scales
        byte[] file = GgufBytes.builder().tensor("x.weight", 2, new long[] {32}, 0).tensor("x.scales", 0, new long[] {1}, 32)
                .data(64).build();
        Path p = dir.resolve("clash.gguf");
        Files.write(p, file);
        GgufFile f = ArrayIO.loadGguf(p);
        assertThat(f.arrays()).containsOnlyKeys("x.weight", "x.scales");
        GgufGoldenTest.close(f);
        assertThatThrownBy(() -> ArrayIO.loadGguf(p, GgufQuantized.MLX_AFFINE)).isInstanceOf(ArrayFileException.class)
                .hasMessageContaining("cannot keep tensor \"x.weight\" (Q4_0) quantized: the name \"x.scales\"");
    }
}
