/** Language-model pieces over mlx-core: KV caches, samplers. */
module org.mlx4j.lm {
    requires transitive org.mlx4j.core;
    requires com.fasterxml.jackson.databind; // GGUF export: config.json, tokenizer.json

    exports org.mlx4j.lm.cache;
    exports org.mlx4j.lm.sample;
    exports org.mlx4j.lm.gguf;
}
