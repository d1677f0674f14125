package org.mlx4j.core.backend.cpu;

import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Threefry-2x32 (20 rounds, Random123) and MLX's layout of random bits.
 *
 * <p>Each key fills its own block of {@code B} output bytes, seen as {@code W = ceil(B / 4)} 32-bit
 * words. With {@code H = W / 2} and {@code S = H + W % 2}, hashing the counter {@code (j, j + S)}
 * gives words {@code j} and {@code j + S} for {@code j < H}; when {@code W} is odd, word {@code H}
 * is the first half of the hash of {@code (H, 0)}. Words are stored in native byte order and the
 * last one is cut to the block's end, so narrow elements are the low bytes of the words.
 */
public final class RandomKernels {
    private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfInt WORD = ValueLayout.JAVA_INT_UNALIGNED;
    private static final int PARITY = 0x1BD11BDA;
    private static final int[] ROTATIONS = {13, 15, 26, 6, 17, 29, 16, 24};
    /** Vector iterations timed per call until the vector loop runs compiled. */
    private static final int PROBE_ITERATIONS = 16;
    /** Compiled, the vector loop takes 1-3 ns per hash (scalar code about 13); cold, far more. */
    private static final double READY_NS_PER_HASH = 8.0;
    private static volatile boolean vectorReady;
    /** Hashes per task: one hash is about a hundred integer operations. */
    private static final long GRAIN = 1 << 13;

    private RandomKernels() {}

    /**
     * The Threefry-2x32 hash of counter {@code (c0, c1)} under key {@code (k0, k1)}: the first
     * output word in the low 32 bits of the result, the second in the high 32 bits.
     */
    public static long threefry2x32(int k0, int k1, int c0, int c1) {
        int k2 = k0 ^ k1 ^ PARITY;
        int x = c0 + k0, y = c1 + k1;
        // five groups of four rounds (rotation sets alternate), each followed by a key injection
        x += y; y = Integer.rotateLeft(y, 13) ^ x;
        x += y; y = Integer.rotateLeft(y, 15) ^ x;
        x += y; y = Integer.rotateLeft(y, 26) ^ x;
        x += y; y = Integer.rotateLeft(y, 6) ^ x;
        x += k1; y += k2 + 1;
        x += y; y = Integer.rotateLeft(y, 17) ^ x;
        x += y; y = Integer.rotateLeft(y, 29) ^ x;
        x += y; y = Integer.rotateLeft(y, 16) ^ x;
        x += y; y = Integer.rotateLeft(y, 24) ^ x;
        x += k2; y += k0 + 2;
        x += y; y = Integer.rotateLeft(y, 13) ^ x;
        x += y; y = Integer.rotateLeft(y, 15) ^ x;
        x += y; y = Integer.rotateLeft(y, 26) ^ x;
        x += y; y = Integer.rotateLeft(y, 6) ^ x;
        x += k0; y += k1 + 3;
        x += y; y = Integer.rotateLeft(y, 17) ^ x;
        x += y; y = Integer.rotateLeft(y, 29) ^ x;
        x += y; y = Integer.rotateLeft(y, 16) ^ x;
        x += y; y = Integer.rotateLeft(y, 24) ^ x;
        x += k1; y += k2 + 4;
        x += y; y = Integer.rotateLeft(y, 13) ^ x;
        x += y; y = Integer.rotateLeft(y, 15) ^ x;
        x += y; y = Integer.rotateLeft(y, 26) ^ x;
        x += y; y = Integer.rotateLeft(y, 6) ^ x;
        x += k2; y += k0 + 5;
        return Integer.toUnsignedLong(x) | (long) y << 32;
    }

    /**
     * Fills {@code out} (row-major contiguous, any element width) with the random bits of the keys
     * in {@code keys} (UINT32, shape {@code [..., 2]}); the output's size is a multiple of the
     * number of keys, and key {@code i} fills the {@code i}-th block.
     */
    public static void bits(StridedView keys, StridedView out) {
        long numKeys = keys.size() / 2;
        long bytes = out.size() * out.dtype().size();
        if (numKeys == 0 || bytes == 0) return;
        if (bytes % numKeys != 0) {
            throw new IllegalArgumentException("RandomBits: " + out.size() + " output elements cannot be split among "
                    + numKeys + " keys");
        }
        int[] k = readKeys(keys, numKeys);
        long bytesPerKey = bytes / numKeys;
        MemorySegment seg = out.segment();
        long base = out.byteOffset();
        if (numKeys == 1) {
            fillBlock(k[0], k[1], seg, base, bytesPerKey, true);
            return;
        }
        long hashesPerKey = (bytesPerKey + 7) / 8;
        Parallel.forRange(numKeys, Math.max(1, GRAIN / hashesPerKey), (s, e) -> {
            for (long i = s; i < e; i++) {
                fillBlock(k[(int) (2 * i)], k[(int) (2 * i + 1)], seg, base + i * bytesPerKey, bytesPerKey, false);
            }
        });
    }

    private static int[] readKeys(StridedView keys, long numKeys) {
        int[] k = new int[Math.toIntExact(2 * numKeys)];
        int[] shape = keys.shape();
        long[] strides = keys.strides();
        int[] idx = new int[shape.length];
        long off = keys.offset();
        for (int i = 0; i < k.length; i++) {
            k[i] = (int) ElementAccess.getLong(keys.segment(), keys.dtype(), off);
            for (int d = shape.length - 1; d >= 0; d--) {
                off += strides[d];
                if (++idx[d] < shape[d]) break;
                off -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
        return k;
    }

    /** One key's block of {@code bytes} bytes starting at byte {@code base} of {@code seg}. */
    private static void fillBlock(int k0, int k1, MemorySegment seg, long base, long bytes, boolean parallel) {
        long words = (bytes + 3) / 4;
        long half = words / 2;
        long shift = half + (words & 1);
        boolean partialLast = bytes % 4 != 0;
        // the pair j = half - 1 writes the last word, which may be cut short
        long fullPairs = partialLast && half > 0 ? half - 1 : half;
        if (parallel) {
            Parallel.forRange(fullPairs, GRAIN, SPECIES.length(),
                    (s, e) -> hashPairs(k0, k1, seg, base, shift, s, e));
        } else {
            hashPairs(k0, k1, seg, base, shift, 0, fullPairs);
        }
        if (fullPairs < half) {
            long j = half - 1;
            long h = threefry2x32(k0, k1, (int) j, (int) (j + shift));
            seg.set(WORD, base + 4 * j, (int) h);
            long at = 4 * (j + shift);
            writeBytes(seg, base + at, (int) (h >>> 32), bytes - at);
        }
        if ((words & 1) != 0) {
            long h = threefry2x32(k0, k1, (int) half, 0);
            long at = 4 * half;
            writeBytes(seg, base + at, (int) h, Math.min(4, bytes - at));
        }
    }

    /**
     * Words {@code j} and {@code j + shift} for {@code j} in {@code [from, to)}, all whole.
     *
     * <p>Vector API code runs far slower than scalar code until the JIT's optimising compiler has
     * compiled it, which takes thousands of calls. Until then each call times a short vector probe
     * (which also counts towards that compilation) and hashes the rest with the scalar code; once a
     * probe runs at vector speed, the vector loop takes everything.
     */
    private static void hashPairs(int k0, int k1, MemorySegment seg, long base, long shift, long from, long to) {
        long j = from;
        if (!vectorReady) {
            long probe = (long) PROBE_ITERATIONS * SPECIES.length();
            if (to - from >= probe) {
                long t0 = System.nanoTime();
                j = vectorPairs(k0, k1, seg, base, shift, from, from + probe);
                if (System.nanoTime() - t0 < READY_NS_PER_HASH * probe) vectorReady = true;
            }
            if (!vectorReady) {
                scalarPairs(k0, k1, seg, base, shift, j, to);
                return;
            }
        }
        j = vectorPairs(k0, k1, seg, base, shift, j, to);
        scalarPairs(k0, k1, seg, base, shift, j, to);
    }

    /** Whole vectors of pairs from {@code from}; returns where it stopped. */
    private static long vectorPairs(int k0, int k1, MemorySegment seg, long base, long shift, long from, long to) {
        int lanes = SPECIES.length();
        int k2 = k0 ^ k1 ^ PARITY;
        IntVector iota = IntVector.zero(SPECIES).addIndex(1);
        long j = from;
        for (; j + lanes <= to; j += lanes) {
            IntVector x = iota.add((int) j + k0);
            IntVector y = iota.add((int) (j + shift) + k1);
            // kept as loops: the unrolled form is too big for the JIT to keep the vectors in registers
            for (int i = 0; i < 5; i++) {
                int r = (i & 1) * 4;
                for (int q = 0; q < 4; q++) {
                    x = x.add(y);
                    y = y.lanewise(ROL, ROTATIONS[r + q]).lanewise(XOR, x);
                }
                x = x.add(injection(i + 1, k0, k1, k2));
                y = y.add(injection(i + 2, k0, k1, k2) + i + 1);
            }
            x.intoMemorySegment(seg, base + 4 * j, ORDER);
            y.intoMemorySegment(seg, base + 4 * (j + shift), ORDER);
        }
        return j;
    }

    private static void scalarPairs(int k0, int k1, MemorySegment seg, long base, long shift, long from, long to) {
        for (long j = from; j < to; j++) {
            long h = threefry2x32(k0, k1, (int) j, (int) (j + shift));
            seg.set(WORD, base + 4 * j, (int) h);
            seg.set(WORD, base + 4 * (j + shift), (int) (h >>> 32));
        }
    }

    /** Key word {@code i mod 3} of the extended key {@code (k0, k1, k0 ^ k1 ^ PARITY)}. */
    private static int injection(int i, int k0, int k1, int k2) {
        return switch (i % 3) {
            case 0 -> k0;
            case 1 -> k1;
            default -> k2;
        };
    }

    /** The first {@code n} bytes of {@code v} as it lies in memory (native order). */
    private static void writeBytes(MemorySegment seg, long at, int v, long n) {
        for (int b = 0; b < n; b++) {
            int shift = ORDER == ByteOrder.LITTLE_ENDIAN ? 8 * b : 8 * (3 - b);
            seg.set(ValueLayout.JAVA_BYTE, at + b, (byte) (v >>> shift));
        }
    }
}
