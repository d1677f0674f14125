package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Moves one line of complex elements stored as interleaved float pairs (COMPLEX64, or an even-length FLOAT32
 * line read as pairs) between a buffer and the split arrays the FFT passes work on. Positions are float
 * indices: element {@code j}'s real part at {@code at + j * step}, its imaginary part right after. A
 * contiguous line ({@code step == 2}) is split and merged two vectors at a time with two-vector lane
 * selections; a strided one element by element.
 */
final class FftLines {
    private FftLines() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Lane selections over two vectors: the even and odd lanes (split), and the two halves of a merge. */
    private static final FloatVector EVENS, ODDS, LOW, HIGH;

    static {
        float[] evens = new float[LANES], odds = new float[LANES], low = new float[LANES], high = new float[LANES];
        for (int i = 0; i < LANES; i++) {
            evens[i] = 2 * i;
            odds[i] = 2 * i + 1;
            low[i] = (i % 2 == 0 ? 0 : LANES) + i / 2;
            high[i] = (i % 2 == 0 ? 0 : LANES) + LANES / 2 + i / 2;
        }
        EVENS = FloatVector.fromArray(F, evens, 0);
        ODDS = FloatVector.fromArray(F, odds, 0);
        LOW = FloatVector.fromArray(F, low, 0);
        HIGH = FloatVector.fromArray(F, high, 0);
    }

    /** Elements {@code j < n} of the line at float index {@code at}, {@code step} floats apart, into {@code re} and {@code im}. */
    static void read(MemorySegment seg, long at, long step, int n, float[] re, float[] im) { read(seg, at, step, n, re, im, 0); }

    /** As {@link #read(MemorySegment, long, long, int, float[], float[])}, into the arrays from index {@code to}. */
    static void read(MemorySegment seg, long at, long step, int n, float[] re, float[] im, int to) {
        int j = 0;
        if (step == 2) {
            for (; j + LANES <= n; j += LANES) {
                long bytes = 4 * (at + 2L * j);
                FloatVector a = FloatVector.fromMemorySegment(F, seg, bytes, ORDER);
                FloatVector b = FloatVector.fromMemorySegment(F, seg, bytes + 4L * LANES, ORDER);
                EVENS.selectFrom(a, b).intoArray(re, to + j);
                ODDS.selectFrom(a, b).intoArray(im, to + j);
            }
        }
        for (; j < n; j++) {
            long k = at + j * step;
            re[to + j] = seg.getAtIndex(ElementAccess.F32, k);
            im[to + j] = seg.getAtIndex(ElementAccess.F32, k + 1);
        }
    }

    /** {@code scale * (re + i im)} into elements {@code j < n} of the line at float index {@code at}, {@code step} floats apart. */
    static void write(MemorySegment seg, long at, long step, int n, float[] re, float[] im, float scale) {
        write(seg, at, step, n, re, im, 0, scale);
    }

    /** As {@link #write(MemorySegment, long, long, int, float[], float[], float)}, from index {@code from} of the arrays. */
    static void write(MemorySegment seg, long at, long step, int n, float[] re, float[] im, int from, float scale) {
        int j = 0;
        if (step == 2) {
            for (; j + LANES <= n; j += LANES) {
                FloatVector r = FloatVector.fromArray(F, re, from + j), i = FloatVector.fromArray(F, im, from + j);
                if (scale != 1f) {
                    r = r.mul(scale);
                    i = i.mul(scale);
                }
                long bytes = 4 * (at + 2L * j);
                LOW.selectFrom(r, i).intoMemorySegment(seg, bytes, ORDER);
                HIGH.selectFrom(r, i).intoMemorySegment(seg, bytes + 4L * LANES, ORDER);
            }
        }
        for (; j < n; j++) {
            long k = at + j * step;
            seg.setAtIndex(ElementAccess.F32, k, re[from + j] * scale);
            seg.setAtIndex(ElementAccess.F32, k + 1, im[from + j] * scale);
        }
    }
}
