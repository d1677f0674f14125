/** Hugging Face language models over mlx-core and mlx-nn: architectures, loading, tokenizers, caches, samplers, generation. */
module org.mlx4j.lm {
    requires transitive org.mlx4j.core;
    requires transitive org.mlx4j.nn;
    // config.json and tokenizer.json (models, tokenizer, GGUF export)
    requires com.fasterxml.jackson.databind;
    // chat templates through Jinjava; java.beans.FeatureDescriptor is in its ELResolver signature
    requires jinjava;
    requires java.desktop;

    exports org.mlx4j.lm.cache;
    exports org.mlx4j.lm.sample;
    exports org.mlx4j.lm.models;
    exports org.mlx4j.lm.load;
    exports org.mlx4j.lm.generate;
    exports org.mlx4j.lm.tokenizer;
    exports org.mlx4j.lm.gguf;

    // embed: BERT-family sentence encoders, their ONNX export's initializers, pooling (Jackson above)
    exports org.mlx4j.lm.embed;
}
