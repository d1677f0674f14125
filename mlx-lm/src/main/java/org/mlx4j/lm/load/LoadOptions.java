package org.mlx4j.lm.load;

import org.mlx4j.core.DType;

/**
 * How {@link ModelDirectory#loadModel(LoadOptions)} builds the model: the dtype of its floating weights (null: as
 * stored) and, for an unquantized checkpoint, quantization on load (Python mlx-lm's {@code convert -q}).
 *
 * <pre>{@code
 * import org.mlx4j.lm.load.LoadOptions;
 *
 * LoadOptions options = LoadOptions.defaults().withQuantization(4, 64);
 * assert options.quantizeBits() == 4 && options.dtype() == null;
 * }</pre>
 *
 * @param dtype the floating dtype to cast the weights to, or null to keep the checkpoint's
 * @param quantizeBits 4 or 8 to quantize an unquantized checkpoint while loading, 0 not to
 * @param quantizeGroupSize the quantization group size: 32, 64 or 128
 */
public record LoadOptions(DType dtype, int quantizeBits, int quantizeGroupSize) {
    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException if {@code dtype} is not floating, or the bits or group size are not supported
     */
    public LoadOptions {
        if (dtype != null && !dtype.isFloating()) {
            throw new IllegalArgumentException("LoadOptions: dtype must be floating (float32, float16, bfloat16), got " + dtype);
        }
        if (quantizeBits != 0 && quantizeBits != 4 && quantizeBits != 8) {
            throw new IllegalArgumentException("LoadOptions: quantization bits must be 4 or 8 (0 for none), got " + quantizeBits);
        }
        if (quantizeGroupSize != 32 && quantizeGroupSize != 64 && quantizeGroupSize != 128) {
            throw new IllegalArgumentException("LoadOptions: quantization group size must be 32, 64 or 128, got " + quantizeGroupSize);
        }
    }

    /**
     * The checkpoint as stored: its dtype, no quantization on load.
     *
     * @return the default options
     */
    public static LoadOptions defaults() { return new LoadOptions(null, 0, 64); }

    /**
     * These options with the weights cast to {@code dtype}.
     *
     * @param dtype a floating dtype, or null to keep the checkpoint's
     * @return new options
     */
    public LoadOptions withDtype(DType dtype) { return new LoadOptions(dtype, quantizeBits, quantizeGroupSize); }

    /**
     * These options with quantization on load.
     *
     * @param bits 4 or 8 (0 for none)
     * @param groupSize 32, 64 or 128
     * @return new options
     */
    public LoadOptions withQuantization(int bits, int groupSize) { return new LoadOptions(dtype, bits, groupSize); }
}
