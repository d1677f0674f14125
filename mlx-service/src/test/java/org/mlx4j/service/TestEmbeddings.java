package org.mlx4j.service;

import org.mlx4j.spring.boot.EmbeddingService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The tests' embedding model bean. */
@TestConfiguration
class TestEmbeddings {
    @Bean EmbeddingService embeddings() { return new HashingEmbeddings(); }
}
