package org.mlx4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.Memory;

/** Corrupt and truncated files fail with an ArrayFileException naming the file and the problem. */
class CorruptArrayFilesTest {
    @TempDir
    Path dir;

    private static final List<String> FIXTURES = List.of("float32_2x3x5.npy", "float32_fortran_2x3x4.npy", "int64_be_7.npy",
            "float32_v2_3x4.npy", "complex64_2x3x5.npy", "pair.npz", "pair_compressed.npz", "model.safetensors");

    private static Function<Path, Object> loaderFor(String name) {
        if (name.endsWith(".npz")) return ArrayIO::loadNpz;
        if (name.endsWith(".safetensors")) return ArrayIO::loadSafetensors;
        return ArrayIO::load;
    }

    @Test
    void everyTruncationFailsAndNamesTheFile() throws IOException {
        long before = Memory.activeMemory();
        for (String name : FIXTURES) {
            byte[] whole = Files.readAllBytes(Fixtures.copy(name, dir));
            Function<Path, Object> loader = loaderFor(name);
            for (int len = 0; len < whole.length; len++) {
                if (name.endsWith(".npy") && len == whole.length) continue;
                Path p = dir.resolve("cut" + len + "_" + name);
                Files.write(p, Arrays.copyOf(whole, len));
                try {
                    Object r = loader.apply(p);
                    fail("loading " + name + " cut to " + len + " of " + whole.length + " bytes returned " + r);
                } catch (ArrayFileException e) {
                    assertThat(e.file()).isEqualTo(p);
                    assertThat(e.getMessage()).startsWith(p.toString() + ": ");
                }
                Files.delete(p);
            }
        }
        assertThat(Memory.activeMemory()).as("no array survives a failed load").isEqualTo(before);
    }

    @Test
    void randomByteFlipsEitherLoadOrFailCleanly() throws IOException {
        Random rnd = new Random(1234);
        for (String name : FIXTURES) {
            byte[] whole = Files.readAllBytes(Fixtures.copy(name, dir));
            Function<Path, Object> loader = loaderFor(name);
            for (int trial = 0; trial < 150; trial++) {
                byte[] bad = whole.clone();
                // mostly header bytes, where the parser lives
                int at = rnd.nextInt(Math.min(bad.length, trial % 3 == 0 ? bad.length : 160));
                bad[at] = (byte) (bad[at] ^ (1 + rnd.nextInt(255)));
                Path p = dir.resolve("flip_" + name);
                Files.write(p, bad);
                try {
                    Object r = loader.apply(p);
                    closeLoaded(r);
                } catch (ArrayFileException e) {
                    assertThat(e.getMessage()).contains(p.toString());
                }
            }
        }
    }

    private static void closeLoaded(Object r) {
        if (r instanceof Array a) a.close();
        else if (r instanceof Map<?, ?> m) m.values().forEach(v -> ((Array) v).close());
        else if (r instanceof SafetensorsFile f) f.arrays().values().forEach(Array::close);
    }

    private Path npy(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyFormat.MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        Path p = Files.createTempFile(dir, "h", ".npy");
        Files.write(p, b.array());
        return p;
    }

    @Test
    void clearMessagesForBadNpyHeaders() throws IOException {
        record Case(String header, int data, String message) {}
        List<Case> cases = List.of(
                new Case("{'descr': '<U5', 'fortran_order': False, 'shape': (2,), }", 40, "unsupported .npy dtype '<U5'"),
                new Case("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", 16, "unsupported .npy dtype '|O'"),
                new Case("{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }", 32, "unsupported .npy dtype '<c16'"),
                new Case("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (2,), }", 8, "structured dtypes"),
                new Case("{'descr': '<f4', 'shape': (2,), }", 8, "'fortran_order'"),
                new Case("{'descr': '<f4', 'fortran_order': 1, 'shape': (2,), }", 8, "'fortran_order' is 1"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", 8, "dimension 0"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (2,3), }", 8, "needs 24 bytes but only 8"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296,), }", 8, "dimension 0"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647), }", 8, "too large"),
                new Case("{'descr': '<f4', 'fortran_order': False, 'shape': (2,) ", 8, "corrupt .npy header"),
                new Case("['descr', '<f4']", 8, "not a dictionary"));
        for (Case c : cases) {
            Path p = npy(c.header(), c.data());
            assertThatThrownBy(() -> ArrayIO.load(p)).as(c.header())
                    .isInstanceOf(ArrayFileException.class)
                    .hasMessageStartingWith(p + ": ")
                    .hasMessageContaining(c.message());
        }
    }

    @Test
    void clearMessagesForBadMagicVersionAndMissingFiles() throws IOException {
        Path p = dir.resolve("bad.npy");
        Files.write(p, "PK\u0003\u0004 not numpy at all".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ArrayIO.load(p)).hasMessageContaining("not a .npy file");
        byte[] v9 = Files.readAllBytes(Fixtures.copy("float32_2x3x5.npy", dir));
        v9[6] = 9;
        Files.write(p, v9);
        assertThatThrownBy(() -> ArrayIO.load(p)).hasMessageContaining("unsupported .npy format version 9.0");
        ByteBuffer huge = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        huge.put(NpyFormat.MAGIC).put((byte) 2).put((byte) 0).putInt(Integer.MAX_VALUE);
        Files.write(p, huge.array());
        assertThatThrownBy(() -> ArrayIO.load(p)).hasMessageContaining("claims 2147483647 bytes");
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> ArrayIO.load(missing)).isInstanceOf(ArrayFileException.class).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> ArrayIO.loadNpz(dir.resolve("missing.npz"))).isInstanceOf(ArrayFileException.class);
        assertThatThrownBy(() -> ArrayIO.loadSafetensors(dir.resolve("missing.safetensors"))).isInstanceOf(ArrayFileException.class);
    }

    private Path safetensors(String json, int dataBytes) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path p = Files.createTempFile(dir, "s", ".safetensors");
        Files.write(p, b.array());
        return p;
    }

    @Test
    void clearMessagesForBadSafetensorsHeaders() throws IOException {
        record Case(String json, int data, String message) {}
        List<Case> cases = List.of(
                new Case("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 8, "needs 8 bytes but its data_offsets [0, 4] span 4"),
                new Case("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8, "truncated"),
                new Case("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 8, "unsupported safetensors dtype \"F8_E4M3\""),
                new Case("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 8, "dimension -1"),
                new Case("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 8, "data_offsets [4, 0]"),
                new Case("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 8, "needs data_offsets"),
                new Case("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", 8, "invalid JSON"),
                new Case("{\"a\":1,\"a\":2}", 8, "duplicate key"),
                new Case("[1,2]", 8, "not an object"),
                new Case("{\"__metadata__\":{\"k\":3}}", 0, "metadata value of \"k\""),
                new Case("[".repeat(5000), 0, "nesting deeper"));
        for (Case c : cases) {
            Path p = safetensors(c.json(), c.data());
            assertThatThrownBy(() -> ArrayIO.loadSafetensors(p)).as(c.json().length() > 80 ? "deep" : c.json())
                    .isInstanceOf(ArrayFileException.class)
                    .hasMessageStartingWith(p + ": ")
                    .hasMessageContaining(c.message());
        }
        Path p = dir.resolve("len.safetensors");
        Files.write(p, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-5L).array());
        assertThatThrownBy(() -> ArrayIO.loadSafetensors(p)).hasMessageContaining("invalid safetensors header length 18446744073709551611");
    }

    @Test
    void npzWithOneBadEntryLoadsNothing() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.copy("float32_2x3x5.npy", dir));
        Path p = dir.resolve("half.npz");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(buf)) {
            z.putNextEntry(new ZipEntry("good.npy"));
            z.write(good);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("bad.npy"));
            z.write(Arrays.copyOf(good, good.length - 3));
            z.closeEntry();
        }
        Files.write(p, buf.toByteArray());
        long before = Memory.activeMemory();
        assertThatThrownBy(() -> ArrayIO.loadNpz(p))
                .isInstanceOf(ArrayFileException.class)
                .hasMessageContaining("half.npz")
                .hasMessageContaining("entry 'bad.npy'")
                .hasMessageContaining("truncated");
        assertThat(Memory.activeMemory()).isEqualTo(before);

        ByteArrayOutputStream buf2 = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(buf2)) {
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.write("hello".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        Files.write(p, buf2.toByteArray());
        assertThatThrownBy(() -> ArrayIO.loadNpz(p)).hasMessageContaining("'notes.txt' is not an .npy array");
        Files.write(p, "definitely not a zip archive".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> ArrayIO.loadNpz(p)).hasMessageContaining("not a valid .npz (zip) archive");
    }
}
