package org.mlx4j.lm.models;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * The sliding attention window of each layer: {@code layer_types} ({@code "sliding_attention"} or
 * {@code "full_attention"}, what transformers 5 writes) when the configuration has it, else the architecture's
 * rule; the window is {@code sliding_window}.
 */
final class SlidingWindow {
    private SlidingWindow() {}

    /**
     * @param slidingByDefault which layers slide when the configuration has no {@code layer_types}
     * @return the window of {@code layer} in positions, or 0 for full attention
     */
    static int of(ModelConfig c, int layer, IntPredicate slidingByDefault) {
        int window = c.integer("sliding_window", 0);
        if (window <= 0) return 0;
        if (c.values().get("layer_types") instanceof List<?> types && layer < types.size()) {
            return "sliding_attention".equals(types.get(layer)) ? window : 0;
        }
        return slidingByDefault.test(layer) ? window : 0;
    }

    /** Qwen2/Qwen3's rule: layers from {@code max_window_layers} on slide, only with {@code use_sliding_window}. */
    static IntPredicate qwen(ModelConfig c) {
        boolean use = c.bool("use_sliding_window", false);
        int from = c.integer("max_window_layers", c.numHiddenLayers());
        return layer -> use && layer >= from;
    }
}
