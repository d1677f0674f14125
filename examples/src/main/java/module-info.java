/** Runnable example programs: compiled as a module, so they use nothing but the exported API. */
module org.mlx4j.examples {
    requires org.mlx4j.reactive;
    requires org.mlx4j.nn;
    requires org.mlx4j.lm;
    requires org.knowm.xchart;
    requires java.desktop;

    exports org.mlx4j.examples.nn;
    exports org.mlx4j.examples.lm;

    // trees of arrays may be records (ToyLanguageModel.State): mlx-core's Tree reads their components
    opens org.mlx4j.examples.reactive to org.mlx4j.core;

    // embed: the ./mlx4j embed command and the embedding examples (.jsonl input through Jackson)
    requires com.fasterxml.jackson.databind;
    exports org.mlx4j.examples.embed;
}
