package org.mlx4j.core.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * GGML's 32-element quantized blocks (read from the file's little-endian bytes), dequantised to float32 as
 * GGML does, or repacked into MLX's affine form {@code w = scale * q + bias} with unsigned {@code q}:
 * <ul>
 *   <li>Q4_0 (a float16 {@code d}, 16 bytes of 4-bit {@code q}, element {@code j < 16} in the low nibble of byte
 *       {@code j}, element {@code j + 16} in its high nibble): {@code w = d * (q - 8)}, so scale {@code d}, bias
 *       {@code -8 d}.</li>
 *   <li>Q4_1 ({@code d}, {@code m}, then nibbles as Q4_0): {@code w = d * q + m}, so scale {@code d}, bias
 *       {@code m}.</li>
 *   <li>Q8_0 ({@code d}, 32 signed bytes {@code q}): {@code w = d * q}, so unsigned {@code q + 128}, scale
 *       {@code d}, bias {@code -128 d}.</li>
 * </ul>
 * MLX packs {@code 32 / bits} values into each little-endian uint32, element {@code i} of a word in bits
 * {@code [i * bits, (i + 1) * bits)}; scales and biases are float16, one per block (group size 32).
 * {@link #quantize} writes Q8_0 and Q4_0 blocks from float32 as GGML's reference quantizers do.
 */
final class GgufBlocks {
    private GgufBlocks() {}

    static final int BLOCK = 32;
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Dequantises {@code blocks} blocks of {@code type} from {@code src} into native float32 {@code dst}. */
    static void dequantize(GgufTensorType type, MemorySegment src, long blocks, MemorySegment dst) {
        int[] q = new int[BLOCK];
        for (long b = 0; b < blocks; b++) {
            long at = b * type.blockBytes;
            float d = Float.float16ToFloat(src.get(F16, at));
            long out = b * BLOCK * 4L;
            switch (type) {
                case Q4_0 -> {
                    nibbles(src, at + 2, q);
                    for (int j = 0; j < BLOCK; j++) dst.set(ValueLayout.JAVA_FLOAT, out + 4L * j, (q[j] - 8) * d);
                }
                case Q4_1 -> {
                    float m = Float.float16ToFloat(src.get(F16, at + 2));
                    nibbles(src, at + 4, q);
                    for (int j = 0; j < BLOCK; j++) dst.set(ValueLayout.JAVA_FLOAT, out + 4L * j, q[j] * d + m);
                }
                case Q8_0 -> {
                    for (int j = 0; j < BLOCK; j++) dst.set(ValueLayout.JAVA_FLOAT, out + 4L * j, src.get(ValueLayout.JAVA_BYTE, at + 2 + j) * d);
                }
                default -> throw new IllegalArgumentException(type + " is not a block-quantized GGML type");
            }
        }
    }

    /**
     * Repacks {@code blocks} blocks of {@code type} into MLX's affine layout: native uint32 words {@code wq}
     * ({@code bits} words per block), native float16 {@code scales} and {@code biases} (one per block).
     */
    static void toMlxAffine(GgufTensorType type, MemorySegment src, long blocks, MemorySegment wq, MemorySegment scales, MemorySegment biases) {
        int bits = type.mlxBits();
        int perWord = 32 / bits;
        int[] q = new int[BLOCK];
        for (long b = 0; b < blocks; b++) {
            long at = b * type.blockBytes;
            short dBits = src.get(F16, at);
            float d = Float.float16ToFloat(dBits);
            short bias;
            switch (type) {
                case Q4_0 -> {
                    nibbles(src, at + 2, q);
                    bias = Float.floatToFloat16(-8f * d);
                }
                case Q4_1 -> {
                    nibbles(src, at + 4, q);
                    bias = src.get(F16, at + 2);
                }
                case Q8_0 -> {
                    for (int j = 0; j < BLOCK; j++) q[j] = src.get(ValueLayout.JAVA_BYTE, at + 2 + j) + 128;
                    bias = Float.floatToFloat16(-128f * d);
                }
                default -> throw new IllegalArgumentException(type + " is not a block-quantized GGML type");
            }
            scales.set(ValueLayout.JAVA_SHORT, 2 * b, dBits);
            biases.set(ValueLayout.JAVA_SHORT, 2 * b, bias);
            long word = b * (BLOCK / perWord);
            for (int w = 0; w < BLOCK / perWord; w++) {
                int packed = 0;
                for (int k = 0; k < perWord; k++) packed |= q[w * perWord + k] << (k * bits);
                wq.set(ValueLayout.JAVA_INT, 4 * (word + w), packed);
            }
        }
    }

    /**
     * {@code x} (a whole number of blocks) as {@code type}'s blocks (Q8_0 or Q4_0), as GGML's reference
     * {@code quantize_row_q8_0} / {@code quantize_row_q4_0}: Q8_0 takes {@code d = max|x| / 127} and
     * {@code q = round(x / d)} (halves away from zero); Q4_0 takes the element of largest magnitude {@code m},
     * {@code d = m / -8} and {@code q = min(15, trunc(x / d + 8.5))}; {@code d} is stored as float16.
     */
    static byte[] quantize(GgufTensorType type, float[] x) {
        int blocks = x.length / BLOCK;
        MemorySegment out = MemorySegment.ofArray(new byte[blocks * type.blockBytes]);
        for (int b = 0; b < blocks; b++) {
            int from = b * BLOCK;
            long at = (long) b * type.blockBytes;
            float amax = 0, max = 0;
            for (int j = from; j < from + BLOCK; j++) {
                if (amax < Math.abs(x[j])) {
                    amax = Math.abs(x[j]);
                    max = x[j];
                }
            }
            switch (type) {
                case Q8_0 -> {
                    float d = amax / 127, id = d != 0 ? 1f / d : 0f;
                    out.set(F16, at, Float.floatToFloat16(d));
                    for (int j = 0; j < BLOCK; j++) out.set(ValueLayout.JAVA_BYTE, at + 2 + j, roundAway(x[from + j] * id));
                }
                case Q4_0 -> {
                    float d = max / -8, id = d != 0 ? 1f / d : 0f;
                    out.set(F16, at, Float.floatToFloat16(d));
                    for (int j = 0; j < BLOCK / 2; j++) {
                        int lo = Math.min(15, (byte) (int) (x[from + j] * id + 8.5f));
                        int hi = Math.min(15, (byte) (int) (x[from + BLOCK / 2 + j] * id + 8.5f));
                        out.set(ValueLayout.JAVA_BYTE, at + 2 + j, (byte) (lo | hi << 4));
                    }
                }
                default -> throw new IllegalArgumentException(type + " is not written as blocks");
            }
        }
        return out.toArray(ValueLayout.JAVA_BYTE);
    }

    /** C's {@code roundf} to a signed byte: halves away from zero. */
    private static byte roundAway(float v) {
        return (byte) (long) (v < 0 ? -Math.floor(-(double) v + 0.5) : Math.floor((double) v + 0.5));
    }

    /** The 32 4-bit values of a Q4 block's 16 bytes at {@code at}, in element order. */
    private static void nibbles(MemorySegment src, long at, int[] q) {
        for (int j = 0; j < BLOCK / 2; j++) {
            int x = Byte.toUnsignedInt(src.get(ValueLayout.JAVA_BYTE, at + j));
            q[j] = x & 0xF;
            q[j + BLOCK / 2] = x >>> 4;
        }
    }
}
