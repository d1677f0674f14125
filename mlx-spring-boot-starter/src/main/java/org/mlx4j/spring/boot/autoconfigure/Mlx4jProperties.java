package org.mlx4j.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code mlx4j.*} properties.
 *
 * @param model the generation model: a Hugging Face directory or a llama {@code .gguf} (default {@code models/kjv-llama})
 * @param modelId the id clients name it by (default: the directory's name)
 * @param maxTokens the largest {@code max_tokens} a request may ask for (default 512)
 * @param defaultMaxTokens {@code max_tokens} when a request leaves it out (default 128)
 * @param maxConcurrency the most generations decoding at once (default 64)
 * @param maxQueue the most requests waiting for admission (default 256)
 * @param memoryLimit mlx-core's memory limit in bytes, 0 to keep its default
 * @param cacheLimit mlx-core's buffer cache limit in bytes, 0 to keep its default
 * @param kvMemoryBudget the bytes of KV cache that running generations may reserve together, 0 for half the
 *        headroom under the memory limit after loading
 * @param retryAfter the {@code Retry-After} of a 429 or 503
 * @param shutdownGrace how long running generations may finish at shutdown before they are cancelled
 * @param maxBatch the most requests in one decode step of the continuous batch (default 32); 0 decodes each
 *        request on its own
 * @param embeddingModel the embedding model: {@code minilm} (all-MiniLM-L6-v2 from the langchain4j jar, the
 *        default), a Hugging Face directory or an {@code .onnx} file, or {@code none}
 * @param embeddingModelId the id clients name it by (default {@code all-minilm-l6-v2} for {@code minilm}, else
 *        the file's name)
 * @param device the device the models run on: {@code auto} (the default: a GPU when a backend for one is
 *        available, else the CPU), {@code cpu} or {@code gpu} (startup fails when none is available)
 */
@ConfigurationProperties("mlx4j")
public record Mlx4jProperties(Path model, String modelId, Integer maxTokens, Integer defaultMaxTokens,
        Integer maxConcurrency, Integer maxQueue, Long memoryLimit, Long cacheLimit, Long kvMemoryBudget,
        Duration retryAfter, Duration shutdownGrace, Integer maxBatch, String embeddingModel, String embeddingModelId,
        DeviceChoice device) {
    /** The values of {@code mlx4j.device}. */
    public enum DeviceChoice {
        /** A GPU when a backend for one is available, else the CPU: mlx-core's own default. */
        AUTO,
        /** The CPU. */
        CPU,
        /** The GPU; startup fails when no GPU backend is available. */
        GPU
    }

    /** Fills in the defaults. */
    public Mlx4jProperties {
        if (model == null) model = Path.of("models/kjv-llama");
        if (modelId == null || modelId.isBlank()) {
            Path name = model.toAbsolutePath().normalize().getFileName();
            modelId = name == null ? "model" : name.toString().replaceFirst("\\.gguf$", "");
        }
        if (maxTokens == null) maxTokens = 512;
        if (defaultMaxTokens == null) defaultMaxTokens = Math.min(128, maxTokens);
        if (maxConcurrency == null) maxConcurrency = 64;
        if (maxQueue == null) maxQueue = 256;
        if (memoryLimit == null) memoryLimit = 0L;
        if (cacheLimit == null) cacheLimit = 0L;
        if (kvMemoryBudget == null) kvMemoryBudget = 0L;
        if (retryAfter == null) retryAfter = Duration.ofSeconds(1);
        if (shutdownGrace == null) shutdownGrace = Duration.ofSeconds(10);
        if (maxBatch == null) maxBatch = 32;
        if (embeddingModel == null || embeddingModel.isBlank()) embeddingModel = "minilm";
        if (device == null) device = DeviceChoice.AUTO;
        if (embeddingModelId == null || embeddingModelId.isBlank()) {
            Path name = Path.of(embeddingModel).getFileName();
            embeddingModelId = embeddingModel.equalsIgnoreCase("minilm") ? "all-minilm-l6-v2"
                    : name == null ? "embeddings" : name.toString().replaceFirst("\\.onnx$", "");
        }
    }
}
