package org.mlx4j.lm.tokenizer;

/** A tokenizer.json {@code post_processor}: adds the special tokens (BOS, CLS, SEP) around one encoded sequence. */
@FunctionalInterface
interface PostProcessor {
    int[] process(int[] ids);
}
