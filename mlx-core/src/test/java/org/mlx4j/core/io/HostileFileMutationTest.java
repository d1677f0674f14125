package org.mlx4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A short, seeded mutation run over the fuzzers' seed files in the normal build: random bit flips, lying
 * length-sized fields, cuts and splices, each loaded under {@link HostileFileContract}. The {@code fuzz} profile
 * runs the coverage-guided fuzzers for longer.
 */
class HostileFileMutationTest {
    private static final int MUTANTS_PER_SEED = 400;
    private static final long[] LIES = {0, 1, -1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFFL, 0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 31, 32, 33};

    record Seed(String resource, HostileFileContract.Loader loader) {
        @Override
        public String toString() {
            return resource;
        }
    }

    static List<Seed> seeds() {
        String npy = "NpyFuzzTestInputs/npy/";
        return List.of(new Seed(npy + "float32_2x3x5.npy", HostileFileContract.NPY), new Seed(npy + "float32_fortran_2x3x4.npy", HostileFileContract.NPY),
                new Seed(npy + "int64_be_7.npy", HostileFileContract.NPY), new Seed(npy + "float32_v3_3x4.npy", HostileFileContract.NPY),
                new Seed("NpzFuzzTestInputs/npz/pair.npz", HostileFileContract.NPZ),
                new Seed("NpzFuzzTestInputs/npz/pair_compressed.npz", HostileFileContract.NPZ),
                new Seed("SafetensorsFuzzTestInputs/safetensors/model.safetensors", HostileFileContract.SAFETENSORS),
                new Seed("GgufFuzzTestInputs/gguf/gguf_small.gguf", HostileFileContract.GGUF),
                new Seed("GgufFuzzTestInputs/gguf/gguf_small.gguf", HostileFileContract.GGUF_MLX_AFFINE),
                new Seed("GgufFuzzTestInputs/gguf/gguf_golden.gguf", HostileFileContract.GGUF),
                new Seed("GgufFuzzTestInputs/gguf/gguf_golden.gguf", HostileFileContract.GGUF_MLX_AFFINE),
                new Seed("MlxfnFuzzTestInputs/mlxfn/mlxfn_golden.mlxfn", HostileFileContract.MLXFN));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutantsOfTheSeedKeepTheContract(Seed seed) throws IOException {
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream(seed.resource())) {
            original = in.readAllBytes();
        }
        Random rnd = new Random(seed.resource().hashCode());
        for (int i = 0; i < MUTANTS_PER_SEED; i++) {
            byte[] m = mutate(original, rnd);
            try {
                HostileFileContract.check(m, seed.loader());
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("mutant " + i + " of " + seed + " (" + m.length + " bytes) broke the contract: " + e, e);
            }
        }
    }

    private static byte[] mutate(byte[] src, Random rnd) {
        byte[] b = src.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> { // a lying little-endian field of 2, 4 or 8 bytes
                    long v = LIES[rnd.nextInt(LIES.length)];
                    int size = 2 << rnd.nextInt(3);
                    for (int k = 0; k < size && at + k < b.length; k++) b[at + k] = (byte) (v >>> (8 * k));
                }
                case 3 -> b = Arrays.copyOf(b, at); // cut
                default -> { // splice: a block of the file copied elsewhere
                    int from = rnd.nextInt(b.length), len = Math.min(1 + rnd.nextInt(16), b.length - Math.max(from, at));
                    System.arraycopy(src, Math.min(from, src.length - len), b, at, Math.max(0, len));
                }
            }
        }
        return b;
    }
}
