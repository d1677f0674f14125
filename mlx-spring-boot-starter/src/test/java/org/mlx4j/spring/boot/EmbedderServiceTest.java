package org.mlx4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.lm.embed.Embedder;

class EmbedderServiceTest {
    @Test
    void rowsAreTheEmbeddersUnitVectorsInInputOrder() {
        Embedder embedder = Embedder.load("minilm");
        EmbedderService service = new EmbedderService(embedder, "all-minilm-l6-v2");
        List<String> texts = List.of("The LORD is my shepherd", "a", "Let there be light, and there was light");
        List<float[]> rows = service.embed(texts);
        assertThat(rows).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            float[] expected;
            try (Array one = embedder.embed(List.of(texts.get(i)))) { expected = one.toFloatArray(); }
            assertThat(rows.get(i)).hasSize(384);
            double norm = 0;
            for (int j = 0; j < 384; j++) {
                assertThat((double) rows.get(i)[j]).isCloseTo(expected[j], org.assertj.core.data.Offset.offset(1e-5));
                norm += rows.get(i)[j] * rows.get(i)[j];
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(service.countTokens("a")).isEqualTo(embedder.tokenize("a").length).isEqualTo(3);
    }
}
