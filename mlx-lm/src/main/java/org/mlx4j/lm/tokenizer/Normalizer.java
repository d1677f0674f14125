package org.mlx4j.lm.tokenizer;

/** A tokenizer.json {@code normalizer}: rewrites the text between added tokens before it is split into words. */
@FunctionalInterface
interface Normalizer {
    String normalize(String text);
}
