package org.mlx4j.core.backend.cpu;

import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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

    /** The int species this path uses for {@code bits} and {@code groupSize}, or null when it does not apply. */
    static VectorSpecies<Integer> species(int bits, int groupSize) {
        if (bits != 2 && bits != 4 && bits != 8) return null;
        int wordsPerGroup = groupSize * bits / 32;
        for (int lanes = IntVector.SPECIES_PREFERRED.length(); lanes >= 4; lanes /= 2) {
            if (lanes <= wordsPerGroup && wordsPerGroup % lanes == 0) {
                return VectorSpecies.of(int.class, VectorShape.forBitSize(lanes * 32));
            }
        }
        return null;
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
    static float dot(QuantWeights w, long r, float[] xp, float[] xsum, VectorSpecies<Integer> is) {
        VectorSpecies<Float> fs = VectorSpecies.of(float.class, is.vectorShape());
        int bits = w.bits(), perWord = 32 / bits, words = w.words(), lanes = is.length();
        int wordsPerGroup = w.groupSize() * bits / 32, top = bits * (perWord - 1);
        int mask = (1 << bits) - 1;
        long base = w.rowBytes(r), sRow = w.sBase() + 4 * r * w.groups(), bRow = w.bBase() + 4 * r * w.groups();
        FloatVector acc = FloatVector.zero(fs);
        float biasAcc = 0;
        for (int g = 0, c0 = 0; g < w.groups(); g++, c0 += wordsPerGroup) {
            FloatVector gacc = FloatVector.zero(fs);
            for (int c = c0; c < c0 + wordsPerGroup; c += lanes) {
                IntVector wv = IntVector.fromMemorySegment(is, w.w(), base + 4L * c, ByteOrder.LITTLE_ENDIAN);
                for (int s = 0; s < perWord - 1; s++) {
                    FloatVector f = (FloatVector) wv.and(mask << (s * bits)).convert(VectorOperators.I2F, 0);
                    gacc = f.fma(FloatVector.fromArray(fs, xp, s * words + c), gacc);
                }
                FloatVector f = (FloatVector) wv.lanewise(VectorOperators.LSHR, top).convert(VectorOperators.I2F, 0);
                gacc = f.fma(FloatVector.fromArray(fs, xp, (perWord - 1) * words + c), gacc);
            }
            acc = gacc.fma(FloatVector.broadcast(fs, w.scales().get(QuantWeights.F32, sRow + 4L * g)), acc);
            biasAcc += w.biases().get(QuantWeights.F32, bRow + 4L * g) * xsum[g];
        }
        return acc.reduceLanes(VectorOperators.ADD) + biasAcc;
    }
}
