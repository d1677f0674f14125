package org.mlx4j.lm.models;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fast;
import org.mlx4j.core.Mx;

/**
 * The rotary position embedding a configuration asks for, as mlx-lm's {@code initialize_rope}: plain RoPE with
 * {@code rope_theta}, {@code linear} scaling (positions divided by the factor) or {@code llama3} scaling
 * (Llama 3.1/3.2: long wavelengths divided by the factor, a smooth blend between {@code low_freq_factor} and
 * {@code high_freq_factor}). Not a module: it has no parameters (transformers' {@code inv_freq} is not saved).
 */
final class RotaryEmbedding {
    private final int dims;
    private final boolean traditional;
    private final double base;
    private final double scale;
    /** The period of each feature pair ({@code [dims / 2]}), or null for {@code base^(2i / dims)}. */
    private final Array periods;

    private RotaryEmbedding(int dims, boolean traditional, double base, double scale, Array periods) {
        this.dims = dims;
        this.traditional = traditional;
        this.base = base;
        this.scale = scale;
        this.periods = periods;
    }

    /** The RoPE of {@code config}, rotating {@code dims} features of each head. */
    static RotaryEmbedding of(ModelConfig config, int dims, boolean traditional) {
        double base = config.ropeTheta();
        var scaling = config.ropeScaling();
        if (scaling.isEmpty()) return new RotaryEmbedding(dims, traditional, base, 1.0, null);
        Map<String, Object> s = scaling.get();
        String type = String.valueOf(s.get("rope_type"));
        return switch (type) {
            case "linear" -> new RotaryEmbedding(dims, traditional, base, 1.0 / factor(s, type), null);
            case "llama3" -> new RotaryEmbedding(dims, traditional, base, 1.0, llama3Periods(dims, base, s));
            default -> throw new IllegalArgumentException("RoPE: unsupported rope_type \"" + type
                    + "\" in the configuration; supported: default, linear, llama3");
        };
    }

    private static double factor(Map<String, Object> s, String type) {
        if (s.get("factor") instanceof Number n && n.doubleValue() > 0) return n.doubleValue();
        throw new IllegalArgumentException("RoPE: rope_type \"" + type + "\" needs a positive \"factor\", got " + s.get("factor"));
    }

    private static double number(Map<String, Object> s, String key, double fallback) {
        return s.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    /** Llama 3's scaled periods, as transformers' {@code _compute_llama3_parameters} (in periods, not inverse). */
    static double[] llama3PeriodValues(int dims, double base, Map<String, Object> s) {
        double factor = factor(s, "llama3");
        double low = number(s, "low_freq_factor", 1.0);
        double high = number(s, "high_freq_factor", 4.0);
        double oldContext = number(s, "original_max_position_embeddings", 8192);
        double lowWavelen = oldContext / low, highWavelen = oldContext / high;
        double[] out = new double[dims / 2];
        for (int i = 0; i < out.length; i++) {
            double period = Math.pow(base, 2.0 * i / dims);
            double wavelen = 2 * Math.PI * period;
            if (wavelen > lowWavelen) {
                out[i] = period * factor;
            } else if (wavelen < highWavelen) {
                out[i] = period;
            } else {
                double smooth = (oldContext / wavelen - low) / (high - low);
                out[i] = period / ((1 - smooth) / factor + smooth);
            }
        }
        return out;
    }

    private static Array llama3Periods(int dims, double base, Map<String, Object> s) {
        double[] p = llama3PeriodValues(dims, base, s);
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) f[i] = (float) p[i];
        return Mx.array(f, new int[] {f.length}).astype(DType.FLOAT32);
    }

    /** Rotates {@code x} ({@code [B, H, L, D]}) for positions starting at {@code offset}. */
    Array apply(Array x, int offset) {
        return periods == null
                ? Fast.rope(x, dims, traditional, base, scale, offset)
                : Fast.rope(x, dims, traditional, periods, scale, offset);
    }

    /** Rotates {@code x} with one start position per batch row ({@code offset} int32 {@code [B]}). */
    Array apply(Array x, Array offset) {
        return periods == null
                ? Fast.rope(x, dims, traditional, base, scale, offset)
                : Fast.rope(x, dims, traditional, periods, scale, offset);
    }
}
