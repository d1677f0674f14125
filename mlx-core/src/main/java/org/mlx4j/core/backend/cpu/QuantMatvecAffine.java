package org.mlx4j.core.backend.cpu;

import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot product of a row of an affine-quantized matrix of 2, 4 or 8 bits with a vector, on the Vector
 * API, reading each packed word once. A vector of {@code L} words holds code {@code s} of each word at
 * shift {@code s * bits}; masking it in place (no shift) and converting to float gives
 * {@code code * 2^(s*bits)}, so the vector {@code x} is permuted once per product into
 * {@code xp[s][j] = x[j * (32/bits) + s] * 2^(-s*bits)} (the top code is shifted down instead, which also
 * keeps it positive) and each code costs an and, a conversion and a fused multiply-add. Per group the
 * code sum is scaled once; the biases contribute {@code bias * sum(x over the group)}, the sums computed
 * with the permutation.
 */
final class QuantMatvecAffine {
    private QuantMatvecAffine() {}

    /** The widest vectors the machine has: the species are constants, as the Vector API needs them to compile to vector code. */
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    /** The upper half of a vector's lanes: the second group when a vector spans two. */
    private static final VectorMask<Float> UPPER = VectorMask.fromLong(FS, -1L << (FS.length() / 2));

    /**
     * Whether this path takes {@code bits}, {@code groupSize} and {@code groups} per row: 2, 4 or 8 bits, with
     * a group a whole number of vectors of words, or half a vector and an even number of groups.
     */
    static boolean applies(int bits, int groupSize, int groups) {
        if (bits != 2 && bits != 4 && bits != 8) return false;
        int wordsPerGroup = groupSize * bits / 32, lanes = IS.length();
        return wordsPerGroup % lanes == 0 || 2 * wordsPerGroup == lanes && groups % 2 == 0;
    }

    /** {@code x} (length {@code k}) permuted and scaled into {@code xp} (length k), its group sums into {@code xsum}. */
    static void prepare(float[] x, int k, int bits, int groupSize, float[] xp, float[] xsum) {
        int perWord = 32 / bits, words = k / perWord;
        for (int s = 0; s < perWord; s++) {
            float f = s == perWord - 1 ? 1f : Math.scalb(1f, -s * bits);
            for (int j = 0; j < words; j++) xp[s * words + j] = x[j * perWord + s] * f;
        }
        for (int g = 0; g < xsum.length; g++) {
            float t = 0;
            for (int i = g * groupSize; i < (g + 1) * groupSize; i++) t += x[i];
            xsum[g] = t;
        }
    }

    /** Row {@code r} of {@code w} (affine, 2/4/8 bits) dotted with the vector {@code prepare} made. */
    static float dot(QuantWeights w, long r, float[] xp, float[] xsum) {
        int bits = w.bits(), perWord = 32 / bits, words = w.words(), lanes = IS.length();
        int wordsPerGroup = w.groupSize() * bits / 32;
        long base = w.rowBytes(r), sRow = w.sBase() + 4 * r * w.groups(), bRow = w.bBase() + 4 * r * w.groups();
        int perStep = wordsPerGroup >= lanes ? 1 : 2, stepWords = perStep * wordsPerGroup;
        FloatVector acc = FloatVector.zero(FS);
        float biasAcc = 0;
        for (int g = 0, c0 = 0; g < w.groups(); g += perStep, c0 += stepWords) {
            // four independent sums, so consecutive fused multiply-adds do not wait for each other
            FloatVector a0 = FloatVector.zero(FS), a1 = a0, a2 = a0, a3 = a0;
            for (int c = c0; c < c0 + stepWords; c += lanes) {
                IntVector wv = IntVector.fromMemorySegment(IS, w.w(), base + 4L * c, ByteOrder.LITTLE_ENDIAN);
                for (int s = 0; s < perWord; s += 4) {
                    a0 = codes(wv, s, bits, perWord).fma(FloatVector.fromArray(FS, xp, s * words + c), a0);
                    a1 = codes(wv, s + 1, bits, perWord).fma(FloatVector.fromArray(FS, xp, (s + 1) * words + c), a1);
                    a2 = codes(wv, s + 2, bits, perWord).fma(FloatVector.fromArray(FS, xp, (s + 2) * words + c), a2);
                    a3 = codes(wv, s + 3, bits, perWord).fma(FloatVector.fromArray(FS, xp, (s + 3) * words + c), a3);
                }
            }
            FloatVector gacc = a0.add(a1).add(a2.add(a3));
            FloatVector scale = FloatVector.broadcast(FS, w.scales().get(QuantWeights.F32, sRow + 4L * g));
            if (perStep == 2) scale = scale.blend(w.scales().get(QuantWeights.F32, sRow + 4L * (g + 1)), UPPER);
            acc = gacc.fma(scale, acc);
            for (int i = g; i < g + perStep; i++) biasAcc += w.biases().get(QuantWeights.F32, bRow + 4L * i) * xsum[i];
        }
        return acc.reduceLanes(VectorOperators.ADD) + biasAcc;
    }

    /** Code {@code s} of every word, times {@code 2^(s*bits)} except the top one (see the class comment), as floats. */
    private static FloatVector codes(IntVector words, int s, int bits, int perWord) {
        IntVector v = s == perWord - 1 ? words.lanewise(VectorOperators.LSHR, s * bits) : words.and(((1 << bits) - 1) << (s * bits));
        return (FloatVector) v.convert(VectorOperators.I2F, 0);
    }
}
