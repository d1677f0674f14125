package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot product of a row of an affine-quantized matrix of 2, 4 or 8 bits with a vector, on the Vector
 * API, reading each packed word once. A vector of {@code L} words holds code {@code s} of each
 * word at shift {@code s * bits}; masking it in place (no shift) and converting to float gives
 * {@code code * 2^(s*bits)}, so each vector {@code x} is permuted once per product into
 * {@code xp[s][j] = x[j * (32/bits) + s] * 2^(-s*bits)} (the top code is shifted down instead, which also
 * keeps it positive) and each code costs an and, a conversion and a fused multiply-add per vector.
 *
 * <p>Every lane of a vector of words lies in one group, so the code sums are kept per lane and scaled per
 * lane: by the group's scale broadcast when a group spans whole vectors, or by the scales of the groups the
 * vector spans, spread over their lanes by one shuffle, when a group is a fraction of a vector. The biases
 * contribute {@code sum over groups of bias * sum(x over the group)}, a dot product over the groups with the
 * sums {@link Prepared} computed. The vector loops read whole vectors only, inside the buffers (masked loads
 * keep the JIT from compiling them well); groups that do not fill a vector, and a last row whose vector of
 * scales would pass the end of the scales' memory, are dequantized and dotted by {@link #tailDot}.
 */
final class QuantMatvecAffine {
    private QuantMatvecAffine() {}

    /** The widest vectors the machine has: the species are constants, as the Vector API needs them to compile to vector code. */
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = IS.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN, NATIVE = ByteOrder.nativeOrder();
    /** {@code SPREADS[n]}: lane {@code i} takes lane {@code i / n}, for {@code n} a divisor of the lanes. */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] SPREADS = new VectorShuffle[LANES + 1];

    static {
        for (int n = 1; n <= LANES; n++) {
            int per = n;
            if (LANES % n == 0) SPREADS[n] = VectorShuffle.fromOp(FS, i -> i / per);
        }
    }

    /**
     * Whether this path takes {@code bits} and {@code groupSize}: 2, 4 or 8 bits, with a group's words a
     * divisor or a multiple of a vector's lanes (any power of two: MLX's groups of 32, 64 and 128).
     */
    static boolean applies(int bits, int groupSize) {
        if (bits != 2 && bits != 4 && bits != 8 || groupSize * bits % 32 != 0) return false;
        int wordsPerGroup = groupSize * bits / 32;
        return wordsPerGroup % LANES == 0 || LANES % wordsPerGroup == 0;
    }

    /**
     * One row of {@code x}, permuted and scaled ({@code xp}: {@code 32/bits} blocks of {@code paddedWords}
     * floats, zero past the row's words) with its group sums ({@code xsum}, zero-padded to whole vectors).
     */
    record Prepared(float[] x, float[] xp, float[] xsum, int paddedWords) {}

    /** {@code x} (length {@code k}, a whole number of groups) prepared for {@link #dot}. */
    static Prepared prepare(float[] x, int k, int bits, int groupSize) {
        int perWord = 32 / bits, words = k / perWord, padded = roundUp(words), groups = k / groupSize;
        float[] xp = new float[perWord * padded], xsum = new float[roundUp(groups)];
        for (int s = 0; s < perWord; s++) {
            float f = s == perWord - 1 ? 1f : Math.scalb(1f, -s * bits);
            for (int j = 0; j < words; j++) xp[s * padded + j] = x[j * perWord + s] * f;
        }
        for (int g = 0; g < groups; g++) {
            float t = 0;
            for (int i = g * groupSize; i < (g + 1) * groupSize; i++) t += x[i];
            xsum[g] = t;
        }
        return new Prepared(x, xp, xsum, padded);
    }

    private static int roundUp(int n) { return (n + LANES - 1) / LANES * LANES; }

    /** Row {@code r} of {@code w} (affine, 2/4/8 bits) dotted with the vector {@code p} prepared. */
    static float dot(QuantWeights w, long r, Prepared p) {
        int main = mainGroups(w, r);
        float tail = main == w.groups() ? 0f : tailDot(w, r, p, main);
        return codeSum(w, r, p, main) + biasSum(w, r, p, main) + tail;
    }

    /**
     * The groups of row {@code r} the vector loops take: whole vectors of words, and (when a vector spans
     * several groups) a whole vector of scales inside the scales' memory. The rest goes to {@link #tailDot}.
     */
    private static int mainGroups(QuantWeights w, long r) {
        int wpg = w.groupSize() * w.bits() / 32, perStep = Math.max(1, LANES / wpg), main = w.groups() / perStep * perStep;
        if (perStep > 1) {
            long sRow = w.sBase() + 4 * r * w.groups(), limit = w.scales().byteSize();
            while (main > 0 && sRow + 4L * (main - perStep + LANES) > limit) main -= perStep;
        }
        return main;
    }

    /**
     * {@code sum over groups [0, groups) of scale * sum(code * x)} for row {@code r}, {@code groups} a whole
     * number of steps. One loop per width, so that each compiles with its codes' masks as constants.
     */
    private static float codeSum(QuantWeights w, long r, Prepared p, int groups) {
        Row row = new Row(w, r, p, groups);
        return switch (w.bits()) {
            case 4 -> codeSum4(row);
            case 8 -> codeSum8(row);
            default -> codeSum2(row);
        };
    }

    /**
     * What the loops of {@link #codeSum} read: the packed words and scales, the row's word and scale offsets,
     * {@code xp}, the step (the words one scale vector covers: one group when a group spans whole vectors,
     * else one vector) and the shuffle spreading a step's scales over its lanes.
     */
    private record Row(MemorySegment words, MemorySegment scales, long base, long sRow, float[] xp, int padded,
            int end, int stepWords, int perStep, VectorShuffle<Float> spread) {
        Row(QuantWeights w, long r, Prepared p, int groups) {
            this(w, r, p, groups, w.groupSize() * w.bits() / 32);
        }

        private Row(QuantWeights w, long r, Prepared p, int groups, int wpg) {
            this(w.w(), w.scales(), w.rowBytes(r), w.sBase() + 4 * r * w.groups(), p.xp(), p.paddedWords(),
                    groups * wpg, Math.max(wpg, LANES), Math.max(1, LANES / wpg), SPREADS[Math.min(wpg, LANES)]);
        }

        IntVector words(int c) { return IntVector.fromMemorySegment(IS, words, base + 4L * c, LE); }

        /** The scales of the step starting at group {@code g}, one per lane. */
        FloatVector scale(int g) {
            return perStep == 1
                    ? FloatVector.broadcast(FS, scales.get(QuantWeights.F32, sRow + 4L * g))
                    : FloatVector.fromMemorySegment(FS, scales, sRow + 4L * g, NATIVE).rearrange(spread);
        }
    }

    private static float codeSum4(Row q) {
        float[] xp = q.xp();
        int padded = q.padded();
        FloatVector acc = FloatVector.zero(FS);
        for (int c0 = 0, g = 0; c0 < q.end(); c0 += q.stepWords(), g += q.perStep()) {
            FloatVector sum = chunk4(q.words(c0), xp, c0, padded);
            for (int c = c0 + LANES; c < c0 + q.stepWords(); c += LANES) sum = sum.add(chunk4(q.words(c), xp, c, padded));
            acc = sum.fma(q.scale(g), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static float codeSum8(Row q) {
        float[] xp = q.xp();
        int padded = q.padded();
        FloatVector acc = FloatVector.zero(FS);
        for (int c0 = 0, g = 0; c0 < q.end(); c0 += q.stepWords(), g += q.perStep()) {
            FloatVector sum = chunk8(q.words(c0), xp, c0, padded);
            for (int c = c0 + LANES; c < c0 + q.stepWords(); c += LANES) sum = sum.add(chunk8(q.words(c), xp, c, padded));
            acc = sum.fma(q.scale(g), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static float codeSum2(Row q) {
        float[] xp = q.xp();
        int padded = q.padded();
        FloatVector acc = FloatVector.zero(FS);
        for (int c0 = 0, g = 0; c0 < q.end(); c0 += q.stepWords(), g += q.perStep()) {
            FloatVector sum = chunk2(q.words(c0), xp, c0, padded);
            for (int c = c0 + LANES; c < c0 + q.stepWords(); c += LANES) sum = sum.add(chunk2(q.words(c), xp, c, padded));
            acc = sum.fma(q.scale(g), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * The codes of a vector of words times their {@code xp}, summed per lane: one chain of fused
     * multiply-adds (the chunks of a row are independent, so the processor overlaps consecutive chains).
     */
    private static FloatVector chunk4(IntVector wv, float[] xp, int o, int padded) {
        FloatVector a = codes(wv, 0, 4).mul(FloatVector.fromArray(FS, xp, o));
        a = codes(wv, 1, 4).fma(FloatVector.fromArray(FS, xp, o + padded), a);
        a = codes(wv, 2, 4).fma(FloatVector.fromArray(FS, xp, o + 2 * padded), a);
        a = codes(wv, 3, 4).fma(FloatVector.fromArray(FS, xp, o + 3 * padded), a);
        a = codes(wv, 4, 4).fma(FloatVector.fromArray(FS, xp, o + 4 * padded), a);
        a = codes(wv, 5, 4).fma(FloatVector.fromArray(FS, xp, o + 5 * padded), a);
        a = codes(wv, 6, 4).fma(FloatVector.fromArray(FS, xp, o + 6 * padded), a);
        return codes(wv, 7, 4).fma(FloatVector.fromArray(FS, xp, o + 7 * padded), a);
    }

    /** As {@link #chunk4}, for the 4 codes of 8 bits of each word. */
    private static FloatVector chunk8(IntVector wv, float[] xp, int o, int padded) {
        FloatVector a = codes(wv, 0, 8).mul(FloatVector.fromArray(FS, xp, o));
        a = codes(wv, 1, 8).fma(FloatVector.fromArray(FS, xp, o + padded), a);
        a = codes(wv, 2, 8).fma(FloatVector.fromArray(FS, xp, o + 2 * padded), a);
        return codes(wv, 3, 8).fma(FloatVector.fromArray(FS, xp, o + 3 * padded), a);
    }

    /** As {@link #chunk4}, for the 16 codes of 2 bits of each word (two chains). */
    private static FloatVector chunk2(IntVector wv, float[] xp, int o, int padded) {
        FloatVector a0 = codes(wv, 0, 2).mul(FloatVector.fromArray(FS, xp, o));
        FloatVector a1 = codes(wv, 1, 2).mul(FloatVector.fromArray(FS, xp, o + padded));
        for (int s = 2; s < 16; s += 2) {
            a0 = codes(wv, s, 2).fma(FloatVector.fromArray(FS, xp, o + s * padded), a0);
            a1 = codes(wv, s + 1, 2).fma(FloatVector.fromArray(FS, xp, o + (s + 1) * padded), a1);
        }
        return a0.add(a1);
    }

    /** {@code sum over groups [0, groups) of bias * sum(x over the group)} for row {@code r}. */
    private static float biasSum(QuantWeights w, long r, Prepared p, int groups) {
        long bRow = w.bBase() + 4 * r * w.groups();
        MemorySegment biases = w.biases();
        float[] xsum = p.xsum();
        FloatVector acc = FloatVector.zero(FS);
        int g = 0;
        for (; g + LANES <= groups; g += LANES) {
            acc = FloatVector.fromMemorySegment(FS, biases, bRow + 4L * g, NATIVE).fma(FloatVector.fromArray(FS, xsum, g), acc);
        }
        float t = acc.reduceLanes(VectorOperators.ADD);
        for (; g < groups; g++) t += biases.get(QuantWeights.F32, bRow + 4L * g) * xsum[g];
        return t;
    }

    /**
     * The groups {@code [from, groups)} of row {@code r} dotted with {@code x}, read straight from the packed
     * words (at 2, 4 and 8 bits no code straddles two words): {@code scale * sum(code * x) + bias * sum(x)} per
     * group, with no buffer allocated.
     */
    private static float tailDot(QuantWeights w, long r, Prepared p, int from) {
        int bits = w.bits(), perWord = 32 / bits, mask = (1 << bits) - 1, wpg = w.groupSize() / perWord;
        float[] x = p.x(), xsum = p.xsum();
        MemorySegment words = w.w();
        long base = w.rowBytes(r);
        float t = 0;
        for (int g = from; g < w.groups(); g++) {
            float codes = 0;
            for (int c = g * wpg, i = g * w.groupSize(); c < (g + 1) * wpg; c++) {
                int word = words.get(QuantPacking.WORD, base + 4L * c);
                for (int shift = 0; shift < 32; shift += bits, i++) codes += ((word >>> shift) & mask) * x[i];
            }
            t += w.scale(r, g) * codes + w.bias(r, g) * xsum[g];
        }
        return t;
    }

    /** Code {@code s} of every word, times {@code 2^(s*bits)} except the top one (see the class comment), as floats. */
    private static FloatVector codes(IntVector words, int s, int bits) {
        IntVector v = s == 32 / bits - 1 ? words.lanewise(VectorOperators.LSHR, s * bits) : words.and(((1 << bits) - 1) << (s * bits));
        return (FloatVector) v.convert(VectorOperators.I2F, 0);
    }
}
