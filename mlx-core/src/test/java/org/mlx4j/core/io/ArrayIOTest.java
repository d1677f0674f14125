package org.mlx4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.backend.cpu.ElementAccess;

class ArrayIOTest {
    @TempDir
    Path dir;

    private static final DType[] NPY_FIXTURE_TYPES = {DType.BOOL, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64,
            DType.INT8, DType.INT16, DType.INT32, DType.INT64, DType.FLOAT16, DType.FLOAT32, DType.FLOAT64, DType.COMPLEX64};

    @Test
    void loadsEveryNumpyDtypeBitForBit() {
        for (DType t : NPY_FIXTURE_TYPES) {
            Path p = Fixtures.copy(t.mlxName() + "_2x3x5.npy", dir);
            try (Array a = ArrayIO.load(p)) {
                assertThat(a.dtype()).as(t.toString()).isEqualTo(t);
                assertThat(a.shape()).as(t.toString()).containsExactly(2, 3, 5);
                assertThat(a.toBytes()).as(t.toString()).isEqualTo(Fixtures.expectedBytes(t, 30));
            }
        }
    }

    @Test
    void swapsBigEndianData() {
        try (Array a = ArrayIO.load(Fixtures.copy("float32_be_4x3.npy", dir));
             Array b = ArrayIO.load(Fixtures.copy("int64_be_7.npy", dir))) {
            assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(a.shape()).containsExactly(4, 3);
            assertThat(a.toBytes()).isEqualTo(Fixtures.expectedBytes(DType.FLOAT32, 12));
            assertThat(b.shape()).containsExactly(7);
            assertThat(b.toLongArray()).containsExactly(-39, -2, 35, -29, 8, 45, -19);
        }
    }

    @Test
    void fortranOrderIsTransposedToRowMajor() {
        try (Array a = ArrayIO.load(Fixtures.copy("float32_fortran_2x3x4.npy", dir))) {
            assertThat(a.shape()).containsExactly(2, 3, 4);
            // the logical (row-major) element order equals the C-order fixture's
            assertThat(a.toBytes()).isEqualTo(Fixtures.expectedBytes(DType.FLOAT32, 24));
        }
    }

    @Test
    void scalarEmptyAndLaterFormatVersions() {
        try (Array s = ArrayIO.load(Fixtures.copy("int32_scalar.npy", dir));
             Array e = ArrayIO.load(Fixtures.copy("float32_empty_0x3.npy", dir));
             Array v2 = ArrayIO.load(Fixtures.copy("float32_v2_3x4.npy", dir));
             Array v3 = ArrayIO.load(Fixtures.copy("float32_v3_3x4.npy", dir))) {
            assertThat(s.shape()).isEmpty();
            assertThat(s.intValue()).isEqualTo(-39);
            assertThat(e.shape()).containsExactly(0, 3);
            assertThat(e.size()).isZero();
            assertThat(v2.toBytes()).isEqualTo(Fixtures.expectedBytes(DType.FLOAT32, 12));
            assertThat(v3.toBytes()).isEqualTo(Fixtures.expectedBytes(DType.FLOAT32, 12));
        }
    }

    @Test
    void loadsNpzInArchiveOrder() {
        for (String name : List.of("pair.npz", "pair_compressed.npz")) {
            Map<String, Array> m = ArrayIO.loadNpz(Fixtures.copy(name, dir));
            assertThat(m.keySet()).as(name).containsExactly("weights", "ids");
            assertThat(m.get("weights").shape()).containsExactly(3, 4);
            assertThat(m.get("weights").toBytes()).isEqualTo(Fixtures.expectedBytes(DType.FLOAT32, 12));
            assertThat(m.get("ids").dtype()).isEqualTo(DType.INT32);
            assertThat(m.get("ids").toIntArray()).containsExactly(-39, -2, 35, -29, 8);
            m.values().forEach(Array::close);
        }
    }

    @Test
    void loadsSafetensorsWithMetadata() {
        SafetensorsFile f = ArrayIO.loadSafetensors(Fixtures.copy("model.safetensors", dir));
        assertThat(f.arrays().keySet()).containsExactly("layer.weight", "layer.bf16", "step", "mask");
        assertThat(f.metadata()).containsExactly(Map.entry("format", "mlx"), Map.entry("note", "fixture \"quoted\" \u00e9"));
        assertThat(f.arrays().get("layer.weight").toBytes()).isEqualTo(Fixtures.expectedBytes(DType.FLOAT32, 10));
        Array bf = f.arrays().get("layer.bf16");
        assertThat(bf.dtype()).isEqualTo(DType.BFLOAT16);
        assertThat(bf.toBytes()).isEqualTo(Fixtures.expectedBytes(DType.BFLOAT16, 10));
        assertThat(f.arrays().get("step").shape()).isEmpty();
        assertThat(f.arrays().get("step").longValue()).isEqualTo(-39);
        assertThat(f.arrays().get("mask").dtype()).isEqualTo(DType.BOOL);
        assertThat(f.arrays().get("mask").toBytes()).containsExactly(1, 0, 1);
        f.arrays().values().forEach(Array::close);
    }

    @Test
    void loadArraysDispatchesOnTheExtension() {
        assertThat(ArrayIO.loadArrays(Fixtures.copy("int32_scalar.npy", dir)).keySet()).containsExactly("int32_scalar");
        assertThat(ArrayIO.loadArrays(Fixtures.copy("pair.npz", dir)).keySet()).containsExactly("weights", "ids");
        assertThat(ArrayIO.loadArrays(Fixtures.copy("model.safetensors", dir))).hasSize(4);
        assertThatThrownBy(() -> ArrayIO.loadArrays(dir.resolve("x.bin")))
                .isInstanceOf(ArrayFileException.class).hasMessageContaining("x.bin").hasMessageContaining("unknown file format");
    }

    /** Random raw bytes valid for the dtype (bool 0/1; floats any bit pattern, NaN payloads included). */
    static Array randomArray(DType t, int[] shape, Random rnd) {
        long n = 1;
        for (int d : shape) n *= d;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Math.max(1, n * t.size()), 64);
            for (long i = 0; i < n * t.size(); i++) s.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt());
            if (t == DType.BOOL) for (long i = 0; i < n; i++) ElementAccess.setLong(s, t, i, rnd.nextInt(2));
            return Mx.array(s, t, shape);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void roundTripsEveryDtypeThroughEveryFormat(DType t) {
        Random rnd = new Random(42 + t.ordinal());
        int[][] shapes = {{7}, {3, 5}, {2, 1, 9}, {}, {1}};
        for (int[] shape : shapes) {
            try (Array a = randomArray(t, shape, rnd)) {
                byte[] expected = a.toBytes();
                Path npy = ArrayIO.save(dir.resolve("a_" + t), a);
                assertThat(npy.getFileName().toString()).endsWith(".npy");
                try (Array b = ArrayIO.load(npy)) {
                    assertThat(b.dtype()).isEqualTo(t);
                    assertThat(b.shape()).isEqualTo(shape);
                    assertThat(b.toBytes()).isEqualTo(expected);
                }
                Map<String, Array> m = new LinkedHashMap<>();
                m.put("first", a);
                m.put("second", a);
                for (boolean compressed : new boolean[] {false, true}) {
                    Path npz = compressed ? ArrayIO.savezCompressed(dir.resolve("z"), m) : ArrayIO.savez(dir.resolve("z"), m);
                    assertThat(npz.getFileName().toString()).isEqualTo("z.npz");
                    Map<String, Array> back = ArrayIO.loadNpz(npz);
                    assertThat(back.keySet()).containsExactly("first", "second");
                    for (Array b : back.values()) {
                        assertThat(b.dtype()).isEqualTo(t);
                        assertThat(b.shape()).isEqualTo(shape);
                        assertThat(b.toBytes()).isEqualTo(expected);
                        b.close();
                    }
                }
                Path st = ArrayIO.saveSafetensors(dir.resolve("w"), m, Map.of("k", "v"));
                assertThat(st.getFileName().toString()).isEqualTo("w.safetensors");
                SafetensorsFile f = ArrayIO.loadSafetensors(st);
                assertThat(f.metadata()).containsExactly(Map.entry("k", "v"));
                for (Array b : f.arrays().values()) {
                    assertThat(b.dtype()).isEqualTo(t);
                    assertThat(b.shape()).isEqualTo(shape);
                    assertThat(b.toBytes()).isEqualTo(expected);
                    b.close();
                }
            }
        }
    }

    @Test
    void positionalSavezNamesArraysLikeNumpy() {
        try (Array a = Mx.array(new float[] {1, 2, 3}); Array b = Mx.array(new int[] {4, 5}, 2)) {
            Map<String, Array> m = ArrayIO.loadNpz(ArrayIO.savez(dir.resolve("p.npz"), a, b));
            assertThat(m.keySet()).containsExactly("arr_0", "arr_1");
            assertThat(m.get("arr_1").toIntArray()).containsExactly(4, 5);
            m.values().forEach(Array::close);
        }
    }

    @Test
    void savesOfEmptyArraysFailAsInMlx() {
        try (Array e = Mx.zeros(new int[] {0, 3}, DType.FLOAT32)) {
            assertThatThrownBy(() -> ArrayIO.save(dir.resolve("e"), e))
                    .isInstanceOf(ArrayFileException.class).hasMessageContaining("e.npy").hasMessageContaining("empty array");
            assertThatThrownBy(() -> ArrayIO.saveSafetensors(dir.resolve("e"), Map.of("x", e)))
                    .isInstanceOf(ArrayFileException.class).hasMessageContaining("key x");
            assertThat(Files.exists(dir.resolve("e.npy"))).isFalse();
        }
    }

    @Test
    void headerIsPaddedSoDataIsAligned() throws IOException {
        try (Array a = Mx.array(new float[] {1, 2, 3, 4, 5}, 5)) {
            byte[] file = Files.readAllBytes(ArrayIO.save(dir.resolve("al.npy"), a));
            assertThat((file.length - 20) % 64).isZero();
            String header = new String(file, 10, file.length - 30, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }").endsWith("\n");
            byte[] st = Files.readAllBytes(ArrayIO.saveSafetensors(dir.resolve("al"), Map.of("a", a)));
            long headerLen = java.nio.ByteBuffer.wrap(st, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(headerLen % 8).isZero();
            assertThat(st.length).isEqualTo(8 + headerLen + 20);
        }
    }

    /** numpy reads what we write, bit for bit (skipped where python3 with numpy is missing). */
    @Test
    void numpyReadsOurFiles() throws Exception {
        Assumptions.assumeTrue(pythonWithNumpy(), "python3 with numpy is not available");
        Random rnd = new Random(7);
        List<String> checks = new ArrayList<>();
        for (DType t : NPY_FIXTURE_TYPES) {
            try (Array a = randomArray(t, new int[] {3, 4}, rnd)) {
                Path p = ArrayIO.save(dir.resolve("np_" + t.mlxName()), a);
                Path raw = dir.resolve("np_" + t.mlxName() + ".raw");
                Files.write(raw, a.toBytes());
                checks.add("a=np.load('" + p + "'); assert a.shape==(3,4), a.shape; "
                        + "assert a.tobytes()==open('" + raw + "','rb').read(), '" + t + "'");
            }
        }
        try (Array w = randomArray(DType.FLOAT32, new int[] {2, 2}, rnd)) {
            Path z = ArrayIO.savezCompressed(dir.resolve("np_z"), Map.of("w", w));
            checks.add("z=np.load('" + z + "'); assert list(z.keys())==['w']; assert z['w'].shape==(2,2)");
        }
        Process p = new ProcessBuilder("python3", "-c", "import numpy as np\n" + String.join("\n", checks))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static boolean pythonWithNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
