/** Language-model pieces over mlx-core: KV caches, samplers. */
module org.mlx4j.lm {
    requires transitive org.mlx4j.core;

    exports org.mlx4j.lm.cache;
    exports org.mlx4j.lm.sample;

    // tokenizer: tokenizer.json through Jackson, chat templates through Jinjava
    requires com.fasterxml.jackson.databind;
    requires jinjava;
    requires java.desktop; // java.beans.FeatureDescriptor, in Jinjava's ELResolver signature
    exports org.mlx4j.lm.tokenizer;

    // models: Hugging Face architectures on mlx-nn (config.json through Jackson, above); loading them from disk
    requires transitive org.mlx4j.nn;
    exports org.mlx4j.lm.models;
    exports org.mlx4j.lm.load;
    exports org.mlx4j.lm.generate;
}
