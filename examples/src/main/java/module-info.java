/** Runnable example programs: compiled as a module, so they use nothing but the exported API. */
module org.mlx4j.examples {
    requires org.mlx4j.reactive;

    // trees of arrays may be records (ToyLanguageModel.State): mlx-core's Tree reads their components
    opens org.mlx4j.examples.reactive to org.mlx4j.core;
}
