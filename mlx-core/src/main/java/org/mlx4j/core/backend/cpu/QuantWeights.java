package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.mlx4j.core.primitives.QuantMode;

/**
 * A quantized matrix as the kernels read it: {@code rows} rows (batches stacked) of {@code cols} values,
 * each row {@code words} packed UINT32 words with {@code groups} scales (FLOAT32 for affine, UINT8 codes
 * for the float modes) and, for affine, as many FLOAT32 biases. All row-major and contiguous.
 */
record QuantWeights(MemorySegment w, long wBase, MemorySegment scales, long sBase, MemorySegment biases, long bBase,
        long rows, int cols, int words, int groups, int groupSize, int bits, QuantMode mode) {

    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    static QuantWeights of(StridedView w, StridedView scales, StridedView biases, int groupSize, int bits, QuantMode mode) {
        int words = w.shape()[w.ndim() - 1], groups = scales.shape()[scales.ndim() - 1];
        long rows = words == 0 ? 0 : w.size() / words;
        return new QuantWeights(w.segment(), w.byteOffset(), scales.segment(), scales.byteOffset(),
                biases == null ? null : biases.segment(), biases == null ? 0 : biases.byteOffset(),
                rows, groups * groupSize, words, groups, groupSize, bits, mode);
    }

    /** Byte offset of row {@code r}'s first packed word. */
    long rowBytes(long r) { return wBase + r * words * 4L; }

    /** The scale of group {@code g} of row {@code r}. */
    float scale(long r, int g) {
        long i = r * groups + g;
        return switch (mode) {
            case AFFINE -> scales.get(F32, sBase + 4 * i);
            case NVFP4 -> QuantFloats.fromFp8(scales.get(ValueLayout.JAVA_BYTE, sBase + i));
            case MXFP4, MXFP8 -> QuantFloats.fromE8m0(scales.get(ValueLayout.JAVA_BYTE, sBase + i));
        };
    }

    /** The bias of group {@code g} of row {@code r} (affine only). */
    float bias(long r, int g) { return biases.get(F32, bBase + 4 * (r * groups + g)); }

    /**
     * The values {@code [from, to)} of row {@code r} into {@code dst[0 .. to - from)}; {@code from} and
     * {@code to} are multiples of the group size.
     */
    void dequantize(long r, int from, int to, float[] dst) {
        long s = rowBytes(r) + (long) from * bits / 8;
        int mask = (1 << bits) - 1;
        long acc = 0;
        int avail = 0;
        for (int g0 = from; g0 < to; g0 += groupSize) {
            int g = g0 / groupSize;
            float scale = scale(r, g), bias = mode == QuantMode.AFFINE ? bias(r, g) : 0f;
            for (int j = g0; j < g0 + groupSize; j++) {
                if (avail < bits) {
                    acc |= (w.get(QuantPacking.WORD, s) & 0xFFFFFFFFL) << avail;
                    s += 4;
                    avail += 32;
                }
                int q = (int) (acc & mask);
                acc >>>= bits;
                avail -= bits;
                dst[j - from] = switch (mode) {
                    case AFFINE -> scale * q + bias;
                    case MXFP4, NVFP4 -> QuantFloats.FP4[q] * scale;
                    case MXFP8 -> QuantFloats.fromFp8(q) * scale;
                };
            }
        }
    }
}
