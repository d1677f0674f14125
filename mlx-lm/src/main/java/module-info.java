/** Language-model pieces over mlx-core: KV caches, samplers. */
module org.mlx4j.lm {
    requires transitive org.mlx4j.core;

    exports org.mlx4j.lm.cache;
    exports org.mlx4j.lm.sample;

    // models: Hugging Face architectures on mlx-nn, their config.json through Jackson
    requires transitive org.mlx4j.nn;
    requires com.fasterxml.jackson.databind;
    exports org.mlx4j.lm.models;

    // tokenizer: tokenizer.json through Jackson (above), chat templates through Jinjava
    requires jinjava;
    requires java.desktop; // java.beans.FeatureDescriptor, in Jinjava's ELResolver signature
    exports org.mlx4j.lm.tokenizer;

    // embed: BERT-family sentence encoders, their ONNX export's initializers, pooling (Jackson above)
    exports org.mlx4j.lm.embed;
}
