package org.mlx4j.lm.models;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The architectures by {@code model_type}, as mlx-lm picks {@code mlx_lm.models.<model_type>}.
 *
 * <pre>{@code
 * import org.mlx4j.lm.models.*;
 *
 * LanguageModel model = Architectures.create(ModelConfig.llama(64, 32, 1, 4, 2, 64).with("model_type", "qwen2"));
 * assert model instanceof Qwen2;
 * }</pre>
 */
public final class Architectures {
    private static final Map<String, Function<ModelConfig, LanguageModel>> BY_TYPE = new TreeMap<>(Map.of(
            "llama", Llama::new,
            "mistral", Mistral::new,
            "qwen2", Qwen2::new,
            "qwen3", Qwen3::new,
            "phi3", Phi3::new,
            "gemma2", Gemma2::new));

    private Architectures() {}

    /**
     * A model of the configuration's {@code model_type}, with freshly initialised float32 parameters.
     *
     * @param config the configuration
     * @return the model (also an mlx-nn {@code Module})
     * @throws IllegalArgumentException for an unknown {@code model_type}, naming the supported ones
     */
    public static LanguageModel create(ModelConfig config) {
        var factory = BY_TYPE.get(config.modelType());
        if (factory == null) {
            throw new IllegalArgumentException("unknown architecture: model_type \"" + config.modelType()
                    + "\"; supported: " + String.join(", ", BY_TYPE.keySet()));
        }
        return factory.apply(config);
    }

    /**
     * Whether {@link #create} knows {@code modelType}.
     *
     * @param modelType a {@code model_type}
     * @return true when supported
     */
    public static boolean supports(String modelType) { return BY_TYPE.containsKey(modelType); }
}
