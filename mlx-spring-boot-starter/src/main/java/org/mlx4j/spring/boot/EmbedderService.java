package org.mlx4j.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.embed.Embedder;

/**
 * {@link EmbeddingService} over mlx-lm's {@link Embedder} (all-MiniLM-L6-v2 from the langchain4j jar by default).
 * Calls are serialized: the encoder runs one batch at a time.
 */
public final class EmbedderService implements EmbeddingService {
    private final Embedder embedder;
    private final String modelId;

    /**
     * A service.
     *
     * @param embedder the embedder
     * @param modelId the id clients name it by
     */
    public EmbedderService(Embedder embedder, String modelId) {
        this.embedder = embedder;
        this.modelId = modelId;
    }

    @Override public String modelId() { return modelId; }

    @Override
    public synchronized List<float[]> embed(List<String> texts) {
        try (Array vectors = embedder.embed(texts)) {
            Mx.eval(vectors);
            float[] flat = vectors.toFloatArray();
            int dim = embedder.dimension();
            List<float[]> out = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                float[] row = new float[dim];
                System.arraycopy(flat, i * dim, row, 0, dim);
                out.add(row);
            }
            return out;
        }
    }

    @Override public int countTokens(String text) { return embedder.tokenize(text).length; }
}
