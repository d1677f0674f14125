package org.mlx4j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.mlx4j.core.Array;
import org.mlx4j.core.Memory;

/**
 * What a loader owes any bytes at all: it returns arrays, or throws an {@link ArrayFileException} naming the file;
 * never another exception (an out-of-bounds read, a negative size), never an array left behind after a failure,
 * and never more memory than the file's bytes justify ({@code maxExpansion} times the file, plus a little).
 */
final class HostileFileContract {
    private HostileFileContract() {}

    /** A loader under test: its file extension, the load, and how much larger than the file its arrays may be. */
    record Loader(String extension, Function<Path, Object> load, long maxExpansion) {}

    static final Loader NPY = new Loader(".npy", ArrayIO::load, 2);
    static final Loader NPZ = new Loader(".npz", ArrayIO::loadNpz, 1100); // deflate expands at most ~1032 times
    static final Loader SAFETENSORS = new Loader(".safetensors", ArrayIO::loadSafetensors, 2);
    static final Loader GGUF = new Loader(".gguf", p -> ArrayIO.loadGguf(p, GgufQuantized.DEQUANTIZE), 8); // Q4_0: 128 bytes from 18
    static final Loader GGUF_MLX_AFFINE = new Loader(".gguf", p -> ArrayIO.loadGguf(p, GgufQuantized.MLX_AFFINE), 2);
    static final Loader MLXFN = new Loader(".mlxfn", MlxFunctions::importFunction, 2);

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("mlx4j-hostile");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void check(byte[] bytes, Loader loader) {
        Path p = DIR.resolve("input" + loader.extension());
        try {
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long before = Memory.activeMemory();
        Memory.resetPeakMemory();
        try {
            closeAll(loader.load().apply(p));
        } catch (ArrayFileException e) {
            if (!p.equals(e.file()) || !e.getMessage().startsWith(p + ": ")) throw new AssertionError("the exception does not name the file: " + e.getMessage(), e);
        } finally {
            p.toFile().delete();
        }
        // other tests' unreachable arrays may be reclaimed meanwhile: only growth is a leak
        long leaked = Memory.activeMemory() - before;
        if (leaked > 0) throw new AssertionError(leaked + " bytes of arrays outlive the load of " + bytes.length + " bytes");
        long grew = Memory.peakMemory() - before;
        long allowed = loader.maxExpansion() * bytes.length + 4096;
        if (grew > allowed) throw new AssertionError("loading " + bytes.length + " bytes took " + grew + " bytes of arrays (at most " + allowed + ")");
    }

    private static void closeAll(Object result) {
        switch (result) {
            case Array a -> a.close();
            case Map<?, ?> m -> m.values().forEach(HostileFileContract::closeAll);
            case SafetensorsFile f -> closeAll(f.arrays());
            case ImportedFunction f -> f.close();
            case GgufFile f -> {
                closeAll(f.arrays());
                closeAll(f.metadata());
            }
            default -> { }
        }
    }
}
