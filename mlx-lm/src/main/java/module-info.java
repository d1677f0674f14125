/** Language-model pieces over mlx-core: KV caches, samplers. */
module org.mlx4j.lm {
    requires transitive org.mlx4j.core;

    exports org.mlx4j.lm.cache;
    exports org.mlx4j.lm.sample;
}
