package org.mlx4j.spring.boot;

import java.util.List;

/** A text embedding model, as {@code /v1/embeddings} serves it. */
public interface EmbeddingService {
    /**
     * The model's id, as {@code /v1/models} lists it.
     *
     * @return the model's id, as {@code /v1/models} lists it
     */
    String modelId();

    /**
     * Embeds texts.
     *
     * @param texts the inputs
     * @return one L2-normalized vector per input
     */
    List<float[]> embed(List<String> texts);

    /**
     * The token count of a text, for {@code usage}.
     *
     * @param text the input
     * @return its token count
     */
    int countTokens(String text);
}
