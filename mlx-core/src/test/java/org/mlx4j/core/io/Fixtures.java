package org.mlx4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.ElementAccess;

/** The formula behind the fixture files (see make_fixtures.py) and helpers to copy them out of the classpath. */
final class Fixtures {
    private Fixtures() {}

    /** Element i of a fixture of the given dtype, as make_fixtures.py computes it. */
    static double value(long i, DType t) {
        long k = (37 * i + 11) % 101;
        if (t.isUnsignedInteger()) return k;
        if (t == DType.BOOL) return k % 2 == 1 ? 1 : 0;
        if (t.isInteger()) return k - 50;
        return (k - 50) / 4.0;
    }

    /** Native-order bytes of a fixture with {@code n} elements, special floats included. */
    static byte[] expectedBytes(DType t, long n) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Math.max(1, n * t.size()));
            for (long i = 0; i < n; i++) {
                double v = value(i, t);
                if (t.isInexact() && n > 4) {
                    if (i == 1) v = Double.NaN;
                    if (i == 2) v = Double.POSITIVE_INFINITY;
                    if (i == 3) v = Double.NEGATIVE_INFINITY;
                    if (i == 4) v = -0.0;
                }
                if (t == DType.COMPLEX64) {
                    ElementAccess.setComplex(s, i, (float) v, 0f);
                } else if (t.isInexact()) {
                    ElementAccess.setDouble(s, t, i, v);
                } else {
                    ElementAccess.setLong(s, t, i, (long) v);
                }
            }
            return s.asSlice(0, n * t.size()).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /** Copies a fixture resource to {@code dir} and returns its path. */
    static Path copy(String name, Path dir) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
